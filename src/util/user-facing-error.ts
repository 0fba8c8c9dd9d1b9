/**
 * A failure caused by the repository's own content or settings (an unsafe archive entry, a
 * missing folder, a deployment GitHub refused): retrying cannot fix it, and its message — which
 * names what was wrong and what to do — is meant for the people on the pull request. Anything
 * else is Slipway's or GitHub's trouble and is retried. Extend this class to make an error one
 * of these; nothing else needs to change.
 */
export class UserFacingError extends Error {
  override name = "UserFacingError";
}

export function isUserFacingError(error: unknown): error is UserFacingError {
  return error instanceof UserFacingError;
}
