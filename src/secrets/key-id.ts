import { createHash } from "node:crypto";

/** A sealing key's id: the first 16 hex digits of SHA-256 of its raw 32-byte public key. */
export function keyId(publicKey: Uint8Array): string {
  return createHash("sha256").update(publicKey).digest("hex").slice(0, 16);
}
