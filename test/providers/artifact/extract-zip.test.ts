import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CorruptArchiveError, InvalidSourceDirError, MissingSourceDirError, UnsafeArchiveError } from "../../../src/providers/archive-errors";
import { extractZip } from "../../../src/providers/artifact/extract-zip";
import type { ExtractZipOptions } from "../../../src/providers/artifact/extract-zip";
import { aliasEntry, declareSize, renameEntry, zipOf } from "./zip";
import type { ZipEntry } from "./zip";

const ARTIFACT = 'the artifact "site"';
const MiB = 1024 * 1024;
let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "slipway-zip-test-"));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Extracts `zip` from a file, recording every path and size `write` was given. */
async function run(zip: Buffer | ZipEntry[], options: Partial<ExtractZipOptions> = {}) {
  const file = join(folder, "artifact.zip");
  await writeFile(file, Array.isArray(zip) ? await zipOf(zip) : zip);
  const written = new Map<string, Buffer>();
  const promise = extractZip(file, { archive: ARTIFACT, ...options }, async (path, body) => {
    written.set(path, body);
  });
  return { promise, written };
}

/** A path that stays inside whatever prefix the caller puts in front of it. */
function isConfined(path: string): boolean {
  return path !== "" && !path.startsWith("/") && !/[\\\0]/.test(path) && !/^[A-Za-z]:/.test(path) && path.split("/").every((s) => s !== "" && s !== "." && s !== "..");
}

const site: ZipEntry[] = [
  { name: "index.html", body: "<h1>hi</h1>" },
  { name: "assets/", directory: true },
  { name: "assets/app.js", body: "console.log(1)" },
  { name: "assets/logo.png", body: Buffer.from([0x89, 0x50, 0x4e, 0x47]), store: true },
];

describe("extractZip", () => {
  test("writes every file of the artifact, relative to its root, deflated or stored", async () => {
    const { promise, written } = await run(site);
    await expect(promise).resolves.toEqual({ files: 3, bytes: 29, paths: ["index.html", "assets/app.js", "assets/logo.png"] });
    expect(written.get("index.html")?.toString()).toBe("<h1>hi</h1>");
    expect(written.get("assets/logo.png")).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });

  test("serves a folder inside the artifact, skipping what lies outside it", async () => {
    const { promise, written } = await run([{ name: "dist/index.html", body: "dist" }, { name: "dist/a/b.css", body: "b{}" }, { name: "distant/x.html", body: "no" }, { name: "README.md", body: "no" }], {
      path: "dist",
    });
    await expect(promise).resolves.toMatchObject({ files: 2, paths: ["index.html", "a/b.css"] });
    expect([...written.keys()]).toEqual(["index.html", "a/b.css"]);
  });

  test("reads UTF-8 names", async () => {
    const { promise, written } = await run([{ name: "café/menü.html", body: "ü" }]);
    await expect(promise).resolves.toMatchObject({ paths: ["café/menü.html"] });
    expect(written.get("café/menü.html")?.toString()).toBe("ü");
  });

  test("names the missing folder, the artifact and the setting to change", async () => {
    const { promise } = await run(site, { path: "dist", commit: "abc1234def5678abc1234def5678abc1234def56" });
    await expect(promise).rejects.toThrow(MissingSourceDirError);
    await expect(promise).rejects.toThrow(
      'The folder `dist` does not exist in the artifact "site" (commit abc1234). Set source.artifact.path in .github/slipway.yml to the artifact\'s folder that holds your site\'s index.html, or leave it out to serve the artifact\'s root.',
    );
  });

  test("says an artifact of folders only holds no files", async () => {
    const { promise } = await run([{ name: "empty/", directory: true }]);
    await expect(promise).rejects.toThrow('The artifact "site" holds no files. Upload the built site with actions/upload-artifact, then re-run the workflow.');
  });

  test("refuses a folder setting that climbs out of the artifact", async () => {
    const { promise } = await run(site, { path: "../other" });
    await expect(promise).rejects.toThrow(InvalidSourceDirError);
    await expect(promise).rejects.toThrow(/not a folder inside the artifact\. Set source\.artifact\.path/);
  });

  describe("refuses hostile entries, naming them", () => {
    // yazl refuses to write these names, so a same-length placeholder is renamed in the bytes.
    test.each<[string, string, string, RegExp]>([
      ["zip-slip (..)", "aa/aa/evil.html", "../../evil.html", /"\.\." segment/],
      ["a .. segment outside the served folder", "docs/aa/aa/x", "docs/../../x", /"\.\." segment/],
      ["an absolute path", "xetc/cron.d/x", "/etc/cron.d/x", /absolute/],
      ["a drive letter", "xx/evil.html", "C:/evil.html", /drive letter/],
      ["a Windows drive and backslashes", "xx\\x\\evil.html".replace(/\\/g, "/"), "C:\\x\\evil.html", /backslash/],
      ["a backslash", "assets/x/evil.js", "assets\\..\\evi.js", /backslash/],
    ])("%s", async (_, placeholder, hostile, reason) => {
      const zip = renameEntry(await zipOf([{ name: "index.html", body: "ok" }, { name: placeholder, body: "x" }, { name: "after.html", body: "x" }]), placeholder, hostile);
      const { promise, written } = await run(zip);
      const error: unknown = await promise.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UnsafeArchiveError);
      expect(error).toMatchObject({ entry: hostile });
      expect((error as Error).message).toMatch(reason);
      expect((error as Error).message).toContain(JSON.stringify(hostile));
      expect((error as Error).message).toMatch(/then re-run the workflow\.$/);
      expect(written.has("after.html")).toBe(false);
      expect([...written.keys()].every(isConfined)).toBe(true);
    });

    test("a symbolic link entry, by its Unix mode in the external attributes", async () => {
      const { promise, written } = await run([{ name: "index.html", body: "ok" }, { name: "passwd", body: "/etc/passwd", mode: 0o120777 }]);
      await expect(promise).rejects.toThrow(UnsafeArchiveError);
      await expect(promise).rejects.toThrow('The archive entry "passwd" was refused: it is a symbolic link. Links are never served');
      expect(written.has("passwd")).toBe(false);
    });

    test("a symbolic link outside the served folder too", async () => {
      const { promise } = await run([{ name: "dist/index.html", body: "ok" }, { name: "node_modules/.bin/x", body: "../x", mode: 0o120755 }], { path: "dist" });
      await expect(promise).rejects.toMatchObject({ name: "UnsafeArchiveError", entry: "node_modules/.bin/x" });
    });

    test("a named pipe", async () => {
      const { promise } = await run([{ name: "fifo", body: "", mode: 0o010644 }]);
      await expect(promise).rejects.toThrow(/"fifo" was refused: it is a named pipe/);
    });
  });

  describe("enforces limits while inflating, without trusting the zip's headers", () => {
    test("on the number of entries, folders included", async () => {
      const entries: ZipEntry[] = [{ name: "pages/", directory: true }, ...Array.from({ length: 4 }, (_, i) => ({ name: `pages/p${i}.html`, body: "x" }))];
      const { promise, written } = await run(entries, { limits: { maxFiles: 4 } });
      await expect(promise).rejects.toMatchObject({ name: "ArchiveLimitError", limit: "maxFiles", entry: "pages/p3.html" });
      await expect(promise).rejects.toThrow('The artifact "site" holds more than 4 entries, the limit (maxFiles); refused at "pages/p3.html". Upload only the built site as the artifact.');
      expect(written.size).toBe(3);
    });

    test("stops a deflate bomb of a few KB at the per-file limit, 25 MiB by default", async () => {
      const zip = await zipOf([{ name: "index.html", body: "ok" }, { name: "zeros.bin", body: Buffer.alloc(26 * MiB) }]);
      expect(zip.length).toBeLessThan(64 * 1024);
      const { promise, written } = await run(zip);
      await expect(promise).rejects.toMatchObject({ name: "ArchiveLimitError", limit: "maxFileBytes", entry: "zeros.bin" });
      await expect(promise).rejects.toThrow('The file "zeros.bin" in the artifact "site" unpacks to more than 25 MiB, the limit per file (maxFileBytes)');
      expect(written.has("zeros.bin")).toBe(false);
    });

    test("counts the bytes themselves when the zip declares a huge entry small", async () => {
      // The central directory says 100 bytes; the deflate stream holds 8 MiB.
      const zip = declareSize(await zipOf([{ name: "liar.bin", body: Buffer.alloc(8 * MiB) }]), "liar.bin", 100);
      const { promise, written } = await run(zip, { limits: { maxFileBytes: MiB } });
      await expect(promise).rejects.toThrow(CorruptArchiveError);
      await expect(promise).rejects.toThrow(/^The artifact "site" could not be read at the entry "liar\.bin" \(too many bytes in the stream.*\)\. Re-run the workflow to upload the artifact again/);
      expect(written.size).toBe(0);
    });

    test("counts the bytes themselves when the zip declares a small entry huge", async () => {
      // Declared 4 GiB - 1: a reader that trusted it could not tell a bomb from a big file.
      const zip = declareSize(await zipOf([{ name: "bomb.bin", body: Buffer.alloc(8 * MiB) }]), "bomb.bin", 0xffff_fffe);
      const { promise } = await run(zip, { limits: { maxFileBytes: MiB } });
      await expect(promise).rejects.toMatchObject({ name: "ArchiveLimitError", limit: "maxFileBytes", entry: "bomb.bin" });
    });

    test("stops an overlapping-entry bomb (one deflate stream under many names) at the total limit", async () => {
      // 2,000 records of 8 MiB each would inflate to 16 GiB; the zip is a few dozen KB.
      const zip = aliasEntry(await zipOf([{ name: "bomb/zeros.bin", body: Buffer.alloc(8 * MiB) }]), "bomb/zeros.bin", 2000);
      expect(zip.length).toBeLessThan(256 * 1024);
      const { promise, written } = await run(zip, { limits: { maxTotalBytes: 40 * MiB } });
      await expect(promise).rejects.toMatchObject({ name: "ArchiveLimitError", limit: "maxTotalBytes" });
      await expect(promise).rejects.toThrow(/The files in the artifact "site" unpack to more than 40 MiB, the limit \(maxTotalBytes\)/);
      const total = [...written.values()].reduce((sum, body) => sum + body.length, 0);
      expect(total).toBeLessThanOrEqual(40 * MiB);
      expect(written.size).toBe(5);
    });

    test("on the bytes inflated from the whole zip", async () => {
      const { promise } = await run([{ name: "a.bin", body: Buffer.alloc(600 * 1024) }, { name: "b.bin", body: Buffer.alloc(600 * 1024) }], { limits: { maxArchiveBytes: MiB } });
      await expect(promise).rejects.toMatchObject({ limit: "maxArchiveBytes", entry: "b.bin" });
      await expect(promise).rejects.toThrow(/unpacks to more than 1 MiB.*compression bombs/);
    });
  });

  test.each([
    ["bytes that are not a zip", Buffer.from("<html>not a zip</html>")],
    ["a zip cut short", Buffer.alloc(0)],
  ])("calls %s corrupt, and says to upload it again", async (_, bytes) => {
    const { promise } = await run(bytes);
    await expect(promise).rejects.toThrow(CorruptArchiveError);
    await expect(promise).rejects.toThrow(/^The artifact "site" could not be read \(.*\)\. Re-run the workflow to upload the artifact again, then deploy again\.$/);
  });

  test("calls a zip whose entry data was cut short corrupt, naming the entry", async () => {
    const zip = await zipOf([{ name: "index.html", body: "<h1>".repeat(2000) }]);
    // Garble the deflate stream right after the local header (30 bytes + the name).
    const garbled = Buffer.from(zip);
    garbled.fill(0xff, 30 + "index.html".length, 30 + "index.html".length + 8);
    const { promise } = await run(garbled);
    await expect(promise).rejects.toThrow(CorruptArchiveError);
    await expect(promise).rejects.toThrow(/at the entry "index\.html"/);
  });

  test("passes a failure of write through unchanged", async () => {
    const file = join(folder, "artifact.zip");
    await writeFile(file, await zipOf(site));
    const failure = new Error("S3 is down");
    await expect(extractZip(file, { archive: ARTIFACT }, () => Promise.reject(failure))).rejects.toBe(failure);
  });
});
