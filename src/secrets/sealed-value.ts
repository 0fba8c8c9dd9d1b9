import { z } from "zod";
import { SecretScopeSchema } from "./secret-scope";

/** Every sealed value starts with this; `v1` is `crypto_box_seal` of the JSON {@link SealedPayloadSchema}. */
export const SEALED_PREFIX = "sealed:v1:";

const SEALED_VALUE = /^sealed:v1:([0-9a-f]{16}):([A-Za-z0-9+/]+={0,2})$/;

/** What is sealed: the secret and where it may be opened. Checked after opening. */
export const SealedPayloadSchema = z.strictObject({
  scope: SecretScopeSchema,
  value: z.string().min(1),
});
export type SealedPayload = z.infer<typeof SealedPayloadSchema>;

/** The parts of `sealed:v1:<key_id>:<base64 box>`, or undefined when the text is not one. */
export function parseSealedValue(text: string): { keyId: string; box: Uint8Array } | undefined {
  const match = SEALED_VALUE.exec(text.trim());
  if (!match) return undefined;
  const [, keyId = "", data = ""] = match;
  return { keyId, box: new Uint8Array(Buffer.from(data, "base64")) };
}

/** `sealed:v1:<key_id>:<base64 box>`. */
export function formatSealedValue(keyId: string, box: Uint8Array): string {
  return `${SEALED_PREFIX}${keyId}:${Buffer.from(box).toString("base64")}`;
}
