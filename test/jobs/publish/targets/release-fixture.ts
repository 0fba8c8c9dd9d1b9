import { createHash } from "node:crypto";
import nock from "nock";
import { ReleaseAssetSchema } from "../../../../src/github/release-asset";
import type { ReleaseAsset } from "../../../../src/github/release-asset";
import type { ReleaseInfo } from "../../../../src/jobs/publish/targets/common/target";
import { API } from "../../../helpers/github-api";

export const OWNER = "acme";
export const REPO = "web";
export const SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
/** The short-lived token GitHub puts in the query of an asset's download URL. */
export const DOWNLOAD_SIGNATURE = "sig=R3aLlyS3cr3tSignatureValue%3D";
export const DOWNLOAD_HOST = "https://release-assets.githubusercontent.com";

let nextId = 9001;

/**
 * A release asset as GitHub's REST API and `release` webhook list it. `digest` is GitHub's
 * `sha256:<hex>` of the content, which older assets lack (`withDigest: false`).
 */
export function releaseAsset(name: string, body: Buffer, { withDigest = true, contentType = "application/octet-stream", id = nextId++ } = {}): ReleaseAsset {
  return ReleaseAssetSchema.parse({
    url: `${API}/repos/${OWNER}/${REPO}/releases/assets/${id}`,
    browser_download_url: `https://github.com/${OWNER}/${REPO}/releases/download/v1.2.3/${encodeURIComponent(name)}`,
    id,
    node_id: `RA_kwDOAbCdEf4${id}`,
    name,
    label: "",
    state: "uploaded",
    content_type: contentType,
    size: body.length,
    digest: withDigest ? `sha256:${createHash("sha256").update(body).digest("hex")}` : null,
    download_count: 0,
    created_at: "2026-11-30T10:00:00Z",
    updated_at: "2026-11-30T10:00:01Z",
    uploader: { login: "octocat", id: 1, type: "User", site_admin: false },
  });
}

/** The release the targets publish, `v1.2.3` unless told otherwise. */
export function releaseInfo(assets: ReleaseAsset[] = [], overrides: Partial<ReleaseInfo> = {}): ReleaseInfo {
  return { owner: OWNER, repo: REPO, tag: "v1.2.3", version: "1.2.3", prerelease: false, commitSha: SHA, assets, ...overrides };
}

/**
 * GitHub's two-step download of an asset: the API answers 302 to a signed URL on another host,
 * which serves the bytes. That host must never receive the installation token.
 */
export function mockAssetDownload(asset: ReleaseAsset, body: Buffer, { times = 1 } = {}): nock.Scope[] {
  const path = `/github-production-release-asset/123456/${asset.id}-5f0b`;
  const api = nock(API, { reqheaders: { accept: "application/octet-stream" } })
    .get(`/repos/${OWNER}/${REPO}/releases/assets/${asset.id}`)
    .times(times)
    .reply(302, "", { Location: `${DOWNLOAD_HOST}${path}?sp=r&sv=2018-11-09&sr=b&${DOWNLOAD_SIGNATURE}` });
  const download = nock(DOWNLOAD_HOST, { badheaders: ["authorization"] })
    .get(path)
    .query(true)
    .times(times)
    .reply(200, body, { "Content-Type": "application/octet-stream", "Content-Length": String(body.length) });
  return [api, download];
}
