/** The public address of an environment: `<SITE_BASE_URL>/<owner>/<repo>/<environment>/`. */
export function siteUrl(siteBaseUrl: string, owner: string, repo: string, environment: string): string {
  const segments = [owner.toLowerCase(), repo.toLowerCase(), environment].map(encodeURIComponent);
  return `${siteBaseUrl.replace(/\/+$/, "")}/${segments.join("/")}/`;
}
