import { z } from "zod";
import { keyId } from "./key-id";
import { X25519_KEY_BYTES, type PublicSealingKey } from "./key-ring";
import { PUBLIC_KEY_PATH } from "./public-key-response";

/** Raised when the app's public key cannot be fetched or is not one; says what to do. */
export class PublicKeyFetchError extends Error {
  override name = "PublicKeyFetchError";
}

const FETCH_TIMEOUT_MS = 15_000;

const PublicKeyBodySchema = z.object({
  key_id: z.string().regex(/^[0-9a-f]{16}$/),
  key: z
    .string()
    .regex(/^[A-Za-z0-9+/]+={0,2}$/)
    .refine((key) => Buffer.from(key, "base64").length === X25519_KEY_BYTES),
});

/**
 * The public sealing key of the Slipway at `app` (`GET <app>/api/slipway/public-key`), checked:
 * a 32-byte key whose id is the one derived from it.
 */
export async function fetchPublicKey(app: string): Promise<PublicSealingKey> {
  const url = `${app}${PUBLIC_KEY_PATH}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    throw new PublicKeyFetchError(`Could not reach Slipway at ${app} (${cause}): start it with \`npm start\`, or pass its URL with --app.`);
  }
  if (!response.ok) {
    throw new PublicKeyFetchError(`${url} answered HTTP ${response.status}: check that --app is Slipway's URL (the public key is at ${PUBLIC_KEY_PATH}).`);
  }
  const body = PublicKeyBodySchema.safeParse(await response.json().catch(() => undefined));
  if (!body.success) throw new PublicKeyFetchError(`${url} did not answer a public key ({"key_id", "key"}): check that --app is Slipway's URL.`);
  const publicKey = new Uint8Array(Buffer.from(body.data.key, "base64"));
  if (keyId(publicKey) !== body.data.key_id) {
    throw new PublicKeyFetchError(`${url} answered a key whose id (${body.data.key_id}) is not its own: nothing was sealed; check --app.`);
  }
  return { id: body.data.key_id, publicKey };
}
