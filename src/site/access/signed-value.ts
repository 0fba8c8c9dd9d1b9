import { sign, unsign } from "cookie-signature";
import type { z } from "zod";

/** A JSON value as a cookie value: base64url, then signed (HMAC-SHA256) by cookie-signature. */
export function signValue(value: unknown, key: Buffer): string {
  return sign(Buffer.from(JSON.stringify(value), "utf8").toString("base64url"), key);
}

/**
 * The value {@link signValue} signed, validated by `schema`; undefined when the signature does
 * not match (tampered, or another key), or the content is not what the schema expects.
 */
export function readSignedValue<Schema extends z.ZodType>(signed: string | undefined, key: Buffer, schema: Schema): z.output<Schema> | undefined {
  if (!signed) return undefined;
  const payload = unsign(signed, key);
  if (payload === false) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
