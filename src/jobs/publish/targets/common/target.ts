import type { z } from "zod";
import type { Octokit } from "../../../../github/octokit";
import type { ReleaseAsset } from "../../../../github/release-asset";
import type { RepoFileReadOctokit } from "../../../../github/read-repo-file";
import type { RepoFileWriteOctokit } from "../../../../github/write-repo-file";

/**
 * The interface every publish target implements: one module per registry, each exporting a
 * {@link TargetDescriptor}. The publish job calls, per target and in this order:
 *
 * 1. `verifyCredentials` for every target before anything is published (read-only);
 * 2. `prepare`: what would be published, with its digests (a packed tarball, selected assets);
 * 3. `probe`: what the destination already holds — `absent`, `identical` or `different`;
 * 4. `publish`, only when the probe said `absent`;
 * 5. `dispose()` of the prepared value, always (it removes temporary files).
 *
 * Failures are thrown as the classes of `target-errors.ts`, whose messages say what was wrong
 * and what to do, and never contain a secret; each says whether a retry can help. Any other
 * error (GitHub's, the network's) is worth retrying.
 */

/** The release being published, as the job resolved it. */
export interface ReleaseInfo {
  owner: string;
  repo: string;
  /** The release's tag, e.g. `v1.2.3`. */
  tag: string;
  /** The tag as a version: `v1.2.3` → `1.2.3` (see `releaseVersion`). */
  version: string;
  prerelease: boolean;
  /** The commit the tag points at. */
  commitSha: string;
  /** The release's assets as GitHub lists them. */
  assets: readonly ReleaseAsset[];
}

/** An installation client for a repository other than the releasing one (a Homebrew tap). */
export type RepoFileOctokit = RepoFileReadOctokit & RepoFileWriteOctokit;

/** The GitHub access a target may use; each member is the Octokit slice its calls need. */
export interface TargetGitHub {
  /** The releasing repository's installation client: release assets and the tarball at the tag. */
  release: { request: Octokit["request"] };
  /**
   * An installation client for another repository the app is installed on. Rejects, with a
   * message saying so, when the app cannot act on that repository.
   */
  repository(owner: string, repo: string): Promise<RepoFileOctokit>;
}

/** Everything a target's steps receive. */
export interface TargetContext<Config> {
  /** The target's name under `publish.targets`, e.g. `mirror`. */
  name: string;
  config: Config;
  release: ReleaseInfo;
  /** Opened secrets by name (`NPM_TOKEN` → its value). Only names the config refers to are needed. */
  secrets: Readonly<Record<string, string>>;
  /** One line of the target's log. Lines must never contain a secret. */
  log(line: string): void;
  github: TargetGitHub;
  /** Where temporary files go (downloads, a package being packed); the system's when unset. */
  tempDir?: string;
}

/** The context without the target's own name and config: what the job hands a bound target. */
export type TargetRunContext = Omit<TargetContext<never>, "name" | "config">;

/** One file that is, or will be, at the destination. */
export interface Artifact {
  /** File name (an asset's name, `name-1.2.3.tgz`, `Formula/site.rb`). */
  name: string;
  size: number;
  /** `sha256:<hex>`, or for npm packages the Subresource Integrity string (`sha512-…`). */
  digest: string;
}

/** What `prepare` produced: the files to publish, and a way to remove what was staged for them. */
export interface PreparedPublish {
  /** One line for the log and the check run: "package acme-core@1.2.3 (12 files, 4.1 kB)". */
  summary: string;
  artifacts: readonly Artifact[];
  /** Removes temporary files. Safe to call more than once. */
  dispose(): Promise<void>;
}

/** What the destination holds for this release. */
export type ProbeResult =
  | { state: "absent"; detail: string }
  | { state: "identical"; detail: string; link: string; digest: string }
  | { state: "different"; detail: string };

export interface PublishResult {
  /** Where people find what was published (a registry page, an object URL, a commit). */
  link: string;
  /**
   * One digest for the audit trail: the only artifact's, or with several files `sha256:` of
   * their `SHA256SUMS`-style listing (`<hex>  <name>` lines, sorted by name).
   */
  digest: string;
  artifacts: readonly Artifact[];
}

export interface CredentialsVerified {
  /** What the check proved, e.g. "authenticated as acme-bot". Never contains the secret. */
  detail: string;
}

/** A target type: its config schema and its four steps. */
export interface TargetDescriptor<Type extends string, Config extends { type: Type }, Prepared extends PreparedPublish> {
  type: Type;
  /** The zod schema of one entry of `publish.targets` with this `type`. */
  schema: z.ZodType<Config, unknown>;
  /** The config keys whose values name a secret (`token`, `access_key_id`, …). */
  secretKeys: readonly (keyof Config & string)[];
  verifyCredentials(ctx: TargetContext<Config>): Promise<CredentialsVerified>;
  prepare(ctx: TargetContext<Config>): Promise<Prepared>;
  probe(ctx: TargetContext<Config>, prepared: Prepared): Promise<ProbeResult>;
  publish(ctx: TargetContext<Config>, prepared: Prepared): Promise<PublishResult>;
}
