import { randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LockfileUpdateError, updateLockfile } from "../../../src/jobs/propagate/update-lockfile";
import { NpmCli } from "../publish/targets/npm-cli";

const registry = process.env.TEST_NPM_REGISTRY ?? "";
const token = process.env.TEST_NPM_TOKEN ?? "";

jest.setTimeout(120_000);

describe("updateLockfile against a real registry (Verdaccio)", () => {
  const npm = new NpmCli(registry, token);
  const suffix = randomUUID().slice(0, 8);
  const system = `@slipway-test/ds-${suffix}`;
  const other = `other-${suffix}`;

  async function publish(name: string, version: string): Promise<void> {
    const dir = join(npm.dir, `${name.replace("/", "-")}-${version}`);
    mkdirSync(dir, { recursive: true });
    // A script that would leave a mark if anything ran it.
    writeFileSync(join(dir, "package.json"), JSON.stringify({ name, version, scripts: { postinstall: "node -e \"require('fs').writeFileSync('/tmp/slipway-script-ran','x')\"" } }));
    writeFileSync(join(dir, "index.js"), `module.exports = ${JSON.stringify(version)};\n`);
    await npm.run(["publish", "--ignore-scripts", "--access", "public"], dir);
  }

  const consumer = join(npm.dir, "consumer");
  let lockfile = "";

  beforeAll(async () => {
    await publish(system, "1.0.0");
    await publish(other, "2.0.0");
    mkdirSync(consumer);
    writeFileSync(join(consumer, "package.json"), `${JSON.stringify({ name: "consumer", version: "0.0.0", dependencies: { [system]: "~1.0.0", [other]: "^2.0.0" } }, null, 2)}\n`);
    await npm.run(["install", "--ignore-scripts", "--package-lock-only"], consumer);
    lockfile = readFileSync(join(consumer, "package-lock.json"), "utf8");
    await publish(system, "1.1.0");
    // Published after the release being propagated: the range allows it, the lock must not take it.
    await publish(system, "1.1.1");
    await publish(other, "2.1.0");
  });

  afterAll(() => npm.cleanUp());

  it("moves the package to the new version with the registry's resolved and integrity, keeps other locked versions, and npm ci accepts the result", async () => {
    const bumped = `${JSON.stringify({ name: "consumer", version: "0.0.0", dependencies: { [system]: "~1.1.0", [other]: "^2.0.0" } }, null, 2)}\n`;
    const updated = await updateLockfile({ packageJson: bumped, lockfile, registry, token, dependency: { name: system, range: "~1.1.0", version: "1.1.0" } });

    const parsed: { packages: Record<string, { version?: string; resolved?: string; integrity?: string }>; lockfileVersion: number } = JSON.parse(updated);
    const entry = parsed.packages[`node_modules/${system}`];
    expect(entry?.version).toBe("1.1.0");
    expect(entry?.integrity).toBe(await npm.view(`${system}@1.1.0`, "dist.integrity"));
    expect(entry?.resolved).toBe(await npm.view(`${system}@1.1.0`, "dist.tarball"));
    // 2.1.0 is out, but the locked 2.0.0 still satisfies ^2.0.0: it stays.
    expect(parsed.packages[`node_modules/${other}`]?.version).toBe("2.0.0");
    expect(parsed.lockfileVersion).toBe(JSON.parse(lockfile).lockfileVersion);
    expect(updated.endsWith("}\n")).toBe(true);

    writeFileSync(join(consumer, "package.json"), bumped);
    // The old lockfile no longer matches the bumped package.json: npm ci refuses it…
    writeFileSync(join(consumer, "package-lock.json"), lockfile);
    await expect(npm.run(["ci", "--ignore-scripts", "--dry-run"], consumer)).rejects.toThrow(/in sync/);
    // …and accepts the updated one.
    writeFileSync(join(consumer, "package-lock.json"), updated);
    await expect(npm.run(["ci", "--ignore-scripts", "--dry-run"], consumer)).resolves.toBeDefined();
  });

  it("says the version cannot be resolved when the registry does not have it", async () => {
    const bumped = JSON.stringify({ name: "consumer", version: "0.0.0", dependencies: { [system]: "~9.0.0", [other]: "^2.0.0" } });
    await expect(updateLockfile({ packageJson: bumped, lockfile, registry, token, dependency: { name: system, range: "~9.0.0", version: "9.0.0" } })).rejects.toThrow(LockfileUpdateError);
    await expect(updateLockfile({ packageJson: bumped, lockfile, registry, token, dependency: { name: system, range: "~9.0.0", version: "9.0.0" } })).rejects.toThrow(/npm could not resolve the new version against/);
  });

  it("refuses a version 1 lockfile with what to do", async () => {
    const old = JSON.stringify({ name: "consumer", version: "0.0.0", lockfileVersion: 1, dependencies: {} });
    await expect(updateLockfile({ packageJson: "{}", lockfile: old, registry, token, dependency: { name: system, range: "~1.1.0", version: "1.1.0" } })).rejects.toThrow(/lockfileVersion 1; Slipway updates versions 2 and 3/);
  });
});
