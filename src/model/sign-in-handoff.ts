import { z } from "zod";

/**
 * A signed-in session on its way from the sign-in origin to an environment's own origin: a
 * browser cookie cannot cross origins, so the callback stores it under the hash of a one-time
 * code and the environment's origin takes it (once, within a minute) to set its own cookie.
 */
export const SignInHandoffSchema = z.object({
  /** SHA-256 (hex) of the one-time code. */
  id: z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in hex"),
  owner: z.string().min(1),
  repo: z.string().min(1),
  environment: z.string().min(1),
  /** The signed session cookie value to set on the environment's origin. */
  session: z.string().min(1),
  /** The sign-in nonce of the browser that started the sign-in: only that browser may take the hand-off. */
  nonce: z.string().min(1),
  /** Where to go on the environment's origin afterwards: a path, never a URL. */
  to: z.string().startsWith("/"),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type SignInHandoff = z.infer<typeof SignInHandoffSchema>;
