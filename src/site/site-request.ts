/** A request to the site server, independent of the HTTP layer carrying it. */
export interface SiteRequest {
  method: string;
  /** The host it was sent to: API Gateway's domain name, or the `Host` header locally. */
  host?: string;
  /** The whole path as sent, still percent-encoded: `/sites/octo/hello/pr-12/css/a.css`, or `/css/a.css` on an environment's own origin. */
  path: string;
  /** The query string without `?`, kept on redirects. */
  query?: string;
  /** The `Cookie` header. */
  cookie?: string;
  /** The `If-None-Match` request header, for 304 answers. */
  ifNoneMatch?: string;
}
