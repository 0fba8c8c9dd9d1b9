import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { randomBytes, randomUUID } from "node:crypto";
import nock from "nock";
import { createS3Client } from "../../../src/blobs/create-s3-client";
import type { JobContext } from "../../../src/jobs/job-context";
import type { PublishJob } from "../../../src/jobs/publish/publish-job";
import { reportPublishGaveUp } from "../../../src/jobs/publish/report-publish-gave-up";
import { runPublish } from "../../../src/jobs/publish/run-publish";
import { sealSecret } from "../../../src/secrets/seal-secret";
import type { Stores } from "../../../src/store/stores";
import { API, apiFixture } from "../../helpers/github-api";
import { testJobContext } from "../../helpers/job-context";
import { testStores } from "../../helpers/test-stores";
import { testKeyRing } from "../../secrets/test-key-ring";
import { releaseAsset } from "./targets/release-fixture";

const SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
const endpoint = process.env.TEST_S3_ENDPOINT ?? "";
const admin = createS3Client({ endpoint, region: "us-east-1", forcePathStyle: true });
const TAP_CONTENTS = "/repos/acme/homebrew-tap/contents/Formula%2Fsite.rb";
afterAll(() => admin.destroy());

let nextRelease = 800;
function job(releaseId: number): PublishJob {
  return { kind: "publish", repository: { installationId: 1, repoId: 424242, owner: "acme", repo: "web" }, releaseId, tag: "v1.2.3", actor: "mona" };
}

const site = releaseAsset("site-1.2.3-darwin-arm64.tar.gz", randomBytes(64));

/** The config with the mirror's two secrets (sealed for `scope`) and a homebrew target that needs the mirror. */
async function config(ring: Awaited<ReturnType<typeof testKeyRing>>["ring"], bucket: string, { scope = "acme/web", keyId = "S3RVER", assets = '["site-*"]', secretName = "MIRROR_KEY_ID" } = {}): Promise<string> {
  const seal = (value: string) => sealSecret({ scope, value }, ring.sealingKey);
  return [
    "secrets:",
    `  MIRROR_KEY_ID: ${await seal(keyId)}`,
    `  MIRROR_SECRET: ${await seal("S3RVER")}`,
    "publish:",
    "  retries: 0",
    "  targets:",
    "    mirror:",
    "      type: s3",
    `      assets: ${assets}`,
    `      bucket: ${bucket}`,
    "      region: us-east-1",
    `      endpoint: ${endpoint}`,
    `      access_key_id: ${secretName}`,
    "      secret_access_key: MIRROR_SECRET",
    "    homebrew:",
    "      type: homebrew",
    "      tap: acme/homebrew-tap",
    "      formula: site",
    '      asset: "site-*-darwin-arm64.tar.gz"',
    "      needs: [mirror]",
    "",
  ].join("\n");
}

function mockRelease(scope: nock.Scope, releaseId: number, yaml: string): void {
  scope
    .get(`/repos/acme/web/releases/${releaseId}`)
    .reply(200, { id: releaseId, tag_name: "v1.2.3", draft: false, prerelease: false, html_url: "https://github.com/acme/web/releases/tag/v1.2.3", assets: [site] })
    .get("/repos/acme/web/commits/tags%2Fv1.2.3")
    .reply(200, { sha: SHA })
    .get("/repos/acme/web/contents/.github%2Fslipway.yml")
    .query({ ref: "v1.2.3" })
    .reply(200, yaml, { "Content-Type": "text/plain; charset=utf-8" });
}

function formula(text = 'class Site < Formula\n  url "https://github.com/acme/web/releases/download/v1.2.2/site-1.2.2-darwin-arm64.tar.gz"\n  sha256 "' + "b".repeat(64) + '"\nend\n') {
  return { type: "file", encoding: "base64", size: Buffer.byteLength(text), name: "site.rb", path: "Formula/site.rb", content: Buffer.from(text).toString("base64"), sha: "3d21ec53a331a6f037a91c368710b99387d012c1", html_url: "https://github.com/acme/homebrew-tap/blob/main/Formula/site.rb" };
}

/** The check runs sent, by name, with their bodies. */
function recordCheckRuns(scope: nock.Scope): Record<string, unknown>[] {
  const sent: Record<string, unknown>[] = [];
  scope
    .post("/repos/acme/web/check-runs")
    .reply(201, (_uri, body) => {
      sent.push(body as Record<string, unknown>);
      return { ...apiFixture<Record<string, unknown>>("check-run"), head_sha: SHA };
    })
    .persist()
    .patch(/\/repos\/acme\/web\/check-runs\/\d+$/)
    .reply(200, (_uri, body) => {
      sent.push(body as Record<string, unknown>);
      return { ...apiFixture<Record<string, unknown>>("check-run"), head_sha: SHA };
    })
    .persist();
  return sent;
}

describe("the publish job", () => {
  let stores: Stores;
  let close: () => void;
  let ctx: JobContext;
  let ring: Awaited<ReturnType<typeof testKeyRing>>["ring"];
  let bucket: string;
  let releaseId: number;

  beforeEach(async () => {
    ({ stores, close } = await testStores());
    ({ ring } = await testKeyRing());
    ctx = await testJobContext(stores, { keyRing: async () => ring });
    bucket = `publish-${randomUUID()}`;
    await admin.send(new CreateBucketCommand({ Bucket: bucket }));
    releaseId = nextRelease++;
  });
  afterEach(() => close());

  it("blocks the targets that need a failed one, publishes nothing for them, and offers Retry failed", async () => {
    const github = nock(API);
    mockRelease(github, releaseId, await config(ring, bucket, { assets: '["nothing-matches-*"]' }));
    // The tap is only read, for the credential check: homebrew never runs.
    github.get(TAP_CONTENTS).reply(200, formula());
    const checks = recordCheckRuns(nock(API));

    const outcome = await runPublish(job(releaseId), ctx);

    github.done();
    expect(outcome).toEqual({ state: "failed", result: "mirror: failed; homebrew: blocked" });
    const final = checks.at(-1) as { conclusion: string; output: { summary: string; text: string }; actions: unknown[] };
    expect(final.conclusion).toBe("failure");
    expect(final.output.summary).toMatch(/\| \*\*homebrew\*\* \| homebrew \| ⛔ blocked \|.*not run: it needs mirror, which did not succeed/);
    expect(final.output.text).toMatch(/### mirror\n\n```\n.*no asset of release v1\.2\.3 matches "nothing-matches-\*"/s);
    expect(final.actions).toHaveLength(1);
    expect((await stores.publishLedger.list("acme", "web", releaseId)).map((entry) => [entry.target, entry.state])).toEqual([
      ["homebrew", "blocked"],
      ["mirror", "failed"],
    ]);
    const audit = await stores.audit.list("acme", "web");
    expect(audit.map((entry) => [entry.action, entry.result, entry.actor, entry.sha])).toEqual([
      ["publish", "failure", "mona", SHA],
      ["publish", "failure", "mona", SHA],
    ]);
  });

  it("publishes nothing when one target's credentials are refused, and says which", async () => {
    const github = nock(API);
    mockRelease(github, releaseId, await config(ring, bucket, { keyId: "NOT-THE-KEY" }));
    github.get(TAP_CONTENTS).reply(200, formula());
    const checks = recordCheckRuns(nock(API));

    const outcome = await runPublish(job(releaseId), ctx);

    github.done();
    expect(outcome).toEqual({ state: "failed", result: "credentials refused: mirror" });
    const final = checks.at(-1) as { output: { summary: string } };
    expect(final.output.summary).toMatch(/^\*\*Nothing was published\*\*: the credentials of mirror were refused/);
    expect(final.output.summary).toMatch(/\| \*\*homebrew\*\* \| homebrew \| ⏸️ not run \|/);
    expect(JSON.stringify(checks)).not.toContain("NOT-THE-KEY");
    expect((await stores.publishLedger.list("acme", "web", releaseId)).map((entry) => [entry.target, entry.state])).toEqual([["mirror", "failed"]]);
  });

  it("refuses a tap of another account in the credential check, before anything is published", async () => {
    const github = nock(API);
    mockRelease(github, releaseId, (await config(ring, bucket)).replace("tap: acme/homebrew-tap", "tap: other-org/homebrew-tap"));
    const checks = recordCheckRuns(nock(API));

    expect(await runPublish(job(releaseId), ctx)).toEqual({ state: "failed", result: "credentials refused: homebrew" });

    github.done();
    const final = checks.at(-1) as { output: { summary: string } };
    expect(final.output.summary).toMatch(/Slipway cannot act on the tap other-org\/homebrew-tap \(other-org\/homebrew-tap belongs to another account than acme/);
    expect(final.output.summary).toMatch(/\| \*\*mirror\*\* \| s3 \| ⏸️ not run \|/);
  });

  it("reports a target naming a secret that secrets: does not define on Slipway / config, and publishes nothing", async () => {
    const github = nock(API);
    mockRelease(github, releaseId, await config(ring, bucket, { secretName: "MIRROR_KEY" }));
    const checks = recordCheckRuns(nock(API));

    expect(await runPublish(job(releaseId), ctx)).toEqual({ state: "failed", result: "the secrets of .github/slipway.yml at v1.2.3 cannot be used" });

    github.done();
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ name: "Slipway / config", conclusion: "failure" });
    expect(JSON.stringify(checks[0])).toMatch(/`publish\.targets\.mirror\.access_key_id`: names the secret MIRROR_KEY, which `secrets:` does not define \(defined: MIRROR_KEY_ID, MIRROR_SECRET\)/);
  });

  it("reports a secret sealed for another repository on Slipway / config, without its value", async () => {
    const github = nock(API);
    mockRelease(github, releaseId, await config(ring, bucket, { scope: "acme/other" }));
    const checks = recordCheckRuns(nock(API));

    await runPublish(job(releaseId), ctx);

    github.done();
    expect(checks[0]).toMatchObject({ name: "Slipway / config" });
    const text = JSON.stringify(checks[0]);
    expect(text).toMatch(/`secrets\.MIRROR_KEY_ID`: is sealed for acme\/other, not for acme\/web/);
    expect(text).not.toContain("S3RVER");
  });

  it("reports an invalid needs graph on Slipway / config", async () => {
    const github = nock(API);
    mockRelease(github, releaseId, (await config(ring, bucket)).replace("needs: [mirror]", "needs: [mirorr]"));
    const checks = recordCheckRuns(nock(API));

    await runPublish(job(releaseId), ctx);

    github.done();
    expect(JSON.stringify(checks[0])).toMatch(/`publish\.targets\.homebrew\.needs\.0`: names mirorr, which is not a target under publish\.targets/);
  });

  it("reads only the config at the release's tag when the repository publishes nothing", async () => {
    const github = nock(API)
      .get("/repos/acme/web/contents/.github%2Fslipway.yml")
      .query({ ref: "v1.2.3" })
      .reply(200, "environments:\n  production:\n    permission: write\n", { "Content-Type": "text/plain; charset=utf-8" });

    expect(await runPublish(job(releaseId), ctx)).toEqual({ state: "succeeded", result: "no publish targets at v1.2.3" });
    github.done();
  });

  it("reads the config again at the release's tag when the tag was renamed after the event", async () => {
    const yaml = await config(ring, bucket);
    const github = nock(API).get("/repos/acme/web/contents/.github%2Fslipway.yml").query({ ref: "v1.2.2" }).reply(200, yaml, { "Content-Type": "text/plain; charset=utf-8" });
    mockRelease(github, releaseId, "environments: {}\n");

    expect(await runPublish({ ...job(releaseId), tag: "v1.2.2" }, ctx)).toEqual({ state: "succeeded", result: "no publish targets at v1.2.3" });
    github.done();
  });

  it("fails the publish check run with the Retry failed button when Slipway gives up on the job", async () => {
    const github = nock(API)
      .get(`/repos/acme/web/releases/${releaseId}`)
      .reply(200, { id: releaseId, tag_name: "v1.2.3", draft: false, prerelease: false, html_url: "https://github.com/acme/web/releases/tag/v1.2.3", assets: [] })
      .get("/repos/acme/web/commits/tags%2Fv1.2.3")
      .reply(200, { sha: SHA });
    const checks = recordCheckRuns(nock(API));

    await reportPublishGaveUp(job(releaseId), ctx, "DynamoDB was unreachable");

    github.done();
    expect(checks).toEqual([
      expect.objectContaining({
        name: "Slipway / publish",
        head_sha: SHA,
        external_id: `slipway-publish:${releaseId}`,
        conclusion: "failure",
        actions: [{ label: "Retry failed", description: "Re-run targets that did not succeed", identifier: "retry-failed" }],
        output: expect.objectContaining({ title: "Slipway could not finish publishing v1.2.3", summary: expect.stringMatching(/^Gave up after 3 attempts: DynamoDB was unreachable\. Targets that succeeded stay published/) }),
      }),
    ]);
  });
});
