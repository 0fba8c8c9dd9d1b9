import { publishTarget } from "../../../src/jobs/publish/publish-target";
import type { PublishTarget } from "../../../src/jobs/publish/targets/bind-target";
import { TargetRejectedError, TargetUnavailableError } from "../../../src/jobs/publish/targets/common/target-errors";
import type { PreparedPublish, ProbeResult } from "../../../src/jobs/publish/targets/common/target";
import { S3TargetSchema } from "../../../src/jobs/publish/targets/s3";
import { backOffMs } from "../../../src/jobs/publish/with-back-off";
import { JobDeferredError } from "../../../src/util/job-deferred-error";
import { secretRedactor } from "../../../src/secrets/secret-redactor";
import type { Stores } from "../../../src/store/stores";
import { testStores } from "../../helpers/test-stores";
import { releaseInfo } from "./targets/release-fixture";

const SECRET = "s3-secret-value-never-shown-0123456789";
const config = S3TargetSchema.parse({ type: "s3", assets: ["*"], bucket: "downloads", region: "us-east-1", access_key_id: "KEY_ID", secret_access_key: "SECRET" });

/** A target whose steps a test scripts: each publish call takes the next answer (an error to throw, or success). */
function scripted(probe: ProbeResult["state"], publishes: (Error | "ok")[] = ["ok"]): PublishTarget & { calls: string[] } {
  const calls: string[] = [];
  const prepared = (): PreparedPublish => ({ summary: "2 assets", artifacts: [{ name: "a.tar.gz", size: 3, digest: "sha256:aaa" }], dispose: async () => void calls.push("dispose") });
  return {
    name: "mirror",
    config,
    calls,
    verifyCredentials: async () => ({ detail: "ok" }),
    prepare: async () => {
      calls.push("prepare");
      return prepared();
    },
    probe: async () => {
      calls.push("probe");
      if (probe === "identical") return { state: "identical", detail: "same ETag", link: "http://127.0.0.1/x", digest: "sha256:aaa" };
      if (probe === "different") return { state: "different", detail: "site/1.2.3/a.tar.gz holds other bytes" };
      return { state: "absent", detail: "nothing there" };
    },
    publish: async () => {
      calls.push("publish");
      const next = publishes.shift() ?? "ok";
      if (next !== "ok") throw next;
      return { link: "http://127.0.0.1/site/1.2.3/", digest: "sha256:aaa", artifacts: [] };
    },
  };
}

describe("publishTarget", () => {
  let stores: Stores;
  let close: () => void;
  let releaseId = 500;
  const waits: number[] = [];

  beforeEach(async () => {
    ({ stores, close } = await testStores());
    releaseId += 1;
    waits.splice(0);
  });
  afterEach(() => close());

  const deps = (retries = 2) => ({
    ledger: stores.publishLedger,
    release: { owner: "acme", repo: "web", releaseId, version: "1.2.3" },
    retries,
    sleep: async (ms: number) => void waits.push(ms),
    now: () => new Date(),
    onProgress: () => undefined,
  });
  const ctx = { release: releaseInfo(), secrets: { SECRET }, github: { release: { request: jest.fn() as never }, repository: jest.fn() } };

  it("publishes an absent target, records it in the ledger, and never publishes it again", async () => {
    const target = scripted("absent");
    const report = await publishTarget(target, ctx, deps());
    expect(report).toMatchObject({ name: "mirror", type: "s3", outcome: "published", digest: "sha256:aaa", link: "http://127.0.0.1/site/1.2.3/" });
    expect(target.calls).toEqual(["prepare", "probe", "publish", "dispose"]);

    const again = scripted("absent");
    expect(await publishTarget(again, ctx, deps())).toMatchObject({ outcome: "earlier", digest: "sha256:aaa" });
    expect(again.calls).toEqual([]);
    expect(await stores.publishLedger.list("acme", "web", releaseId)).toEqual([expect.objectContaining({ target: "mirror", state: "published", attempts: 1, startedAt: expect.any(String) })]);
  });

  it("skips publishing when the destination already holds the same content", async () => {
    const target = scripted("identical");
    expect(await publishTarget(target, ctx, deps())).toMatchObject({ outcome: "identical", link: "http://127.0.0.1/x" });
    expect(target.calls).toEqual(["prepare", "probe", "dispose"]);
  });

  it("reports different content as a conflict, never publishes over it, and does not retry it", async () => {
    const target = scripted("different");
    const report = await publishTarget(target, ctx, deps());
    expect(report.outcome).toBe("conflict");
    expect(report.detail).toMatch(/^site\/1\.2\.3\/a\.tar\.gz holds other bytes; it is never overwritten\. Publish a new version/);
    expect(target.calls).not.toContain("publish");
    expect(waits).toEqual([]);
  });

  it("retries a failure that may pass with growing back-off, then succeeds", async () => {
    const target = scripted("absent", [new TargetUnavailableError("the registry answered 503"), new Error("socket hang up"), "ok"]);
    const report = await publishTarget(target, ctx, deps(2));
    expect(report.outcome).toBe("published");
    expect(waits).toEqual([2_000, 4_000]);
    expect(report.log).toEqual(expect.arrayContaining(["attempt 1 failed: the registry answered 503", "trying again in 2 s (retry 1 of 2)"]));
  });

  it("gives up after the configured retries, and a later run takes the failed target again", async () => {
    const target = scripted("absent", [new TargetUnavailableError("503"), new TargetUnavailableError("503"), new TargetUnavailableError("503")]);
    expect(await publishTarget(target, ctx, deps(1))).toMatchObject({ outcome: "failed", detail: "503" });
    expect(target.calls.filter((call) => call === "publish")).toHaveLength(2);
    expect(await publishTarget(scripted("absent"), ctx, deps(1))).toMatchObject({ outcome: "published" });
    expect((await stores.publishLedger.list("acme", "web", releaseId))[0]).toMatchObject({ state: "published", attempts: 2 });
  });

  it("does not retry a refusal that retrying cannot fix", async () => {
    const target = scripted("absent", [new TargetRejectedError("the index refused the file: invalid metadata")]);
    expect(await publishTarget(target, ctx, deps(2))).toMatchObject({ outcome: "failed" });
    expect(waits).toEqual([]);
  });

  it("masks opened secrets in the detail and the log", async () => {
    secretRedactor.register(SECRET);
    const target = scripted("absent", [new TargetRejectedError(`denied for key ${SECRET}`)]);
    const report = await publishTarget(target, ctx, deps(0));
    expect(JSON.stringify(report)).not.toContain(SECRET);
    expect(report.detail).toBe("denied for key ***");
  });

  it("passes a wait for GitHub's write budget up to the job, leaving the target for the next run", async () => {
    const deferred = new JobDeferredError(new Date(Date.now() + 30_000), "the installation's write budget is spent");
    const target = scripted("absent", [deferred]);
    await expect(publishTarget(target, ctx, deps(2))).rejects.toBe(deferred);
    expect(waits).toEqual([]);
    expect((await stores.publishLedger.list("acme", "web", releaseId))[0]).toMatchObject({ state: "failed", detail: expect.stringMatching(/^waiting for GitHub's write budget until /) });
    expect(await publishTarget(scripted("absent"), ctx, deps(2))).toMatchObject({ outcome: "published" });
  });

  it("leaves a target alone while another run holds it", async () => {
    await stores.publishLedger.begin({ owner: "acme", repo: "web", releaseId, target: "mirror", version: "1.2.3" }, new Date(Date.now() + 60_000), new Date());
    const target = scripted("absent");
    expect(await publishTarget(target, ctx, deps())).toMatchObject({ outcome: "busy" });
    expect(target.calls).toEqual([]);
  });
});

describe("backOffMs", () => {
  it("doubles from 2 s and stops at 60 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(backOffMs)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  });
});
