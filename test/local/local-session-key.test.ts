import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localSessionKey } from "../../src/local/local-session-key";

describe("localSessionKey", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "slipway-session-key-"));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it("generates a random key at the first start and keeps it for the next", async () => {
    const first = await localSessionKey(join(dataDir, "data"));
    expect(Buffer.from(first, "base64")).toHaveLength(32);
    expect(await localSessionKey(join(dataDir, "data"))).toBe(first);
    expect((await readFile(join(dataDir, "data", "session-key"), "utf8")).trim()).toBe(first);
  });

  it("gives two processes starting at once the same key", async () => {
    const keys = await Promise.all([localSessionKey(dataDir), localSessionKey(dataDir), localSessionKey(dataDir)]);
    expect(new Set(keys).size).toBe(1);
  });

  it("refuses a key file without a usable key, saying what to do", async () => {
    await writeFile(join(dataDir, "session-key"), "short\n");
    await expect(localSessionKey(dataDir)).rejects.toThrow(/holds no session key .*; delete it and start again/);
  });
});
