// Octokit's RequestError is recognised by shape rather than `instanceof`: @octokit/request-error
// is not a direct dependency, and a second copy of it in node_modules would defeat `instanceof`.

type FailedRequest = { status: number; message: string; response?: { data?: unknown } };

function isFailedRequest(error: unknown): error is FailedRequest {
  return error instanceof Error && "status" in error && typeof error.status === "number";
}

/** The HTTP status GitHub answered a failed Octokit request with; undefined for other errors. */
export function githubErrorStatus(error: unknown): number | undefined {
  return isFailedRequest(error) ? error.status : undefined;
}

/**
 * GitHub's own explanation of a failed request (the `message` of its JSON answer and the
 * details of its `errors`), without the documentation link Octokit appends; falls back to the
 * error's message.
 */
export function githubErrorMessage(error: unknown): string {
  if (!isFailedRequest(error)) return error instanceof Error ? error.message : String(error);
  const data = error.response?.data;
  if (typeof data !== "object" || data === null || !("message" in data) || typeof data.message !== "string") {
    return error.message;
  }
  // A 422 "Validation Failed" says what failed only in its errors list.
  const details = "errors" in data && Array.isArray(data.errors) ? data.errors.map(describeDetail).filter(Boolean) : [];
  return details.length > 0 ? `${data.message} (${details.join("; ")})` : data.message;
}

function describeDetail(detail: unknown): string {
  if (typeof detail === "string") return detail;
  if (typeof detail !== "object" || detail === null) return "";
  const { message, field, code } = detail as Record<string, unknown>;
  if (typeof message === "string") return message;
  return [field, code].filter((part) => typeof part === "string").join(" ");
}
