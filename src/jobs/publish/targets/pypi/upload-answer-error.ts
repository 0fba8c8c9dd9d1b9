import { redactSecrets } from "../common/redact-secrets";
import { TargetConflictError, TargetCredentialsError, TargetRejectedError, TargetUnavailableError } from "../common/target-errors";
import type { UploadAnswer } from "./legacy-upload";

/**
 * The error for a refused upload, quoting the index's own message (its reason phrase, as
 * twine shows it) with any secret removed: 401/403 are credentials or permissions, "File
 * already exists" and a reused file name are conflicts, other 4xx refusals, 5xx and 429 are
 * worth retrying.
 */
export function uploadAnswerError(answer: UploadAnswer, what: string, context: { repository: string; secretName: string; token: string }): Error {
  const said = redactSecrets(answer.reason || answer.body.split("\n")[0] || "no message", { token: context.token });
  const where = `the package index at ${context.repository}`;
  if (answer.status === 401 || answer.status === 403) {
    return new TargetCredentialsError(`${where} refused the token in ${context.secretName} for ${what} (HTTP ${answer.status}: ${said}); create an API token that may upload this project and seal it again.`);
  }
  if (answer.status === 400 && /file already exists|filename has already been used/i.test(said)) {
    return new TargetConflictError(`${where} already has ${what} with other content, or had it once (HTTP 400: ${said}); an index never takes a file name twice. Release a new version.`);
  }
  if (answer.status === 429 || answer.status >= 500) return new TargetUnavailableError(`${where} failed on ${what} (HTTP ${answer.status}: ${said}); it will be retried.`);
  return new TargetRejectedError(`${where} refused ${what} (HTTP ${answer.status}: ${said}).`);
}
