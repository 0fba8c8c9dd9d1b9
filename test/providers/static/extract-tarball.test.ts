import { execFileSync } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { ArchiveLimitError, CorruptArchiveError, InvalidSourceDirError, MissingSourceDirError, UnsafeArchiveError } from "../../../src/providers/archive-errors";
import { extractSite } from "../../../src/providers/static/extract-tarball";
import type { ExtractSiteOptions } from "../../../src/providers/static/extract-tarball";
import { tar, tarball } from "./tarball";
import type { TarEntry } from "./tarball";

const TOP = "octo-hello-abc1234/";
const SHA = "abc1234def5678abc1234def5678abc1234def56";

/** Extracts into a map, recording every path `write` was given. */
async function run(entries: TarEntry[] | Readable, options: ExtractSiteOptions = { dir: "public" }) {
  const written = new Map<string, string>();
  const archive = Array.isArray(entries) ? await tarball(entries, { comment: SHA }) : entries;
  const promise = extractSite(archive, options, async (path, body) => {
    written.set(path, body.toString("utf8"));
  });
  return { promise, written };
}

/** A path that stays inside whatever prefix the caller puts in front of it. */
function isConfined(path: string): boolean {
  return path !== "" && !path.startsWith("/") && !/[\\\0]/.test(path) && path.split("/").every((s) => s !== "" && s !== "." && s !== "..");
}

const site: TarEntry[] = [
  { name: TOP, type: "directory" },
  { name: `${TOP}README.md`, body: "# hello" },
  { name: `${TOP}public/`, type: "directory" },
  { name: `${TOP}public/index.html`, body: "<h1>hi</h1>" },
  { name: `${TOP}public/css/`, type: "directory" },
  { name: `${TOP}public/css/deep/`, type: "directory" },
  { name: `${TOP}public/css/deep/a.css`, body: "a{}" },
  { name: `${TOP}publicity/not-this.html`, body: "no" },
];

describe("extractSite", () => {
  test("writes the files under the source folder, relative to it, with sizes and count", async () => {
    const { promise, written } = await run(site);
    await expect(promise).resolves.toEqual({ files: 2, bytes: 14, paths: ["index.html", "css/deep/a.css"] });
    expect(Object.fromEntries(written)).toEqual({ "index.html": "<h1>hi</h1>", "css/deep/a.css": "a{}" });
  });

  test("passes each file's mode, so files committed executable stay executable", async () => {
    const modes = new Map<string, number>();
    const archive = await tarball([...site, { name: `${TOP}public/run.sh`, body: "#!/bin/sh", mode: 0o755 }]);
    await extractSite(archive, { dir: "public" }, async (path, _body, mode) => {
      modes.set(path, mode);
    });
    expect(Object.fromEntries(modes)).toEqual({ "index.html": 0o644, "css/deep/a.css": 0o644, "run.sh": 0o755 });
  });

  test.each(["public/", "./public", "public"])("accepts the folder written as %j", async (dir) => {
    const { promise } = await run(site, { dir });
    await expect(promise).resolves.toMatchObject({ files: 2 });
  });

  test("serves a nested folder", async () => {
    const { promise, written } = await run([...site, { name: `${TOP}site/dist/index.html`, body: "dist" }], { dir: "site/dist" });
    await expect(promise).resolves.toMatchObject({ files: 1, paths: ["index.html"] });
    expect(written.get("index.html")).toBe("dist");
  });

  test('takes the whole repository for dir "."', async () => {
    const { promise } = await run(site, { dir: "." });
    await expect(promise).resolves.toMatchObject({ files: 4, paths: ["README.md", "public/index.html", "public/css/deep/a.css", "publicity/not-this.html"] });
  });

  test("reads names carried in pax headers, after GitHub's pax global header", async () => {
    const long = `${"very-long-folder-name-".repeat(6)}page.html`;
    const { promise, written } = await run([
      { name: `${TOP}public/${long}`, body: "long" },
      { name: `${TOP}public/café.html`, body: "utf-8 name" },
      { name: `${TOP}public/plain.txt`, body: "x", pax: { comment: "extended" } },
    ]);
    await expect(promise).resolves.toMatchObject({ files: 3, paths: [long, "café.html", "plain.txt"] });
    expect(written.get(long)).toBe("long");
  });

  test("reads a tarball made by git archive, as GitHub makes them", async () => {
    const repo = await mkdtemp(join(tmpdir(), "slipway-git-"));
    try {
      await mkdir(join(repo, "public", "img"), { recursive: true });
      await writeFile(join(repo, "public", "index.html"), "<p>from git</p>");
      await writeFile(join(repo, "public", "img", "dot.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      const git = (...args: string[]) => execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args]);
      git("init", "-q");
      git("add", ".");
      git("commit", "-qm", "site");
      const archive = git("archive", "--format=tar.gz", "--prefix=octo-hello-0123abc/", "HEAD");
      const { promise, written } = await run(Readable.from([archive]));
      await expect(promise).resolves.toMatchObject({ files: 2, paths: ["img/dot.png", "index.html"] });
      expect(written.get("index.html")).toBe("<p>from git</p>");
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });

  test("ignores links outside the source folder, which are never served", async () => {
    const { promise } = await run([...site, { name: `${TOP}docs/latest`, type: "symlink", linkname: "../../../etc" }]);
    await expect(promise).resolves.toMatchObject({ files: 2 });
  });

  describe("refuses unsafe archives", () => {
    const good: TarEntry = { name: `${TOP}public/index.html`, body: "ok" };
    test.each<[string, TarEntry, RegExp]>([
      ["a .. segment", { name: `${TOP}public/../../evil.html`, body: "x" }, /"\.\." segment/],
      ["a .. segment outside the source folder", { name: `${TOP}docs/../../../etc/cron.d/x`, body: "x" }, /"\.\." segment/],
      ["a .. segment carried in a pax header", { name: `${TOP}public/../../pax-evil.html`, body: "x", pax: { comment: "c" } }, /"\.\." segment/],
      ["an absolute path", { name: "/etc/passwd", body: "x" }, /absolute/],
      ["a backslash", { name: `${TOP}public\\..\\evil.html`, body: "x" }, /backslash/],
      ["a drive letter", { name: "C:/Windows/evil.html", body: "x" }, /drive letter/],
      ["a NUL in a pax name", { name: `${TOP}public/a\0.html`, body: "x", pax: { comment: "c" } }, /NUL/],
      ["a symbolic link", { name: `${TOP}public/passwd`, type: "symlink", linkname: "/etc/passwd" }, /symbolic link.*replace it with a copy/],
      ["a hard link", { name: `${TOP}public/hard`, type: "link", linkname: `${TOP}README.md` }, /hard link/],
      ["a character device", { name: `${TOP}docs/tty`, type: "character-device" }, /character-device entry/],
      ["a fifo", { name: `${TOP}public/pipe`, type: "fifo" }, /fifo entry/],
      ["a second top-level folder", { name: "other-folder/public/x.html", body: "x" }, /outside the archive's one top-level folder/],
      ["a file beside the top-level folder", { name: "loose.html", body: "x" }, /top level of the archive/],
    ])("%s", async (_, bad, message) => {
      const { promise, written } = await run([{ name: TOP, type: "directory" }, good, bad, { name: `${TOP}public/after.html`, body: "x" }]);
      const error: unknown = await promise.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsafeArchiveError);
      expect((error as UnsafeArchiveError).message).toMatch(message);
      expect(written.has("after.html")).toBe(false);
      expect([...written.keys()].every(isConfined)).toBe(true);
    });
  });

  describe("enforces limits", () => {
    const files = (count: number, body = "12345"): TarEntry[] =>
      Array.from({ length: count }, (_, i) => ({ name: `${TOP}public/f${i}.txt`, body }));

    test("on the number of files", async () => {
      const { promise, written } = await run(files(4), { dir: "public", limits: { maxFiles: 3 } });
      await expect(promise).rejects.toBeInstanceOf(ArchiveLimitError);
      await expect(promise).rejects.toMatchObject({ limit: "maxFiles", entry: `${TOP}public/f3.txt` });
      await expect(promise).rejects.toThrow(/more than 3 files.*maxFiles.*f3\.txt/);
      expect(written.size).toBe(3);
    });

    test("on the size of one file, 25 MiB by default", async () => {
      const big = Buffer.alloc(25 * 1024 * 1024 + 1);
      const { promise } = await run([{ name: `${TOP}public/video.mp4`, body: big }]);
      await expect(promise).rejects.toMatchObject({ name: "ArchiveLimitError", limit: "maxFileBytes", entry: `${TOP}public/video.mp4` });
      await expect(promise).rejects.toThrow(/is 26,214,401 bytes, over the limit of 25 MiB per file/);
    });

    test("on the total size of the site", async () => {
      const { promise } = await run(files(3), { dir: "public", limits: { maxTotalBytes: 12 } });
      await expect(promise).rejects.toMatchObject({ limit: "maxTotalBytes", entry: `${TOP}public/f2.txt` });
    });

    test("on the bytes decompressed from the whole archive, even outside the source folder", async () => {
      const bomb = { name: `${TOP}assets/zeros.bin`, body: Buffer.alloc(8 * 1024 * 1024) };
      const archive = await tarball([{ name: `${TOP}public/index.html`, body: "x" }, bomb]);
      const { promise } = await run(archive, { dir: "public", limits: { maxArchiveBytes: 1024 * 1024 } });
      await expect(promise).rejects.toMatchObject({ limit: "maxArchiveBytes" });
      await expect(promise).rejects.toThrow(/unpacks to more than 1 MiB.*compression bombs/);
    });
  });

  test("names the missing folder and the commit", async () => {
    const { promise } = await run(site, { dir: "dist", commit: SHA });
    await expect(promise).rejects.toThrow(MissingSourceDirError);
    await expect(promise).rejects.toThrow(
      "The folder `dist` does not exist at commit abc1234. Set preview.source.dir in .github/slipway.yml to the folder that holds your site's index.html.",
    );
  });

  test("refuses a source folder that climbs out of the repository", async () => {
    const { promise } = await run(site, { dir: "../other" });
    await expect(promise).rejects.toThrow(InvalidSourceDirError);
  });

  test.each([
    ["bytes that are not gzip", Readable.from([Buffer.from("<html>not an archive</html>")])],
    ["a truncated download", Readable.from([gzipSync(Buffer.alloc(4096, 1)).subarray(0, 30)])],
  ])("calls %s corrupt", async (_, archive) => {
    const { promise } = await run(archive);
    await expect(promise).rejects.toThrow(CorruptArchiveError);
    await expect(promise).rejects.toThrow(/could not be read.*retry/);
  });

  test("passes a failure of write through unchanged", async () => {
    const failure = new Error("S3 is down");
    const archive = Readable.from([gzipSync(await tar(site))]);
    await expect(extractSite(archive, { dir: "public" }, () => Promise.reject(failure))).rejects.toBe(failure);
  });
});

describe("extractSite and the download stream", () => {
  class DownloadCutError extends Error {}

  test("passes the download's own error through unchanged", async () => {
    const whole = gzipSync(await tar(site));
    const failure = new DownloadCutError("connection reset");
    const archive = new Readable({
      read() {
        this.push(whole.subarray(0, 40));
        this.destroy(failure);
      },
    });
    await expect(extractSite(archive, { dir: "public" }, async () => undefined)).rejects.toBe(failure);
  });

  test("stops reading the download once an entry is refused", async () => {
    const bad = gzipSync(await tar([{ name: `${TOP}public/../x`, body: "x" }]));
    const filler = gzipSync(Buffer.alloc(64 * 1024));
    let served = 0;
    // A download that would go on forever, and keep the connection open, unless stopped.
    const archive = new Readable({
      read() {
        this.push(served++ === 0 ? bad : filler);
      },
    });
    await expect(extractSite(archive, { dir: "public" }, async () => undefined)).rejects.toThrow(UnsafeArchiveError);
    expect(archive.destroyed).toBe(true);
  });
});
