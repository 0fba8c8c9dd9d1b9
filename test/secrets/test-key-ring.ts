import { generateKeyPairSync } from "node:crypto";
import { KeyRing } from "../../src/secrets/key-ring";

/** A key ring of fresh keys (newest first), as `SLIPWAY_SEALING_KEY` would list them. */
export async function testKeyRing(count = 1): Promise<{ ring: KeyRing; secretKeys: string[] }> {
  const secretKeys = Array.from({ length: count }, () =>
    Buffer.from(generateKeyPairSync("x25519").privateKey.export({ format: "jwk" }).d ?? "", "base64url").toString("base64"),
  );
  return { ring: await KeyRing.fromSecretKeys(secretKeys.map((key) => new Uint8Array(Buffer.from(key, "base64")))), secretKeys };
}
