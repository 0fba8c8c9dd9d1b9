import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Transform, pipeline as pipe } from "node:stream";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { downloadReleaseAsset } from "../../../../github/download-release-asset";
import type { ReleaseAsset } from "../../../../github/release-asset";
import { TargetUnavailableError } from "./target-errors";
import type { TargetContext } from "./target";

/** A release asset ready to publish: its SHA-256 known, its bytes a stream away. */
export interface StagedAsset {
  asset: ReleaseAsset;
  /** Lowercase hex SHA-256 of the asset's bytes. */
  sha256: string;
  /** The local copy, when one was made. */
  path?: string;
  /** A new stream of the asset's bytes; it fails if they do not match `sha256` and the listed size. */
  open(): Promise<Readable>;
  /** Removes the local copy, if any. */
  dispose(): Promise<void>;
}

/** The hex SHA-256 of GitHub's `digest` field (`sha256:<hex>`), if it holds one. */
export function githubSha256(asset: ReleaseAsset): string | undefined {
  const match = /^sha256:([0-9a-fA-F]{64})$/.exec(asset.digest ?? "");
  return match?.[1]?.toLowerCase();
}

/**
 * Makes a release asset's SHA-256 known without holding the asset in memory. When GitHub
 * lists a digest, that is used and nothing is downloaded now: `open()` streams from GitHub and
 * checks the bytes on the way. Otherwise (older assets), or when `local` asks for a file (to
 * read inside it), the asset is streamed once into a temporary file while hashing; `dispose()`
 * removes it.
 */
export async function stageAsset(ctx: TargetContext<unknown>, asset: ReleaseAsset, { local = false }: { local?: boolean } = {}): Promise<StagedAsset> {
  const listed = githubSha256(asset);
  const download = () => downloadReleaseAsset(ctx.github.release, { owner: ctx.release.owner, repo: ctx.release.repo, asset });
  if (listed && !local) {
    return { asset, sha256: listed, open: async () => pipe(await download(), checkSha256(asset, listed), () => {}), dispose: async () => {} };
  }

  const dir = await mkdtemp(join(ctx.tempDir ?? tmpdir(), "slipway-asset-"));
  const path = join(dir, "asset");
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const hash = createHash("sha256");
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    ctx.log(`downloading ${asset.name} (${asset.size} bytes) to compute its SHA-256`);
    await pipeline(await download(), hashing, createWriteStream(path));
    const sha256 = hash.digest("hex");
    if (listed && listed !== sha256) throw mismatch(asset, listed, sha256);
    return { asset, sha256, path, open: async () => createReadStream(path), dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

function mismatch(asset: ReleaseAsset, expected: string, actual: string): TargetUnavailableError {
  return new TargetUnavailableError(
    `the download of ${asset.name} has SHA-256 ${actual}, not the ${expected} GitHub lists for it; nothing was published from it. Retry; if it persists, re-upload the asset.`,
  );
}

/** Passes bytes through, failing at the end if their SHA-256 is not `expected`. */
function checkSha256(asset: ReleaseAsset, expected: string): Transform {
  const hash = createHash("sha256");
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      const actual = hash.digest("hex");
      done(actual === expected ? null : mismatch(asset, expected, actual));
    },
  });
}
