import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Arborist from "@npmcli/arborist";
import { registryBase } from "../publish/targets/npm/registry-url";

/** The lockfile could not be brought to the new version; the message says why. */
export class LockfileUpdateError extends Error {
  override name = "LockfileUpdateError";
}

/**
 * package-lock.json (v2 or v3) updated for an already-bumped package.json: npm's own resolver
 * (Arborist) in a temporary folder, writing the lockfile only — nothing is installed and no
 * package script runs. Versions whose edges still hold keep their locked entries; `dependency`
 * (its new range, as in package.json) gets its `resolved` and `integrity` from `registry`.
 */
export async function updateLockfile({
  packageJson,
  lockfile,
  registry,
  token,
  dependency,
}: {
  packageJson: string;
  lockfile: string;
  registry: string;
  token?: string;
  dependency: { name: string; range: string; version: string };
}): Promise<string> {
  const version = lockfileVersion(lockfile);
  if (version !== 2 && version !== 3) {
    throw new LockfileUpdateError(`package-lock.json has lockfileVersion ${String(version)}; Slipway updates versions 2 and 3 (npm 7 and later). Run \`npm install\` with a current npm once to upgrade it.`);
  }
  const dir = await mkdtemp(join(tmpdir(), "slipway-lockfile-"));
  try {
    await writeFile(join(dir, "package.json"), packageJson);
    await writeFile(join(dir, "package-lock.json"), lockfile);
    const base = registryBase(registry);
    const arborist = new Arborist({
      path: dir,
      registry: base,
      ...(token ? { [authKey(base)]: token } : {}),
      cache: join(dir, ".npm-cache"),
      // Node's own agent rather than npm's pooled, proxy-aware one (as the npm publish target
      // does): a job reads no npm proxy settings.
      agent: base.startsWith("https:") ? new HttpsAgent() : new HttpAgent(),
      // A registry that is down fails the job, which the queue retries, rather than holding it.
      fetchRetries: 1,
      ignoreScripts: true,
      packageLockOnly: true,
      audit: false,
      fund: false,
      // Never read the user's or the machine's npm configuration.
      userconfig: join(dir, ".npmrc-none"),
      globalconfig: join(dir, ".npmrc-global-none"),
      // The resolver would otherwise report progress on the process's terminal.
      progress: false,
      log: { silly() {}, verbose() {}, info() {}, http() {}, warn() {}, error() {}, notice() {}, timing() {}, pause() {}, resume() {} },
    });
    try {
      // The released version exactly, not the newest the range allows: the pull request is the
      // upgrade to this release. (Named explicitly: a lockfile that disagrees with package.json
      // is otherwise kept as it is.) The package.json npm saves beside it is dropped.
      await arborist.reify({ packageLockOnly: true, ignoreScripts: true, save: true, saveExact: true, add: [`${dependency.name}@${dependency.version}`] });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new LockfileUpdateError(`npm could not resolve the new version against ${base}: ${reason.split("\n")[0]}`);
    }
    const updated = await readFile(join(dir, "package-lock.json"), "utf8");
    return keepLineEnding(lockfile, withRootRange(updated, dependency));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const SECTIONS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];

/**
 * The lockfile's root entry mirrors package.json (npm ci compares them): it gets the bumped
 * range, where npm saved the exact version it was asked to resolve.
 */
function withRootRange(lockfile: string, dependency: { name: string; range: string }): string {
  const parsed: unknown = JSON.parse(lockfile);
  if (!isRecord(parsed) || !isRecord(parsed.packages) || !isRecord(parsed.packages[""])) return lockfile;
  const root = parsed.packages[""];
  for (const section of SECTIONS) {
    const entries = root[section];
    if (isRecord(entries) && dependency.name in entries) entries[dependency.name] = dependency.range;
  }
  const indent = /^\{\n([ \t]+)"/.exec(lockfile)?.[1] ?? "  ";
  return `${JSON.stringify(parsed, null, indent)}\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function lockfileVersion(lockfile: string): unknown {
  try {
    const parsed: unknown = JSON.parse(lockfile);
    return typeof parsed === "object" && parsed !== null && "lockfileVersion" in parsed ? parsed.lockfileVersion : undefined;
  } catch {
    throw new LockfileUpdateError("package-lock.json is not valid JSON; fix it on the default branch so it can be updated.");
  }
}

/** npm's key for a registry's token: `//host[:port]/path/:_authToken`. */
function authKey(base: string): string {
  const url = new URL(base);
  return `//${url.host}${url.pathname}:_authToken`;
}

/** The updated file ends the way the consumer's did (with or without a final newline). */
function keepLineEnding(original: string, updated: string): string {
  const trimmed = updated.replace(/\n+$/, "");
  return original.endsWith("\n") ? `${trimmed}\n` : trimmed;
}
