import { SealingKeyError, X25519_KEY_BYTES } from "./key-ring";

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * The raw secret keys of a `SLIPWAY_SEALING_KEY` value (or the local key file): base64 (or
 * base64url, as a JWK's `d`) 32-byte X25519 secret keys separated by commas, newest first.
 * `source` names where the text came from, for the error; the keys are never quoted in it.
 */
export function parseSealingKeys(text: string, source: string): Uint8Array[] {
  const entries = text.split(",").map((entry) => entry.replace(/\s+/g, ""));
  const keys = entries.map((entry, index) => {
    const position = entries.length === 1 ? "" : ` (key ${index + 1} of ${entries.length})`;
    const bytes = BASE64.test(entry) ? Buffer.from(entry, "base64") : undefined;
    if (bytes?.length !== X25519_KEY_BYTES) {
      throw new SealingKeyError(
        `${source}${position} is not a base64-encoded ${X25519_KEY_BYTES}-byte X25519 secret key: list the keys newest first, separated by commas.`,
      );
    }
    return new Uint8Array(bytes);
  });
  return keys;
}
