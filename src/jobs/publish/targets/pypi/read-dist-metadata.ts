import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { extract } from "tar-stream";
import yauzl from "yauzl";
import type { DistFilename } from "./dist-filename";

/** More than any real METADATA or PKG-INFO, which hold a README at most. */
const MAX_METADATA_BYTES = 4 * 1024 * 1024;

/** The distribution's core metadata file holds nothing the index can read. */
export class DistMetadataError extends Error {
  override name = "DistMetadataError";
}

/**
 * The core metadata file of a distribution, as text: a wheel's `<name>-<version>.dist-info/METADATA`
 * (the file PyPI itself requires), or an sdist's `<name>-<version>/PKG-INFO`.
 */
export async function readDistMetadata(path: string, dist: DistFilename, filename: string): Promise<string> {
  const text = dist.kind === "wheel" ? await wheelMetadata(path, `${dist.name}-${dist.version}.dist-info/METADATA`) : await sdistMetadata(path);
  if (text === undefined) {
    throw new DistMetadataError(
      dist.kind === "wheel"
        ? `the wheel ${filename} holds no ${dist.name}-${dist.version}.dist-info/METADATA; build it with a standard tool (python -m build).`
        : `the source distribution ${filename} holds no PKG-INFO in its top folder; build it with a standard tool (python -m build --sdist).`,
    );
  }
  return text;
}

function wheelMetadata(path: string, wanted: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (openError, zip) => {
      if (openError) return reject(new DistMetadataError(`a wheel must be a zip file, and this one could not be read (${openError.message})`));
      let found = false;
      zip.on("error", reject);
      zip.on("end", () => {
        if (!found) resolve(undefined);
      });
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entry.fileName !== wanted) return zip.readEntry();
        found = true;
        if (entry.uncompressedSize > MAX_METADATA_BYTES) return reject(new DistMetadataError(`${wanted} is larger than ${MAX_METADATA_BYTES} bytes`));
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("error", reject);
          stream.on("end", () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString("utf8"));
          });
        });
      });
      zip.readEntry();
    });
  });
}

async function sdistMetadata(path: string): Promise<string | undefined> {
  const entries = extract();
  // Settles to the stream's failure, if any, so it is never left unhandled.
  const reading = pipeline(createReadStream(path), createGunzip(), entries).then(
    () => undefined,
    (error: unknown) => error,
  );
  let text: string | undefined;
  try {
    for await (const entry of entries) {
      const segments = entry.header.name.replace(/^\.\//, "").split("/");
      if (text !== undefined || segments.length !== 2 || segments[1] !== "PKG-INFO" || entry.header.type !== "file") {
        entry.resume();
        continue;
      }
      if ((entry.header.size ?? 0) > MAX_METADATA_BYTES) throw new DistMetadataError(`PKG-INFO is larger than ${MAX_METADATA_BYTES} bytes`);
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      text = Buffer.concat(chunks).toString("utf8");
    }
  } catch (error) {
    entries.destroy();
    await reading;
    throw error instanceof DistMetadataError ? error : unreadable(error);
  }
  const failure = await reading;
  if (failure !== undefined) throw unreadable(failure);
  return text;
}

function unreadable(cause: unknown): DistMetadataError {
  return new DistMetadataError(`a source distribution must be a gzip'd tar, and this one could not be read (${cause instanceof Error ? cause.message : String(cause)})`);
}
