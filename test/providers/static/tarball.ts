import { pack } from "tar-stream";
import type { Header } from "tar-stream";
import { gzipSync } from "node:zlib";
import { Readable } from "node:stream";

export interface TarEntry {
  name: string;
  type?: Header["type"];
  body?: string | Buffer;
  linkname?: string;
  /** Defaults to 0o755 for directories and 0o644 for files. */
  mode?: number;
  /** Extended header records; tar-stream then writes the name in the pax header only. */
  pax?: Record<string, string>;
}

/**
 * A raw pax global header block, the first entry of every `git archive` tarball (GitHub's
 * holds `comment=<commit sha>`). tar-stream's packer cannot write one, so it is built here.
 */
function paxGlobalHeader(records: Record<string, string>): Buffer {
  const body = Buffer.from(
    Object.entries(records)
      .map(([key, value]) => {
        const line = ` ${key}=${value}\n`;
        let length = line.length + 2;
        while (String(length).length + line.length !== length) length = String(length).length + line.length;
        return `${length}${line}`;
      })
      .join(""),
  );
  const header = Buffer.alloc(512);
  header.write("pax_global_header", 0);
  header.write("0000666\0", 100);
  header.write("0000000\0", 108);
  header.write("0000000\0", 116);
  header.write(`${body.length.toString(8).padStart(11, "0")}\0`, 124);
  header.write("00000000000\0", 136);
  header.write("g", 156);
  header.write("ustar\0", 257);
  header.write("00", 263);
  header.write("        ", 148);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  const padding = Buffer.alloc((512 - (body.length % 512)) % 512);
  return Buffer.concat([header, body, padding]);
}

/** Packs entries into an uncompressed tar, optionally led by a pax global header. */
export async function tar(entries: TarEntry[], globalPax?: Record<string, string>): Promise<Buffer> {
  const packer = pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of packer) chunks.push(chunk as Buffer);
  })();
  for (const { name, type = "file", body, linkname, pax, mode } of entries) {
    await new Promise<void>((resolve, reject) => {
      const header = { name, type, mode: mode ?? (type === "directory" ? 0o755 : 0o644), ...(linkname ? { linkname } : {}), ...(pax ? { pax } : {}) };
      const callback = (error?: Error | null) => (error ? reject(error) : resolve());
      if (type === "file") packer.entry(header, body ?? "", callback);
      else packer.entry(header, callback);
    });
  }
  packer.finalize();
  await done;
  return Buffer.concat([...(globalPax ? [paxGlobalHeader(globalPax)] : []), ...chunks]);
}

/** A gzip'd tarball as a stream, as GitHub's tarball endpoint delivers it. */
export async function tarball(entries: TarEntry[], globalPax?: Record<string, string>): Promise<Readable> {
  return Readable.from([gzipSync(await tar(entries, globalPax))]);
}
