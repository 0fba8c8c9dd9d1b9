import { randomUUID } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import type { Blob, BlobStore } from "./blob-store";
import { assertValidBlobKey, assertValidBlobPrefix, InvalidBlobKeyError } from "./blob-key";

const FALLBACK_CONTENT_TYPE = "application/octet-stream";

/** Node's file system error code; duck-typed, since errors may come from another realm. */
function codeOf(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

function isMissing(error: unknown): boolean {
  const code = codeOf(error);
  return code === "ENOENT" || code === "ENOTDIR";
}

/**
 * Blobs as plain files, for running Slipway on one machine. Under `rootDir`:
 * `objects/<key>` holds the bytes (so a local site can be inspected with any file browser),
 * `content-types/<key>` the content type, and `tmp/` the half-written files. The content type
 * lives in a parallel tree rather than a sidecar next to the object, because any sidecar name
 * (`x.meta`) could also be a real key of a user's site.
 *
 * Like a file system and unlike S3, a key cannot be both an object and a folder (`a` and `a/b`);
 * build files come from one Git tree, where that cannot happen either.
 */
export class FolderBlobStore implements BlobStore {
  private readonly root: string;

  constructor(rootDir: string) {
    this.root = resolve(rootDir);
  }

  /** Writes atomically: readers see the old object or the new one, never a partial file. */
  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    // The content type goes first: an object that exists always has its type written.
    await this.writeAtomically(this.pathOf("content-types", key), Buffer.from(contentType, "utf8"));
    await this.writeAtomically(this.pathOf("objects", key), body);
  }

  async get(key: string): Promise<Blob | undefined> {
    let body: Buffer;
    try {
      body = await readFile(this.pathOf("objects", key));
    } catch (error) {
      // A folder is not an object, as in S3 where `a/` is only a shared prefix.
      if (isMissing(error) || codeOf(error) === "EISDIR") return undefined;
      throw error;
    }
    const contentType = await readFile(this.pathOf("content-types", key), "utf8").catch((error: unknown) => {
      if (isMissing(error)) return FALLBACK_CONTENT_TYPE;
      throw error;
    });
    return { body, contentType };
  }

  async deletePrefix(prefix: string): Promise<number> {
    assertValidBlobPrefix(prefix);
    const folder = prefix.slice(0, -1);
    const objects = this.pathOf("objects", folder);
    const count = await countFiles(objects);
    await rm(objects, { recursive: true, force: true });
    await rm(this.pathOf("content-types", folder), { recursive: true, force: true });
    return count;
  }

  /** Maps a key into one of the trees, refusing anything that would resolve outside it. */
  private pathOf(tree: "objects" | "content-types", key: string): string {
    assertValidBlobKey(key);
    const base = join(this.root, tree);
    const path = resolve(base, ...key.split("/"));
    // Validation already rules this out; the check keeps the guarantee local and obvious.
    if (!path.startsWith(base + sep)) {
      throw new InvalidBlobKeyError(`Blob key ${JSON.stringify(key)} resolves outside ${base}. Build keys with buildFileKey() or logKey().`);
    }
    return path;
  }

  private async writeAtomically(path: string, body: Buffer): Promise<void> {
    const tmpDir = join(this.root, "tmp");
    // The temporary file sits on the same file system as its target, so rename() is atomic.
    const tmp = join(tmpDir, randomUUID());
    await mkdir(tmpDir, { recursive: true });
    await mkdir(dirname(path), { recursive: true });
    try {
      await writeFile(tmp, body);
      await rename(tmp, path);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }
}

async function countFiles(dir: string): Promise<number> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).length;
  } catch (error) {
    if (isMissing(error)) return 0;
    throw error;
  }
}
