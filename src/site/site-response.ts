/** What the site server answers, independent of the HTTP layer carrying it. */
export interface SiteResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** `Set-Cookie` values, each sent as its own header. */
  cookies?: string[];
}

/**
 * A short plain-text answer (errors, redirects). Plain text, so the path echoed back can never
 * run as markup, and `no-store`, because an environment may appear a moment later.
 */
export function textResponse(status: number, text: string, headers: Record<string, string> = {}): SiteResponse {
  const body = Buffer.from(`${text}\n`, "utf8");
  return {
    status,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Length": String(body.length),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...headers,
    },
    body,
  };
}
