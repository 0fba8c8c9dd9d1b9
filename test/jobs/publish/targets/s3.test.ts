import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import diagnostics from "node:diagnostics_channel";
import nock from "nock";
import { createS3Client } from "../../../../src/blobs/create-s3-client";
import { s3Target, S3TargetSchema } from "../../../../src/jobs/publish/targets/s3";
import type { S3TargetConfig } from "../../../../src/jobs/publish/targets/s3";
import { TargetConflictError, TargetCredentialsError, TargetUnavailableError } from "../../../../src/jobs/publish/targets/common/target-errors";
import { DOWNLOAD_SIGNATURE, mockAssetDownload, releaseAsset, releaseInfo } from "./release-fixture";
import { targetContext } from "./target-context";
import type { TestTargetContext } from "./target-context";
import type { ReleaseAsset } from "../../../../src/github/release-asset";

const endpoint = process.env.TEST_S3_ENDPOINT ?? "";
const admin = createS3Client({ endpoint, region: "us-east-1", forcePathStyle: true });
// s3rver's one account; anything else is refused as a real S3 would.
const GOOD = { MIRROR_KEY_ID: "S3RVER", MIRROR_SECRET: "S3RVER" };

const contexts: TestTargetContext<S3TargetConfig>[] = [];
afterEach(() => {
  for (const ctx of contexts.splice(0)) ctx.cleanUp();
});
afterAll(() => admin.destroy());

async function freshBucket(): Promise<string> {
  const bucket = `publish-${randomUUID()}`;
  await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}

function config(bucket: string, overrides: Record<string, unknown> = {}): S3TargetConfig {
  return S3TargetSchema.parse({
    type: "s3",
    assets: ["*.tar.gz"],
    bucket,
    prefix: "site/{version}/",
    region: "us-east-1",
    endpoint,
    access_key_id: "MIRROR_KEY_ID",
    secret_access_key: "MIRROR_SECRET",
    ...overrides,
  });
}

function context(bucket: string, assets: ReleaseAsset[], secrets: Record<string, string> = GOOD, overrides: Record<string, unknown> = {}) {
  const ctx = targetContext("mirror", config(bucket, overrides), releaseInfo(assets), secrets);
  contexts.push(ctx);
  return ctx;
}

async function objectBody(bucket: string, key: string): Promise<Buffer> {
  const { Body } = await admin.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await Body!.transformToByteArray());
}

async function keys(bucket: string): Promise<string[]> {
  const { Contents = [] } = await admin.send(new ListObjectsV2Command({ Bucket: bucket }));
  return Contents.map((object) => object.Key ?? "");
}

/** Prepare, probe and (when absent) publish, as the publish job does. */
async function run(ctx: TestTargetContext<S3TargetConfig>) {
  const prepared = await s3Target.prepare(ctx);
  try {
    const probe = await s3Target.probe(ctx, prepared);
    const published = probe.state === "absent" ? await s3Target.publish(ctx, prepared) : undefined;
    return { probe, published };
  } finally {
    await prepared.dispose();
  }
}

describe("s3 target", () => {
  // Inside the describe, so it runs before the global clean-up of nock: every mock was used.
  afterEach(() => expect(nock.pendingMocks()).toEqual([]));

  it("uploads an absent asset under the prefix, streamed from GitHub without sending it the token, with its SHA-256 in the metadata", async () => {
    const bucket = await freshBucket();
    const body = randomBytes(3000);
    const asset = releaseAsset("site-1.2.3.tar.gz", body, { contentType: "application/gzip" });
    const mocks = mockAssetDownload(asset, body);
    const ctx = context(bucket, [asset, releaseAsset("notes.txt", Buffer.from("not matched"))]);

    await expect(s3Target.verifyCredentials(ctx)).resolves.toEqual({ detail: `HeadBucket on ${bucket} succeeded` });
    const { probe, published } = await run(ctx);

    expect(probe).toEqual({ state: "absent", detail: "1 of 1 object to upload" });
    const digest = `sha256:${asset.digest?.slice("sha256:".length)}`;
    expect(published).toEqual({
      link: `${endpoint}/${bucket}/site/1.2.3/site-1.2.3.tar.gz`,
      digest,
      artifacts: [{ name: "site/1.2.3/site-1.2.3.tar.gz", size: 3000, digest }],
    });
    expect(await keys(bucket)).toEqual(["site/1.2.3/site-1.2.3.tar.gz"]);
    expect(await objectBody(bucket, "site/1.2.3/site-1.2.3.tar.gz")).toEqual(body);
    const head = await admin.send(new HeadObjectCommand({ Bucket: bucket, Key: "site/1.2.3/site-1.2.3.tar.gz" }));
    expect(head.Metadata).toEqual({ sha256: asset.digest?.slice("sha256:".length) });
    expect(head.ContentType).toBe("application/gzip");
    for (const mock of mocks) mock.done();
    expect(ctx.lines.join("\n")).not.toContain(DOWNLOAD_SIGNATURE);
  });

  it("finds a republished release identical and writes nothing, not even downloading the asset", async () => {
    const bucket = await freshBucket();
    const body = randomBytes(2000);
    const asset = releaseAsset("site-1.2.3.tar.gz", body);
    mockAssetDownload(asset, body);
    await run(context(bucket, [asset]));
    const before = await admin.send(new HeadObjectCommand({ Bucket: bucket, Key: "site/1.2.3/site-1.2.3.tar.gz" }));

    // No download is mocked now: fetching the asset would fail the test.
    const { probe, published } = await run(context(bucket, [asset]));

    expect(probe).toEqual({
      state: "identical",
      detail: `all 1 object already in s3://${bucket}/site/1.2.3/ with the same content`,
      link: `${endpoint}/${bucket}/site/1.2.3/site-1.2.3.tar.gz`,
      digest: asset.digest,
    });
    expect(published).toBeUndefined();
    const after = await admin.send(new HeadObjectCommand({ Bucket: bucket, Key: "site/1.2.3/site-1.2.3.tar.gz" }));
    expect(after.LastModified).toEqual(before.LastModified);
  });

  it("reports different content as a conflict and never overwrites it", async () => {
    const bucket = await freshBucket();
    const original = randomBytes(1500);
    const first = releaseAsset("site-1.2.3.tar.gz", original);
    mockAssetDownload(first, original);
    await run(context(bucket, [first]));

    const changed = randomBytes(1500);
    const second = releaseAsset("site-1.2.3.tar.gz", changed);
    const ctx = context(bucket, [second]);
    const prepared = await s3Target.prepare(ctx);
    const probe = await s3Target.probe(ctx, prepared);

    expect(probe.state).toBe("different");
    expect(probe.detail).toContain(`s3://${bucket}/site/1.2.3/site-1.2.3.tar.gz holds SHA-256 ${first.digest?.slice(7)}, the asset has ${second.digest?.slice(7)}`);
    await expect(s3Target.publish(ctx, prepared)).rejects.toThrow(TargetConflictError);
    await prepared.dispose();
    expect(await objectBody(bucket, "site/1.2.3/site-1.2.3.tar.gz")).toEqual(original);
  });

  it("fails verifyCredentials with a clear message naming the secrets, never their values, and writes nothing", async () => {
    const bucket = await freshBucket();
    const secrets = { MIRROR_KEY_ID: "AKIAWRONGWRONGWRONG1", MIRROR_SECRET: "wrong-secret-value-123456" };
    const ctx = context(bucket, [releaseAsset("site-1.2.3.tar.gz", Buffer.from("x"))], secrets);

    const error: unknown = await s3Target.verifyCredentials(ctx).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TargetCredentialsError);
    expect((error as Error).message).toBe(
      `S3 refused the credentials in MIRROR_KEY_ID / MIRROR_SECRET for the bucket ${bucket} (HTTP 403): check both secrets, and that the key may s3:ListBucket, s3:GetObject and s3:PutObject there.`,
    );
    expect((error as Error).message).not.toContain(secrets.MIRROR_SECRET);
    expect(await keys(bucket)).toEqual([]);
  });

  it("hashes an asset GitHub lists without a digest into a temporary file, and removes it on dispose", async () => {
    const bucket = await freshBucket();
    const body = randomBytes(4096);
    const asset = releaseAsset("site-1.2.3.tar.gz", body, { withDigest: false });
    const mocks = mockAssetDownload(asset, body);
    const ctx = context(bucket, [asset]);

    const prepared = await s3Target.prepare(ctx);
    expect(ctx.leftovers()).toHaveLength(1);
    const published = await s3Target.publish(ctx, prepared);
    await prepared.dispose();

    expect(published.digest).toBe(`sha256:${createHash("sha256").update(body).digest("hex")}`);
    expect(await objectBody(bucket, "site/1.2.3/site-1.2.3.tar.gz")).toEqual(body);
    expect(ctx.leftovers()).toEqual([]);
    for (const mock of mocks) mock.done();
  });

  it("uploads a large asset in parts", async () => {
    const bucket = await freshBucket();
    const body = randomBytes(20 * 1024 * 1024 + 17);
    const asset = releaseAsset("big.tar.gz", body);
    mockAssetDownload(asset, body);
    const ctx = context(bucket, [asset], GOOD, { prefix: "" });

    // The requests the SDK makes, seen through Node's HTTP client diagnostics.
    const requests: string[] = [];
    const watch = ({ request }: { request: { method: string; path: string } }) => requests.push(`${request.method} ${request.path}`);
    diagnostics.subscribe("http.client.request.start", watch as (message: unknown) => void);
    try {
      await run(ctx);
    } finally {
      diagnostics.unsubscribe("http.client.request.start", watch as (message: unknown) => void);
    }

    const parts = requests.filter((request) => /^PUT \/[^?]+\/big\.tar\.gz\?.*partNumber=\d/.test(request));
    expect(parts).toHaveLength(5);
    expect(requests.some((request) => /^POST \/[^?]+\/big\.tar\.gz\?uploads/.test(request))).toBe(true);
    expect((await objectBody(bucket, "big.tar.gz")).equals(body)).toBe(true);
  });

  it("writes nothing when the downloaded bytes do not match GitHub's digest", async () => {
    const bucket = await freshBucket();
    const asset = releaseAsset("site-1.2.3.tar.gz", Buffer.from("the bytes GitHub hashed"));
    mockAssetDownload(asset, Buffer.from("other bytes, same size!"));
    const ctx = context(bucket, [asset]);

    const prepared = await s3Target.prepare(ctx);
    const error: unknown = await s3Target.publish(ctx, prepared).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(TargetUnavailableError);
    expect((error as Error).message).toContain("not the");
    expect(await keys(bucket)).toEqual([]);
  });

  it("compares an object uploaded by other means by its single-part ETag", async () => {
    const bucket = await freshBucket();
    const body = Buffer.from("uploaded by hand");
    await admin.send(new PutObjectCommand({ Bucket: bucket, Key: "site/1.2.3/site-1.2.3.tar.gz", Body: body }));
    const same = releaseAsset("site-1.2.3.tar.gz", body);
    mockAssetDownload(same, body);
    const ctx = context(bucket, [same]);

    const prepared = await s3Target.prepare(ctx);
    await expect(s3Target.probe(ctx, prepared)).resolves.toMatchObject({ state: "identical" });

    const other = releaseAsset("site-1.2.3.tar.gz", Buffer.from("uploaded by bot!"));
    mockAssetDownload(other, Buffer.from("uploaded by bot!"));
    const otherCtx = context(bucket, [other]);
    const otherPrepared = await s3Target.prepare(otherCtx);
    await expect(s3Target.probe(otherCtx, otherPrepared)).resolves.toMatchObject({ state: "different" });
    expect(nock.pendingMocks()).toEqual([]);
  });
});
