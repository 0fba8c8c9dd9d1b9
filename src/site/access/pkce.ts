import { createHash, randomBytes } from "node:crypto";

/** A PKCE pair (RFC 7636, S256): the verifier stays with Slipway, the challenge goes to GitHub. */
export function createPkce(): { verifier: string; challenge: string } {
  // 32 random bytes are 43 base64url characters, the shortest verifier RFC 7636 allows.
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}
