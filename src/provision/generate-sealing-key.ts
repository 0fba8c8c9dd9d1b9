import { generateKeyPairSync } from "node:crypto";

/**
 * A new sealing key, in `SLIPWAY_SEALING_KEY`'s format: the raw 32-byte X25519 secret key
 * (the JWK's `d`), base64-encoded.
 */
export function generateSealingKey(): string {
  const { d } = generateKeyPairSync("x25519").privateKey.export({ format: "jwk" });
  if (!d) throw new Error("node:crypto exported an X25519 key without its secret part");
  return Buffer.from(d, "base64url").toString("base64");
}
