import type { BlobStore } from "../../src/blobs/blob-store";
import { buildFileKey, buildPrefix, logKey } from "../../src/blobs/blob-store";
import { InvalidBlobKeyError } from "../../src/blobs/blob-key";

/**
 * The behaviour every BlobStore shares, run against each implementation. `create` returns a
 * store over empty, isolated storage.
 */
export function describeBlobStoreContract(name: string, create: () => Promise<BlobStore>): void {
  describe(`${name} (BlobStore contract)`, () => {
    let store: BlobStore;
    beforeEach(async () => {
      store = await create();
    });

    test("returns what was put, with its content type", async () => {
      const key = buildFileKey("Octo", "Hello", "abc123", "css/site.css");
      await store.put(key, Buffer.from("body { color: red }"), "text/css; charset=utf-8");
      await expect(store.get(key)).resolves.toEqual({ body: Buffer.from("body { color: red }"), contentType: "text/css; charset=utf-8" });
    });

    test("keeps binary bodies byte for byte", async () => {
      const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      await store.put("builds/o/r/k/logo.png", bytes, "image/png");
      const blob = await store.get("builds/o/r/k/logo.png");
      expect(blob?.body.equals(bytes)).toBe(true);
    });

    test("stores empty objects", async () => {
      await store.put("builds/o/r/k/empty.txt", Buffer.alloc(0), "text/plain");
      await expect(store.get("builds/o/r/k/empty.txt")).resolves.toEqual({ body: Buffer.alloc(0), contentType: "text/plain" });
    });

    test("returns undefined for a key never written, and for a folder", async () => {
      await store.put("builds/o/r/k/a/b.html", Buffer.from("x"), "text/html");
      await expect(store.get("builds/o/r/k/missing.html")).resolves.toBeUndefined();
      await expect(store.get("builds/o/r/k/a")).resolves.toBeUndefined();
    });

    test("a second put replaces the body and the content type", async () => {
      await store.put(logKey(7, "pr-1", "a".repeat(40)), Buffer.from("first"), "text/plain");
      await store.put(logKey(7, "pr-1", "a".repeat(40)), Buffer.from("second"), "text/markdown");
      await expect(store.get(logKey(7, "pr-1", "a".repeat(40)))).resolves.toEqual({ body: Buffer.from("second"), contentType: "text/markdown" });
    });

    test("deletePrefix removes one build's files only and counts them", async () => {
      const kept = buildFileKey("o", "r", "abc1234", "index.html");
      await store.put(kept, Buffer.from("keep"), "text/html");
      await store.put(buildFileKey("o", "r", "abc", "index.html"), Buffer.from("1"), "text/html");
      await store.put(buildFileKey("o", "r", "abc", "css/a.css"), Buffer.from("2"), "text/css");
      await store.put(buildFileKey("o", "r", "abc", "css/deep/b.css"), Buffer.from("3"), "text/css");

      await expect(store.deletePrefix(buildPrefix("o", "r", "abc"))).resolves.toBe(3);
      await expect(store.get(buildFileKey("o", "r", "abc", "css/a.css"))).resolves.toBeUndefined();
      await expect(store.get(kept)).resolves.toMatchObject({ body: Buffer.from("keep") });
      await expect(store.deletePrefix(buildPrefix("o", "r", "abc"))).resolves.toBe(0);
    });

    test.each([
      ["parent segments", "builds/../../etc/passwd"],
      ["a leading parent segment", "../outside"],
      ["an absolute path", "/etc/passwd"],
      ["a backslash", "builds\\..\\x"],
      ["a NUL character", "builds/a\0b"],
      ["an empty segment", "builds//a"],
      ["a dot segment", "builds/./a"],
      ["a trailing slash", "builds/a/"],
      ["nothing", ""],
    ])("refuses a key with %s", async (_, key) => {
      await expect(store.put(key, Buffer.from("x"), "text/plain")).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(store.get(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
    });

    test.each([["", "everything"], ["builds/o/r/abc", "a partial name"], ["builds/../", "a parent segment"], ["/builds/", "an absolute path"]])(
      "refuses to delete the prefix %j (%s)",
      async (prefix) => {
        await expect(store.deletePrefix(prefix)).rejects.toBeInstanceOf(InvalidBlobKeyError);
      },
    );
  });
}

/** Puts `count` objects under `prefix`, a few at a time so servers are not flooded. */
export async function putMany(store: BlobStore, prefix: string, count: number): Promise<void> {
  const keys = Array.from({ length: count }, (_, i) => `${prefix}f/${String(i).padStart(5, "0")}.txt`);
  for (let start = 0; start < keys.length; start += 50) {
    await Promise.all(keys.slice(start, start + 50).map((key) => store.put(key, Buffer.from(key), "text/plain")));
  }
}
