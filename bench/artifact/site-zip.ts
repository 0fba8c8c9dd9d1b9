import { writeFile } from "node:fs/promises";
import { deflateRawSync } from "node:zlib";
import { ZipFile } from "yazl";
import { seededRandom } from "../../test/helpers/seeded-random";

/**
 * The artifact the artifact benches deploy: a built site of many files of varied sizes (pages,
 * scripts, source maps, styles, images and fonts), deflated as actions/upload-artifact does.
 */

const WORDS = "const let function return import export default class extends async await if else for of new this null undefined true false props state render component useEffect useState document window querySelector addEventListener className children style margin padding display flex grid color background border".split(" ");

/** Text that compresses roughly as minified bundles and pages do (3–5×). */
function text(next: () => number, bytes: number, prefix: string): Buffer {
  const parts: string[] = [prefix];
  let length = prefix.length;
  while (length < bytes) {
    const word = next() < 0.7 ? (WORDS[Math.floor(next() * WORDS.length)] ?? "x") : Math.floor(next() * 1e9).toString(36);
    const piece = `${word}${next() < 0.2 ? ";\n" : next() < 0.5 ? "(" : " "}`;
    parts.push(piece);
    length += piece.length;
  }
  return Buffer.from(parts.join("").slice(0, bytes));
}

/** Bytes that do not compress, as images and fonts do not. */
function binary(next: () => number, bytes: number): Buffer {
  const body = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i += 4) body.writeUInt32LE(Math.floor(next() * 4294967296), Math.min(i, bytes - 4));
  return body;
}

/** The files of a built site, until their deflated size reaches `targetBytes`. */
export function siteFiles(targetBytes: number): Array<{ name: string; body: Buffer }> {
  // Seeded, so every run of the bench unpacks the same site.
  const next = seededRandom(20240903);
  const between = (min: number, max: number) => Math.floor(min + next() ** 2 * (max - min));
  const hex = () => Math.floor(next() * 1e8).toString(16);
  const page = "<!doctype html><html><head><meta charset=utf-8>";
  // Weighted as a documentation or marketing site's build: many small pages and icons, fewer big bundles and photos.
  const kinds: Array<[number, () => { name: string; body: Buffer }]> = [
    [45, () => ({ name: `docs/${Math.floor(next() * 60)}/page-${hex()}.html`, body: text(next, between(3_000, 40_000), page) })],
    [10, () => ({ name: `assets/js/chunk-${hex()}.js`, body: text(next, between(1_000, 400_000), '"use strict";') })],
    [5, () => ({ name: `assets/js/chunk-${hex()}.js.map`, body: text(next, between(5_000, 900_000), '{"version":3,"sources":[') })],
    [5, () => ({ name: `assets/css/style-${hex()}.css`, body: text(next, between(1_000, 100_000), ":root{") })],
    [7, () => ({ name: `assets/img/photo-${hex()}.webp`, body: binary(next, between(5_000, 400_000)) })],
    [26, () => ({ name: `assets/img/icon-${hex()}.png`, body: binary(next, between(200, 12_000)) })],
    [2, () => ({ name: `assets/fonts/font-${hex()}.woff2`, body: binary(next, between(15_000, 90_000)) })],
  ];
  const total = kinds.reduce((sum, [weight]) => sum + weight, 0);
  const files = [{ name: "index.html", body: text(next, 20_000, page) }];
  const names = new Set(["index.html"]);
  let deflated = 0;
  while (deflated < targetBytes) {
    let pick = next() * total;
    let index = 0;
    while (index < kinds.length - 1 && (pick -= kinds[index]?.[0] ?? 0) >= 0) index += 1;
    const file = kinds[index]?.[1]();
    if (file === undefined) continue;
    if (names.has(file.name)) continue;
    names.add(file.name);
    files.push(file);
    deflated += deflateRawSync(file.body).length + 100;
  }
  return files;
}

export async function writeZip(file: string, files: Array<{ name: string; body: Buffer }>): Promise<void> {
  const zip = new ZipFile();
  for (const { name, body } of files) zip.addBuffer(body, name, { mode: 0o100644 });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  await writeFile(file, Buffer.concat(chunks));
}
