import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * The real `npm` client pointed at the test Verdaccio, with its own configuration and cache in a
 * temporary folder (so the tests read the registry, never a cached copy, and leave nothing).
 */
export class NpmCli {
  readonly dir = mkdtempSync(join(tmpdir(), "slipway-npm-cli-"));
  private readonly userconfig = join(this.dir, ".npmrc");

  constructor(readonly registry: string, token: string) {
    const host = new URL(registry).host;
    writeFileSync(this.userconfig, `registry=${registry}\n//${host}/:_authToken=${token}\n`);
  }

  async run(args: string[], cwd = this.dir): Promise<string> {
    const { stdout } = await run("npm", args, {
      cwd,
      env: {
        ...process.env,
        npm_config_userconfig: this.userconfig,
        npm_config_cache: join(this.dir, "cache"),
        npm_config_registry: this.registry,
        npm_config_update_notifier: "false",
        npm_config_audit: "false",
        npm_config_fund: "false",
        npm_config_loglevel: "error",
      },
    });
    return stdout;
  }

  /** `npm view <spec> <field> --json`, parsed. */
  async view(spec: string, field: string): Promise<unknown> {
    const out = await this.run(["view", spec, field, "--json"]);
    return out.trim() === "" ? undefined : JSON.parse(out);
  }

  cleanUp(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
