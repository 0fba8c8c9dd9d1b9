import { z } from "zod";
import { TargetUnavailableError } from "../common/target-errors";
import { releaseJsonUrl } from "./index-urls";

const ReleaseJsonSchema = z.object({
  urls: z.array(z.object({ filename: z.string(), digests: z.object({ sha256: z.string() }) })),
});

/**
 * The files the index holds for one release, by file name → SHA-256, from its JSON API
 * (`GET /pypi/<project>/<version>/json`); empty when the project or the version is unknown.
 */
export async function fetchReleaseFiles(repository: string, project: string, version: string): Promise<Map<string, string>> {
  const url = releaseJsonUrl(repository, project, version);
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new TargetUnavailableError(`the package index's JSON API could not be reached for ${project} ${version} (${reason}); it will be retried.`);
  }
  if (response.status === 404) return new Map();
  if (!response.ok) throw new TargetUnavailableError(`the package index's JSON API answered HTTP ${response.status} for ${project} ${version}; it will be retried.`);
  const release = ReleaseJsonSchema.safeParse(await response.json().catch(() => undefined));
  if (!release.success) throw new TargetUnavailableError(`the package index's JSON API sent an unexpected document for ${project} ${version}; it will be retried.`);
  return new Map(release.data.urls.map((file) => [file.filename, file.digests.sha256.toLowerCase()]));
}
