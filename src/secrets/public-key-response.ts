import type { PublicSealingKey } from "./key-ring";

/** Where the app publishes the key that seals secrets for it (SPEC: Sealed secrets). */
export const PUBLIC_KEY_PATH = "/api/slipway/public-key";

/** An HTTP answer, in the shape API Gateway's HTTP API takes it. */
export interface PublicKeyAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The answer to `GET /api/slipway/public-key`: `{"key_id": "…", "key": "<base64>"}`, the shape
 * of GitHub's Actions secrets public-key endpoint. The key is public and changes only with a
 * rotation, after which the previous key still opens what it sealed: an hour of caching is safe.
 * The key id is the entity tag, so a client that has the key gets a 304.
 */
export function publicKeyResponse(key: PublicSealingKey, request: { method: string; ifNoneMatch?: string | undefined }): PublicKeyAnswer {
  const method = request.method.toUpperCase();
  if (method !== "GET" && method !== "HEAD") {
    return { statusCode: 405, headers: { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" }, body: "The public key is read with GET.\n" };
  }
  const etag = `"${key.id}"`;
  const headers = {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "public, max-age=3600",
    etag,
    "x-content-type-options": "nosniff",
  };
  const tags = (request.ifNoneMatch ?? "").split(",").map((tag) => tag.trim().replace(/^W\//, ""));
  if (tags.includes(etag) || tags.includes("*")) return { statusCode: 304, headers, body: "" };
  const body = JSON.stringify({ key_id: key.id, key: Buffer.from(key.publicKey).toString("base64") });
  return { statusCode: 200, headers, body: method === "HEAD" ? "" : body };
}
