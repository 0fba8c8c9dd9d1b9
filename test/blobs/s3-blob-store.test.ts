import { CreateBucketCommand } from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import { randomUUID } from "node:crypto";
import { buildPrefix } from "../../src/blobs/blob-store";
import { createS3Client } from "../../src/blobs/create-s3-client";
import { S3BlobStore } from "../../src/blobs/s3-blob-store";
import { describeBlobStoreContract, putMany } from "./blob-store-contract";
import { withoutNock } from "../helpers/without-nock";

withoutNock();

const client = createS3Client({ endpoint: process.env.TEST_S3_ENDPOINT, region: "us-east-1", forcePathStyle: true });

/** A new bucket per store keeps every test's objects apart. */
async function freshBucket(on: S3Client = client): Promise<string> {
  const bucket = `slipway-test-${randomUUID()}`;
  await on.send(new CreateBucketCommand({ Bucket: bucket }));
  return bucket;
}

afterAll(() => {
  client.destroy();
});

describeBlobStoreContract("S3BlobStore", async () => new S3BlobStore({ client, bucket: await freshBucket() }));

describe("S3BlobStore", () => {
  test("asks S3 to encrypt each object at rest", async () => {
    // s3rver accepts the header but does not echo it, so the request itself is inspected.
    const sent: Record<string, string>[] = [];
    const watched = createS3Client({ endpoint: process.env.TEST_S3_ENDPOINT, region: "us-east-1", forcePathStyle: true });
    watched.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers?: Record<string, string> };
        if (request.headers) sent.push(request.headers);
        return next(args);
      },
      { step: "finalizeRequest" },
    );
    const store = new S3BlobStore({ client: watched, bucket: await freshBucket() });
    await store.put("logs/j.txt", Buffer.from("log"), "text/plain");
    watched.destroy();
    expect(sent.at(-1)).toMatchObject({ "x-amz-server-side-encryption": "AES256", "content-type": "text/plain" });
    await expect(store.get("logs/j.txt")).resolves.toEqual({ body: Buffer.from("log"), contentType: "text/plain" });
  });

  test("deletePrefix follows every page of the listing and deletes in batches", async () => {
    // Small pages and batches stand in for S3's 1000, so the paths are exercised in a second.
    const store = new S3BlobStore({ client, bucket: await freshBucket(), pageSize: 7, deleteBatch: 10 });
    const prefix = buildPrefix("o", "r", "many");
    await putMany(store, prefix, 25);
    await store.put("builds/o/r/other/index.html", Buffer.from("keep"), "text/html");

    await expect(store.deletePrefix(prefix)).resolves.toBe(25);
    await expect(store.get(`${prefix}f/00000.txt`)).resolves.toBeUndefined();
    await expect(store.get(`${prefix}f/00024.txt`)).resolves.toBeUndefined();
    await expect(store.get("builds/o/r/other/index.html")).resolves.toMatchObject({ body: Buffer.from("keep") });
  });
});
