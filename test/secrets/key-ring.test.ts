import { createHash, generateKeyPairSync } from "node:crypto";
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KeyRing, SealingKeyError } from "../../src/secrets/key-ring";
import { loadKeyRing } from "../../src/secrets/load-key-ring";
import { sealSecret } from "../../src/secrets/seal-secret";
import { openSealedValue } from "../../src/secrets/open-sealed-value";

/** A sealing key as `npm run deploy` makes one: node's X25519 key pair, the raw secret key being the JWK `d`. */
function nodeKey(): { secret: string; publicKey: Buffer } {
  const { privateKey, publicKey } = generateKeyPairSync("x25519");
  return {
    secret: privateKey.export({ format: "jwk" }).d ?? "",
    publicKey: Buffer.from(publicKey.export({ format: "jwk" }).x ?? "", "base64url"),
  };
}

const repository = { owner: "acme", repo: "web" };

describe("the key ring", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "slipway-keys-"));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("derives the public key node's X25519 gives, and ids it by the first 16 hex digits of its SHA-256", async () => {
    const key = nodeKey();
    const ring = await loadKeyRing({ SLIPWAY_SEALING_KEY: key.secret, SLIPWAY_DATA_DIR: dataDir }, { localKeyFile: false });

    expect(Buffer.from(ring.sealingKey.publicKey).equals(key.publicKey)).toBe(true);
    expect(ring.sealingKey.id).toBe(createHash("sha256").update(key.publicKey).digest("hex").slice(0, 16));
  });

  it("seals with the newest key and opens with every listed one, so values survive a rotation", async () => {
    const [older, newer] = [nodeKey(), nodeKey()];
    const before = await loadKeyRing({ SLIPWAY_SEALING_KEY: older.secret, SLIPWAY_DATA_DIR: dataDir }, { localKeyFile: false });
    const sealedBefore = await sealSecret({ scope: "acme/web", value: "npm_old" }, before.sealingKey);

    // Standard base64 and base64url are both accepted; whitespace around the commas too.
    const rotatedList = `${Buffer.from(newer.secret, "base64url").toString("base64")} , ${older.secret}`;
    const rotated = await loadKeyRing({ SLIPWAY_SEALING_KEY: rotatedList, SLIPWAY_DATA_DIR: dataDir }, { localKeyFile: false });
    const sealedAfter = await sealSecret({ scope: "acme/web", value: "npm_new" }, rotated.sealingKey);

    expect(rotated.sealingKey.id).not.toBe(before.sealingKey.id);
    expect(sealedAfter.split(":")[2]).toBe(rotated.sealingKey.id);
    expect(openSealedValue(sealedBefore, rotated, repository)).toMatchObject({ ok: true, value: "npm_old" });
    expect(openSealedValue(sealedAfter, rotated, repository)).toMatchObject({ ok: true, value: "npm_new" });
    expect(openSealedValue(sealedAfter, before, repository)).toEqual({ ok: false, reason: "unknown-key", keyId: rotated.sealingKey.id });
  });

  it("refuses a malformed SLIPWAY_SEALING_KEY, naming the variable and the key, never quoting it", async () => {
    const good = nodeKey().secret;
    const load = (value: string) => loadKeyRing({ SLIPWAY_SEALING_KEY: value, SLIPWAY_DATA_DIR: dataDir }, { localKeyFile: false });

    await expect(load("c2hvcnQ=")).rejects.toThrow(SealingKeyError);
    await expect(load(`${good},not base64!`)).rejects.toThrow(/SLIPWAY_SEALING_KEY \(key 2 of 2\) is not a base64-encoded 32-byte X25519 secret key/);
    await expect(load(`${good},`)).rejects.toThrow(/key 2 of 2/);
    await expect(load(`${good},not base64!`)).rejects.not.toThrow(good);
  });

  it("on AWS requires SLIPWAY_SEALING_KEY instead of writing a key file", async () => {
    await expect(loadKeyRing({ SLIPWAY_DATA_DIR: dataDir }, { localKeyFile: false })).rejects.toThrow(/SLIPWAY_SEALING_KEY is not set/);
  });

  it("locally generates <SLIPWAY_DATA_DIR>/sealing-key with mode 0600 on first start and reuses it", async () => {
    const dir = join(dataDir, "not-yet-created");
    const first = await loadKeyRing({ SLIPWAY_DATA_DIR: dir }, { localKeyFile: true });
    const path = join(dir, "sealing-key");
    const { mode } = await stat(path);
    const text = await readFile(path, "utf8");
    const second = await loadKeyRing({ SLIPWAY_DATA_DIR: dir }, { localKeyFile: true });

    expect(mode & 0o777).toBe(0o600);
    expect(Buffer.from(text.trim(), "base64")).toHaveLength(32);
    expect(second.sealingKey.id).toBe(first.sealingKey.id);
  });

  it("prefers SLIPWAY_SEALING_KEY to the local file when both exist", async () => {
    await loadKeyRing({ SLIPWAY_DATA_DIR: dataDir }, { localKeyFile: true });
    const key = nodeKey();
    const ring = await loadKeyRing({ SLIPWAY_SEALING_KEY: key.secret, SLIPWAY_DATA_DIR: dataDir }, { localKeyFile: true });

    expect(Buffer.from(ring.sealingKey.publicKey).equals(key.publicKey)).toBe(true);
  });

  it("refuses a key file that group or others may read, saying how to fix it", async () => {
    const path = join(dataDir, "sealing-key");
    await writeFile(path, `${Buffer.from(nodeKey().secret, "base64url").toString("base64")}\n`, { mode: 0o600 });
    await chmod(path, 0o644);

    await expect(loadKeyRing({ SLIPWAY_DATA_DIR: dataDir }, { localKeyFile: true })).rejects.toThrow(
      `The sealing key file ${path} may be read by group or others (mode 644): run \`chmod 600 ${path}\` and start again.`,
    );
    await chmod(path, 0o600);
    await expect(loadKeyRing({ SLIPWAY_DATA_DIR: dataDir }, { localKeyFile: true })).resolves.toBeInstanceOf(KeyRing);
  });
});
