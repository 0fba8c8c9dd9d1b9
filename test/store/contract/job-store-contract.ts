import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { StoredRecordError } from "../../../src/store/dynamo/parse-item";
import type { StoreContext } from "./store-contract";
import { iso, minutesAfter, previewJob, T0 } from "./fixtures";

export function describeJobStoreContract(context: () => StoreContext): void {
  describe("JobStore", () => {
    const job = { id: "job-1", group: "42-pr-12", job: previewJob(12) };

    it("creates a queued job with no attempts", async () => {
      const { jobs } = context().stores;
      expect(await jobs.create(job, T0)).toBe(true);
      expect(await jobs.get("job-1")).toEqual({ ...job, state: "queued", attempts: 0, createdAt: iso(T0), updatedAt: iso(T0), openDeployments: [] });
    });

    it("creates a job only once, keeping the first record", async () => {
      const { jobs } = context().stores;
      expect(await jobs.create(job, T0)).toBe(true);
      expect(await jobs.create({ ...job, group: "other", job: previewJob(13) }, minutesAfter(1))).toBe(false);
      expect(await jobs.get("job-1")).toMatchObject({ group: "42-pr-12", job: previewJob(12), createdAt: iso(T0) });
    });

    it("returns undefined for a job that does not exist", async () => {
      expect(await context().stores.jobs.get("missing")).toBeUndefined();
    });

    it("counts each attempt and marks the job running", async () => {
      const { jobs } = context().stores;
      await jobs.create(job, T0);
      expect(await jobs.beginAttempt("job-1", minutesAfter(1))).toEqual({
        ...job, state: "running", attempts: 1, createdAt: iso(T0), updatedAt: iso(minutesAfter(1)), openDeployments: [],
      });
      await jobs.release("job-1", "GitHub answered 502", minutesAfter(2));
      expect(await jobs.get("job-1")).toMatchObject({ state: "queued", attempts: 1, error: "GitHub answered 502", updatedAt: iso(minutesAfter(2)) });
      expect(await jobs.beginAttempt("job-1", minutesAfter(3))).toMatchObject({ state: "running", attempts: 2, updatedAt: iso(minutesAfter(3)) });
    });

    it("does not begin an attempt of a job that does not exist, nor create it", async () => {
      const { jobs } = context().stores;
      expect(await jobs.beginAttempt("missing", T0)).toBeUndefined();
      expect(await jobs.get("missing")).toBeUndefined();
    });

    it.each(["succeeded", "failed", "superseded"] as const)("does not begin an attempt of a %s job", async (state) => {
      const { jobs } = context().stores;
      await jobs.create(job, T0);
      await jobs.beginAttempt("job-1", minutesAfter(1));
      await jobs.finish("job-1", state, { result: "done" }, minutesAfter(2));
      expect(await jobs.beginAttempt("job-1", minutesAfter(3))).toBeUndefined();
      expect(await jobs.get("job-1")).toMatchObject({ state, attempts: 1, updatedAt: iso(minutesAfter(2)) });
    });

    it("finishes a job with its result, dropping the error of an earlier attempt, and keeps the first final state", async () => {
      const { jobs } = context().stores;
      await jobs.create(job, T0);
      await jobs.beginAttempt("job-1", minutesAfter(1));
      await jobs.release("job-1", "timeout", minutesAfter(2));
      await jobs.beginAttempt("job-1", minutesAfter(3));
      await jobs.finish("job-1", "succeeded", { result: "Deployed pr-12" }, minutesAfter(4));
      await jobs.finish("job-1", "failed", { error: "late failure" }, minutesAfter(5));
      await jobs.release("job-1", "late release", minutesAfter(6));
      expect(await jobs.get("job-1")).toEqual({
        ...job, state: "succeeded", attempts: 2, result: "Deployed pr-12", createdAt: iso(T0), updatedAt: iso(minutesAfter(4)), openDeployments: [],
      });
    });

    it("reopens a failed job for a new round of attempts, keeping its last error until then", async () => {
      const { jobs } = context().stores;
      await jobs.create(job, T0);
      for (let attempt = 1; attempt <= 3; attempt++) await jobs.beginAttempt("job-1", minutesAfter(attempt));
      await jobs.finish("job-1", "failed", { error: "the state table is unreachable" }, minutesAfter(4));
      expect(await jobs.reopen("job-1", minutesAfter(10))).toBe(true);
      expect(await jobs.get("job-1")).toEqual({
        ...job, state: "queued", attempts: 0, error: "the state table is unreachable", createdAt: iso(T0), updatedAt: iso(minutesAfter(10)), openDeployments: [],
      });
      // Active again: the sweeper sees it if its message is lost.
      expect((await jobs.listStuck(minutesAfter(11), 10)).map((record) => record.id)).toEqual(["job-1"]);
      expect(await jobs.beginAttempt("job-1", minutesAfter(12))).toMatchObject({ state: "running", attempts: 1 });
      // Only once per failure: a second reopen finds it unfinished.
      expect(await jobs.reopen("job-1", minutesAfter(13))).toBe(false);
    });

    it.each(["succeeded", "superseded"] as const)("does not reopen a %s job, nor an unfinished or missing one", async (state) => {
      const { jobs } = context().stores;
      await jobs.create(job, T0);
      expect(await jobs.reopen("job-1", minutesAfter(1))).toBe(false);
      await jobs.beginAttempt("job-1", minutesAfter(2));
      expect(await jobs.reopen("job-1", minutesAfter(3))).toBe(false);
      await jobs.finish("job-1", state, { result: "done" }, minutesAfter(4));
      expect(await jobs.reopen("job-1", minutesAfter(5))).toBe(false);
      expect(await jobs.get("job-1")).toMatchObject({ state, attempts: 1, updatedAt: iso(minutesAfter(4)) });
      expect(await jobs.reopen("missing", minutesAfter(6))).toBe(false);
      expect(await jobs.get("missing")).toBeUndefined();
    });

    it("defers a running job without counting the attempt, and keeps it out of the stuck scan until its retry time", async () => {
      const { jobs } = context().stores;
      await jobs.create(job, T0);
      await jobs.beginAttempt("job-1", minutesAfter(1));
      await jobs.defer("job-1", minutesAfter(30), "80 writes in the last minute");
      expect(await jobs.get("job-1")).toMatchObject({ state: "queued", attempts: 0, updatedAt: iso(minutesAfter(30)), deferred: "80 writes in the last minute" });
      expect((await jobs.listStuck(minutesAfter(20), 10)).map((record) => record.id)).toEqual([]);
      expect((await jobs.listStuck(minutesAfter(31), 10)).map((record) => record.id)).toEqual(["job-1"]);
      expect(await jobs.beginAttempt("job-1", minutesAfter(31))).toMatchObject({ state: "running", attempts: 1 });
      await jobs.finish("job-1", "succeeded", { result: "done" }, minutesAfter(32));
      await jobs.defer("job-1", minutesAfter(40), "late");
      expect(await jobs.get("job-1")).toMatchObject({ state: "succeeded", attempts: 1 });
    });

    it("remembers the Deployments a job opened until each is settled, and adds each once", async () => {
      const { jobs } = context().stores;
      const staging = { installationId: 7, owner: "Octo-Org", repo: "Site", environment: "staging", deploymentId: 101 };
      const preview = { ...staging, environment: "pr-12", deploymentId: 102 };
      await jobs.create(job, T0);
      await jobs.trackDeployment("job-1", staging);
      await jobs.trackDeployment("job-1", preview);
      await jobs.trackDeployment("job-1", staging);
      expect((await jobs.get("job-1"))?.openDeployments).toEqual(expect.arrayContaining([staging, preview]));
      expect((await jobs.get("job-1"))?.openDeployments).toHaveLength(2);
      await jobs.settleDeployment("job-1", staging);
      expect((await jobs.beginAttempt("job-1", minutesAfter(1)))?.openDeployments).toEqual([preview]);
      await jobs.settleDeployment("job-1", preview);
      expect((await jobs.get("job-1"))?.openDeployments).toEqual([]);
    });

    it("neither creates nor fails on a job that does not exist when a Deployment is tracked or settled", async () => {
      const { jobs } = context().stores;
      const deployment = { installationId: 7, owner: "o", repo: "r", environment: "staging", deploymentId: 1 };
      await jobs.trackDeployment("missing", deployment);
      await jobs.settleDeployment("missing", deployment);
      expect(await jobs.get("missing")).toBeUndefined();
    });

    it("lists only unfinished jobs last updated before the cutoff, oldest first", async () => {
      const { jobs } = context().stores;
      const create = (id: string, at: Date) => jobs.create({ ...job, id }, at);
      await create("queued-old", T0);
      await create("running-old", minutesAfter(-10));
      await jobs.beginAttempt("running-old", minutesAfter(1));
      await create("finished-old", minutesAfter(-20));
      await jobs.finish("finished-old", "failed", { error: "broken" }, minutesAfter(-15));
      await create("queued-recent", minutesAfter(10));
      await create("released-recent", minutesAfter(-30));
      await jobs.release("released-recent", "retry", minutesAfter(6));

      const stuck = await jobs.listStuck(minutesAfter(5), 10);
      expect(stuck.map((record) => record.id)).toEqual(["queued-old", "running-old"]);
      expect(stuck[1]).toMatchObject({ state: "running", attempts: 1, updatedAt: iso(minutesAfter(1)) });
      expect((await jobs.listStuck(minutesAfter(5), 1)).map((record) => record.id)).toEqual(["queued-old"]);
      expect(await jobs.listStuck(minutesAfter(-60), 10)).toEqual([]);
    });

    it("indexes a job while it is active, and on finishing drops it from the index and sets it to expire in 30 days", async () => {
      const { clients, tableName, stores } = context();
      const raw = async () =>
        (await clients.documentClient.send(new GetCommand({ TableName: tableName, Key: { pk: "JOB#job-1", sk: "JOB" } }))).Item;
      await stores.jobs.create(job, T0);
      expect(await raw()).toMatchObject({ gsi1pk: "ACTIVE_JOB", gsi1sk: iso(T0) });
      await stores.jobs.beginAttempt("job-1", minutesAfter(1));
      expect(await raw()).toMatchObject({ gsi1pk: "ACTIVE_JOB", gsi1sk: iso(minutesAfter(1)) });
      await stores.jobs.finish("job-1", "succeeded", {}, minutesAfter(2));
      const finished = await raw();
      expect(finished).not.toHaveProperty("gsi1pk");
      expect(finished).not.toHaveProperty("gsi1sk");
      expect(finished?.ttl).toBe(minutesAfter(2).getTime() / 1000 + 30 * 24 * 60 * 60);
    });

    it("refuses to return an item that does not match the job schema", async () => {
      const { clients, tableName, stores } = context();
      await clients.documentClient.send(
        new PutCommand({ TableName: tableName, Item: { pk: "JOB#broken", sk: "JOB", id: "broken", state: "exploded" } }),
      );
      await expect(stores.jobs.get("broken")).rejects.toThrow(StoredRecordError);
    });
  });
}
