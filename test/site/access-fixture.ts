import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildFileKey } from "../../src/blobs/blob-store";
import { FolderBlobStore } from "../../src/blobs/folder-blob-store";
import { userRequest } from "../../src/github/user-request";
import type { EnvironmentRecord } from "../../src/model/records";
import { contentTypeFor } from "../../src/providers/content-type";
import { deriveSessionKeys } from "../../src/site/access/session-keys";
import type { SiteDeps } from "../../src/site/site-deps";
import { testStores } from "../helpers/test-stores";
import { environment } from "./site-fixture";

export const CLIENT_ID = "Iv1.8a61f9b3a7aba766";
export const CLIENT_SECRET = "1f4b2c0e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c";
export const SESSION_SECRET = "test-session-secret-of-at-least-32-characters";
/** The sign-in origin: SITE_BASE_URL. */
export const BASE_URL = "https://slipway.example.test/sites";
export const DOMAIN = "previews.example.test";
export const PAGES = { "index.html": "<h1>Home of pull request 12</h1>", "docs/index.html": "<h1>Docs</h1>" };

/**
 * A site server over real stores (DynamoDB Local) holding `acme/web`'s private preview `pr-12`
 * and its public `production`, with sign-in configured against github.com (nock answers it)
 * and a clock the test moves.
 */
export async function accessFixture(options: { domain?: string; apiUrl?: string } = {}) {
  const { stores, close } = await testStores();
  const root = await mkdtemp(join(tmpdir(), "slipway-access-"));
  const blobs = new FolderBlobStore(root);
  const records: EnvironmentRecord[] = [
    environment({ owner: "acme", repo: "web", name: "pr-12", private: true }),
    environment({ owner: "acme", repo: "web", name: "production", pullNumber: undefined, private: false }),
    environment({ owner: "acme", repo: "web", name: "pr-7", pullNumber: 7, private: undefined }),
  ];
  for (const record of records) {
    await stores.environments.point(record);
    for (const [path, body] of Object.entries(PAGES)) await blobs.put(buildFileKey(record.owner, record.repo, record.buildKey, path), Buffer.from(body), contentTypeFor(path));
  }
  const clock = { now: new Date("2026-11-20T12:00:00.000Z") };
  const keys = deriveSessionKeys(SESSION_SECRET);
  const deps: SiteDeps = {
    environments: stores.environments,
    blobs,
    siteHosts: stores.siteHosts,
    sites: { baseUrl: BASE_URL, domain: "domain" in options ? options.domain : DOMAIN },
    access: {
      keys,
      shareLinks: stores.shareLinks,
      handoffs: stores.handoffs,
      signIn: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, request: userRequest(options.apiUrl ?? "https://api.github.com") },
    },
    now: () => clock.now,
  };
  return {
    deps,
    stores,
    keys,
    clock,
    /** Moves the clock on. */
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
    async cleanup() {
      close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
