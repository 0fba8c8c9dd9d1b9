import type { PublicSealingKey } from "./key-ring";
import { formatSealedValue, SealedPayloadSchema, type SealedPayload } from "./sealed-value";
import { loadSodium } from "./sodium";

/**
 * Seals a secret for a scope with the app's public key: `sealed:v1:<key_id>:<base64 of
 * crypto_box_seal(utf8 JSON {scope, value})>`. Only the holder of the secret key opens it.
 */
export async function sealSecret(payload: SealedPayload, key: PublicSealingKey): Promise<string> {
  const sodium = await loadSodium();
  const json = JSON.stringify(SealedPayloadSchema.parse(payload));
  return formatSealedValue(key.id, sodium.crypto_box_seal(new TextEncoder().encode(json), key.publicKey));
}
