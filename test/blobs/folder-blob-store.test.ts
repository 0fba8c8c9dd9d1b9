import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildPrefix } from "../../src/blobs/blob-store";
import { FolderBlobStore } from "../../src/blobs/folder-blob-store";
import { describeBlobStoreContract, putMany } from "./blob-store-contract";

const roots: string[] = [];
async function freshRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "slipway-blobs-"));
  roots.push(root);
  return root;
}
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

describeBlobStoreContract("FolderBlobStore", async () => new FolderBlobStore(join(await freshRoot(), "blobs")));

describe("FolderBlobStore", () => {
  test("writes nothing outside its root when a key is refused", async () => {
    const parent = await freshRoot();
    const store = new FolderBlobStore(join(parent, "blobs"));
    await expect(store.put("../escaped.txt", Buffer.from("x"), "text/plain")).rejects.toThrow(/invalid/);
    await expect(store.put("a/../../../escaped.txt", Buffer.from("x"), "text/plain")).rejects.toThrow(/invalid/);
    expect(await readdir(parent)).toEqual([]);
  });

  test("leaves no temporary files behind after writes", async () => {
    const root = join(await freshRoot(), "blobs");
    const store = new FolderBlobStore(root);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.put("logs/same.txt", Buffer.from(`write ${i}`), "text/plain")));
    expect(await readdir(join(root, "tmp"))).toEqual([]);
    const blob = await store.get("logs/same.txt");
    expect(blob?.body.toString()).toMatch(/^write \d+$/);
  });

  test("deletePrefix counts and removes more than 1000 files", async () => {
    const store = new FolderBlobStore(join(await freshRoot(), "blobs"));
    const prefix = buildPrefix("o", "r", "many");
    await putMany(store, prefix, 1005);
    await expect(store.deletePrefix(prefix)).resolves.toBe(1005);
    await expect(store.get(`${prefix}f/00000.txt`)).resolves.toBeUndefined();
  });
});
