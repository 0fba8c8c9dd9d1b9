import { hkdfSync } from "node:crypto";

/** The keys site sessions use, each derived for one purpose from the one session secret. */
export interface SessionKeys {
  /** Signs cookies and the OAuth state (HMAC-SHA256, through cookie-signature). */
  signing: Buffer;
  /** Seals the user's GitHub token inside the session cookie (AES-256-GCM). */
  sealing: Buffer;
}

const SALT = "slipway site sessions";

/**
 * Derives the signing and sealing keys from `SLIPWAY_SESSION_KEY` (or the local key file) with
 * HKDF-SHA256, so neither key is ever used for the other's purpose.
 */
export function deriveSessionKeys(secret: string): SessionKeys {
  const derive = (purpose: string) => Buffer.from(hkdfSync("sha256", secret, SALT, purpose, 32));
  return { signing: derive("cookie signing"), sealing: derive("token sealing") };
}
