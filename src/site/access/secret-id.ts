import { createHash, randomBytes } from "node:crypto";

/** A fresh secret for a link (a share token, a hand-off code): 32 random bytes, base64url. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** The SHA-256 (hex) a secret is stored by: the table never holds the secret itself. */
export function secretId(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
