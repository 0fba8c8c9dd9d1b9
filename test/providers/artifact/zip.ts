import { ZipFile } from "yazl";

/** One entry of a zip built for a test. */
export interface ZipEntry {
  name: string;
  body?: string | Buffer;
  /** Unix mode, file type bits included (0o120777 is a symbolic link). */
  mode?: number;
  directory?: boolean;
  /** Stored instead of deflated. */
  store?: boolean;
}

/** A zip as actions/upload-artifact makes them (deflated entries, Unix modes), by yazl. */
export async function zipOf(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const entry of entries) {
    if (entry.directory) zip.addEmptyDirectory(entry.name, { mode: entry.mode });
    else zip.addBuffer(Buffer.from(entry.body ?? ""), entry.name, { mode: entry.mode ?? 0o100644, compress: !entry.store });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

interface CentralRecord {
  offset: number;
  length: number;
  name: string;
}

/** The central directory's records: where each lies and the name it holds. */
function centralRecords(zip: Buffer): { records: CentralRecord[]; end: number } {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || zip.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) throw new Error("not a zip");
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const records: CentralRecord[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_HEADER) throw new Error("bad central directory");
    const nameLength = zip.readUInt16LE(offset + 28);
    const length = 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
    records.push({ offset, length, name: zip.toString("latin1", offset + 46, offset + 46 + nameLength) });
    offset += length;
  }
  return { records, end };
}

function recordOf(zip: Buffer, name: string): CentralRecord {
  const record = centralRecords(zip).records.find((candidate) => candidate.name === name);
  if (!record) throw new Error(`no entry ${name}`);
  return record;
}

/**
 * Renames an entry in place, in its local header and the central directory: how a hostile zip
 * gets the names a zip writer refuses to write (`../x`, `/etc/x`, `C:/x`, backslashes).
 * Both names must have the same length in bytes.
 */
export function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error("names must have the same length");
  const patched = Buffer.from(zip);
  const record = recordOf(patched, from);
  const local = patched.readUInt32LE(record.offset + 42);
  patched.write(to, local + 30, "latin1");
  patched.write(to, record.offset + 46, "latin1");
  return patched;
}

/** Makes the central directory (and local header) declare another uncompressed size for an entry. */
export function declareSize(zip: Buffer, name: string, size: number): Buffer {
  const patched = Buffer.from(zip);
  const record = recordOf(patched, name);
  patched.writeUInt32LE(size, record.offset + 24);
  const local = patched.readUInt32LE(record.offset + 42);
  patched.writeUInt32LE(size, local + 22);
  return patched;
}

/**
 * Adds `count` more central-directory records that all point at the data of `name`: an
 * overlapping-entry bomb, where one small deflate stream is inflated once per record.
 */
export function aliasEntry(zip: Buffer, name: string, count: number): Buffer {
  const { records, end } = centralRecords(zip);
  const record = records.find((candidate) => candidate.name === name);
  if (!record) throw new Error(`no entry ${name}`);
  const directoryStart = zip.readUInt32LE(end + 16);
  const aliases = Array.from({ length: count }, (_, i) => {
    const alias = Buffer.from(zip.subarray(record.offset, record.offset + record.length));
    const aliasName = `${String(i).padStart(4, "0")}-${name}`.slice(0, name.length);
    alias.write(aliasName.padEnd(name.length, "x"), 46, "latin1");
    return alias;
  });
  const directory = Buffer.concat([zip.subarray(directoryStart, end), ...aliases]);
  const tail = Buffer.from(zip.subarray(end));
  const total = records.length + count;
  tail.writeUInt16LE(total, 8);
  tail.writeUInt16LE(total, 10);
  tail.writeUInt32LE(directory.length, 12);
  return Buffer.concat([zip.subarray(0, directoryStart), directory, tail]);
}
