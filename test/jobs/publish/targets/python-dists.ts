import { createHash } from "node:crypto";
import { crc32, gzipSync } from "node:zlib";
import { tar } from "../../../providers/static/tarball";

export interface DistSpec {
  /** The project name as users write it, e.g. `acme-core`. */
  name: string;
  version: string;
  summary?: string;
  /** Changes the package's code, and so the file's content, without changing its name. */
  code?: string;
}

/** Core metadata (METADATA / PKG-INFO) as build backends write it. */
export function coreMetadata({ name, version, summary = "The core of Acme" }: DistSpec): string {
  return [
    "Metadata-Version: 2.1",
    `Name: ${name}`,
    `Version: ${version}`,
    `Summary: ${summary}`,
    "Home-page: https://github.com/acme/web",
    "Author-email: Acme <dev@acme.test>",
    "License: MIT",
    "Classifier: Programming Language :: Python :: 3",
    "Classifier: License :: OSI Approved :: MIT License",
    "Requires-Python: >=3.8",
    "Requires-Dist: requests>=2",
    "Description-Content-Type: text/markdown",
    "",
    `# ${name}`,
    "",
    "The long description, from the README.",
    "",
  ].join("\n");
}

/** `acme-core` → `acme_core`, as distribution file names write it. */
function escaped(name: string): string {
  return name.replace(/[-_.]+/g, "_").toLowerCase();
}

/** A zip archive of stored (uncompressed) entries, which is all a wheel needs to be. */
function zip(files: [string, Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(0o100644 * 0x10000, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A pure-Python wheel, `<name>-<version>-py3-none-any.whl`, with METADATA, WHEEL and RECORD. */
export function wheel(spec: DistSpec): { filename: string; body: Buffer } {
  const base = `${escaped(spec.name)}-${spec.version}`;
  const files: [string, Buffer][] = [
    [`${escaped(spec.name)}/__init__.py`, Buffer.from(spec.code ?? "ANSWER = 42\n")],
    [`${base}.dist-info/METADATA`, Buffer.from(coreMetadata(spec))],
    [`${base}.dist-info/WHEEL`, Buffer.from("Wheel-Version: 1.0\nGenerator: slipway-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n")],
  ];
  const record = files.map(([path, data]) => `${path},sha256=${createHash("sha256").update(data).digest("base64url")},${data.length}`);
  files.push([`${base}.dist-info/RECORD`, Buffer.from([...record, `${base}.dist-info/RECORD,,`, ""].join("\n"))]);
  return { filename: `${base}-py3-none-any.whl`, body: zip(files) };
}

/** A source distribution, `<name>-<version>.tar.gz`, with PKG-INFO in its top folder. */
export async function sdist(spec: DistSpec): Promise<{ filename: string; body: Buffer }> {
  const base = `${escaped(spec.name)}-${spec.version}`;
  const archive = await tar([
    { name: `${base}/`, type: "directory" },
    { name: `${base}/PKG-INFO`, body: coreMetadata(spec) },
    { name: `${base}/pyproject.toml`, body: `[project]\nname = "${spec.name}"\nversion = "${spec.version}"\n` },
    { name: `${base}/${escaped(spec.name)}/__init__.py`, body: spec.code ?? "ANSWER = 42\n" },
  ]);
  return { filename: `${base}.tar.gz`, body: gzipSync(archive) };
}
