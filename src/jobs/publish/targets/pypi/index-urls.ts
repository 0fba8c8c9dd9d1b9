/**
 * Where the package index's JSON API is, from its legacy upload URL: the upload host without
 * a leading `upload.` (PyPI uploads to `upload.<host>/legacy/` and serves the JSON API from
 * `<host>`); an index whose upload URL has no such prefix serves both from one host.
 */
export function jsonApiBase(repository: string): string {
  const url = new URL(repository);
  const host = url.hostname.startsWith("upload.") ? url.hostname.slice("upload.".length) : url.hostname;
  return `${url.protocol}//${host}${url.port ? `:${url.port}` : ""}`;
}

/** The JSON document of one release: `<base>/pypi/<project>/<version>/json`. */
export function releaseJsonUrl(repository: string, project: string, version: string): string {
  return `${jsonApiBase(repository)}/pypi/${encodeURIComponent(project)}/${encodeURIComponent(version)}/json`;
}

/** Where people see a release: its page on the index (`/project/<name>/<version>/`). */
export function releasePageUrl(repository: string, project: string, version: string): string {
  return `${jsonApiBase(repository)}/project/${encodeURIComponent(project)}/${encodeURIComponent(version)}/`;
}
