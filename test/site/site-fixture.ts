import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildFileKey } from "../../src/blobs/blob-store";
import { FolderBlobStore } from "../../src/blobs/folder-blob-store";
import { contentTypeFor } from "../../src/providers/content-type";
import type { SiteDeps } from "../../src/site/serve-site";
import type { EnvironmentRecord } from "../../src/model/records";

export function environment(overrides: Partial<EnvironmentRecord> = {}): EnvironmentRecord {
  return {
    installationId: 7,
    repoId: 42,
    owner: "Octo",
    repo: "Hello",
    name: "pr-12",
    state: "active",
    sha: "abc1234def5678abc1234def5678abc1234def56",
    buildKey: "abc1234def5678abc1234def5678abc1234def56-public",
    spa: false,
    sourceAt: "2026-11-20T10:00:00Z",
    pullNumber: 12,
    url: "http://localhost:3000/sites/octo/hello/pr-12/",
    updatedAt: "2026-11-20T10:00:05Z",
    private: false,
    ...overrides,
  };
}

/**
 * Site dependencies over a real folder blob store holding one build, with the environments
 * kept in a plain list looked up the way the store does (owner and repo case-insensitive).
 * Sites are served at the host's root (`SITE_BASE_URL` without a path) unless `options` say.
 */
export async function siteWith(files: Record<string, string | Buffer>, environments: EnvironmentRecord[], options: Partial<Pick<SiteDeps, "sites" | "access" | "siteHosts" | "now">> = {}) {
  const root = await mkdtemp(join(tmpdir(), "slipway-site-"));
  const blobs = new FolderBlobStore(root);
  for (const record of environments) {
    for (const [path, body] of Object.entries(files)) {
      await blobs.put(buildFileKey(record.owner, record.repo, record.buildKey, path), Buffer.from(body), contentTypeFor(path));
    }
  }
  const deps: SiteDeps = {
    blobs,
    environments: {
      get: async (owner, repo, name) =>
        environments.find((e) => e.owner.toLowerCase() === owner.toLowerCase() && e.repo.toLowerCase() === repo.toLowerCase() && e.name === name),
    },
    siteHosts: { get: async () => undefined },
    sites: { baseUrl: "http://localhost:3000" },
    ...options,
  };
  return { deps, cleanup: () => rm(root, { recursive: true, force: true }) };
}
