import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { DynamoAuditStore } from "../../../src/store/dynamo/audit-store";
import type { AuditRecord } from "../../../src/model/records";
import type { StoreContext } from "./store-contract";
import { auditEntry, environment, iso, minutesAfter, previewJob, T0 } from "./fixtures";

export function describeAuditStoreContract(context: () => StoreContext): void {
  describe("AuditStore", () => {
    /** Two items a page, so every listing below crosses pages. */
    const pagedStore = (): DynamoAuditStore => new DynamoAuditStore(context().clients.documentClient, context().tableName, { pageSize: 2 });
    const at = (minutes: number, overrides: Partial<AuditRecord> = {}): AuditRecord =>
      auditEntry({ id: `entry-${minutes}`, at: iso(minutesAfter(minutes)), ...overrides });

    it("lists a repository's entries at or after `since`, oldest first, across pages", async () => {
      const audit = pagedStore();
      const entries = [at(30), at(5, { environment: "staging" }), at(20, { environment: undefined, action: "refusal", result: "refused" }), at(10), at(-5), at(15), at(25)];
      for (const entry of entries) await audit.append(entry);
      await audit.append(at(12, { repo: "Docs" }));

      expect(await audit.list("octo-org", "SITE", { since: minutesAfter(10) })).toEqual([at(10), at(15), at(20, { environment: undefined, action: "refusal", result: "refused" }), at(25), at(30)]);
      expect((await audit.list("Octo-Org", "Site")).map((entry) => entry.id)).toEqual(
        ["entry--5", "entry-5", "entry-10", "entry-15", "entry-20", "entry-25", "entry-30"],
      );
      expect(await context().stores.audit.list("Octo-Org", "Site", { since: minutesAfter(26) })).toEqual([at(30)]);
      expect(await audit.list("Octo-Org", "Site", { since: minutesAfter(31) })).toEqual([]);
    });

    it("orders entries by instant and stores their time in UTC", async () => {
      const { audit } = context().stores;
      // 11:30 at +02:00 is 09:30 UTC: before T0, although its text sorts after it.
      await audit.append(auditEntry({ id: "late", at: iso(T0) }));
      await audit.append(auditEntry({ id: "early", at: "2024-05-01T11:30:00+02:00" }));
      expect(await audit.list("Octo-Org", "Site")).toEqual([
        auditEntry({ id: "early", at: "2024-05-01T09:30:00.000Z" }),
        auditEntry({ id: "late", at: iso(T0) }),
      ]);
    });

    it("lists one environment's newest entries first, and only that environment's", async () => {
      const audit = pagedStore();
      for (const minutes of [1, 2, 3, 4, 5]) await audit.append(at(minutes));
      await audit.append(at(6, { environment: "staging" }));
      await audit.append(at(7, { environment: undefined }));
      await audit.append(at(8, { repo: "Docs" }));

      expect((await audit.listForEnvironment("octo-org", "site", "production", 3)).map((entry) => entry.id)).toEqual(["entry-5", "entry-4", "entry-3"]);
      expect(await audit.listForEnvironment("Octo-Org", "Site", "production", 10)).toEqual([at(5), at(4), at(3), at(2), at(1)]);
      expect(await audit.listForEnvironment("Octo-Org", "Site", "staging", 10)).toEqual([at(6, { environment: "staging" })]);
      expect(await audit.listForEnvironment("Octo-Org", "Site", "pr-1", 10)).toEqual([]);
    });

    it("keeps the first of two appends of the same entry, as a retried job makes", async () => {
      const { audit } = context().stores;
      const entry = at(1);
      await audit.append(entry);
      await expect(audit.append({ ...entry, detail: "retried" })).resolves.toBeUndefined();
      expect(await audit.list("Octo-Org", "Site")).toEqual([entry]);
      expect(await audit.listForEnvironment("Octo-Org", "Site", "production", 10)).toEqual([entry]);
    });

    it("indexes only entries that name an environment", async () => {
      const { clients, tableName, stores } = context();
      await stores.audit.append(at(1));
      await stores.audit.append(at(2, { environment: undefined }));
      const raw = async (minutes: number) =>
        (await clients.documentClient.send(
          new GetCommand({ TableName: tableName, Key: { pk: "AUDIT#octo-org/site", sk: `${iso(minutesAfter(minutes))}#entry-${minutes}` } }),
        )).Item;
      expect(await raw(1)).toMatchObject({ gsi1pk: "AUDIT#octo-org/site#production", gsi1sk: `${iso(minutesAfter(1))}#entry-1` });
      expect(await raw(2)).not.toHaveProperty("gsi1pk");
      expect(await raw(2)).not.toHaveProperty("ttl");
    });

    it("stays out of the sweeper's scans of stuck jobs and expired previews", async () => {
      const { audit, jobs, environments } = context().stores;
      for (const minutes of [-30, -20, -10]) await audit.append(at(minutes));
      await jobs.create({ id: "job-1", group: "42-pr-12", job: previewJob(12) }, T0);
      const expired = environment({ expiresAt: iso(minutesAfter(1)) });
      await environments.point(expired);

      expect((await jobs.listStuck(minutesAfter(5), 10)).map((record) => record.id)).toEqual(["job-1"]);
      expect(await environments.listExpired(minutesAfter(5), 10)).toEqual([expired]);
    });
  });
}
