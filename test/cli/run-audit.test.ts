import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAudit } from "../../src/cli/run-audit";
import { createStores } from "../../src/store/dynamo/create-stores";
import { createDynamoClients } from "../../src/store/dynamo/dynamo-clients";
import { startEmbeddedDynamo } from "../../src/store/dynamo/embedded-dynamo";
import type { AuditRecord } from "../../src/model/records";
import { ensureTable } from "../../src/store/dynamo/table";
import { testStores } from "../helpers/test-stores";

function entry(id: string, at: string, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id, owner: "Octo-Org", repo: "Site", environment: "production", action: "deploy", actor: "mona",
    trigger: "/deploy production", sha: "a".repeat(40), result: "success", at, ...overrides,
  };
}

const newYear = entry("new-year", "2026-01-01T00:00:00.000Z", { actor: "=cmd|' /C calc'!A0" });
const locked = entry("lock", "2026-01-02T08:00:00.000Z", { action: "lock", detail: "freeze, until Monday" });
const seeded = [entry("old", "2025-12-31T23:59:59.000Z"), newYear, locked, entry("other-repo", "2026-01-03T08:00:00.000Z", { repo: "Docs" })];

/** Runs the CLI logic, collecting what it prints. */
async function audit(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runAudit(argv, env, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe("runAudit against DynamoDB", () => {
  let table: Awaited<ReturnType<typeof testStores>>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    table = await testStores();
    for (const record of seeded) await table.stores.audit.append(record);
    env = { SLIPWAY_STORE: "dynamodb", DYNAMODB_ENDPOINT: process.env.TEST_DYNAMODB_ENDPOINT, SLIPWAY_TABLE: table.tableName, AWS_REGION: "us-east-1" };
  });

  afterAll(() => table.close());

  it("prints a repository's entries since a day as JSONL, oldest first, and counts them on stderr", async () => {
    const result = await audit(["--repo", "octo-org/site", "--since", "2026-01-01"], env);
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split("\n").map((line) => JSON.parse(line))).toEqual([newYear, locked]);
    expect(result.stderr).toBe(`2 audit entries of octo-org/site since 2026-01-01T00:00:00.000Z, from table "${table.tableName}" at ${env.DYNAMODB_ENDPOINT}.\n`);
  });

  it("prints CSV with quoting and neutralised formulas", async () => {
    const result = await audit(["--repo", "Octo-Org/Site", "--format", "csv"], env);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\r\n")).toEqual([
      "at,owner,repo,environment,action,actor,trigger,sha,previousSha,result,detail,link",
      `2025-12-31T23:59:59.000Z,Octo-Org,Site,production,deploy,mona,/deploy production,${"a".repeat(40)},,success,,`,
      `2026-01-01T00:00:00.000Z,Octo-Org,Site,production,deploy,'=cmd|' /C calc'!A0,/deploy production,${"a".repeat(40)},,success,,`,
      `2026-01-02T08:00:00.000Z,Octo-Org,Site,production,lock,mona,/deploy production,${"a".repeat(40)},,success,"freeze, until Monday",`,
      "",
    ]);
  });

  it("exits 2 with the usage for bad arguments, and with the variable's name for a bad environment", async () => {
    const badArgs = await audit(["--repo", "site"], env);
    expect(badArgs).toMatchObject({ code: 2, stdout: "" });
    expect(badArgs.stderr).toMatch(/--repo must be owner\/name[\s\S]*Usage:/);
    const badEnv = await audit(["--repo", "octo-org/site"], { ...env, SLIPWAY_STORE: "postgres" });
    expect(badEnv).toMatchObject({ code: 2, stdout: "" });
    expect(badEnv.stderr).toContain("SLIPWAY_STORE");
  });

  it("exits 1 saying which table is missing", async () => {
    const result = await audit(["--repo", "octo-org/site"], { ...env, SLIPWAY_TABLE: "no-such-table" });
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toContain(`table "no-such-table" at ${env.DYNAMODB_ENDPOINT}: the table does not exist; set SLIPWAY_TABLE`);
  });

  it("prints the usage on --help", async () => {
    expect(await audit(["--help"], env)).toMatchObject({ code: 0, stdout: expect.stringContaining("Usage:"), stderr: "" });
  });
});

describe("runAudit against the embedded store", () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "slipway-audit-"));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  async function seedEmbedded(): Promise<{ close(): Promise<void> }> {
    const server = await startEmbeddedDynamo({ dataDir });
    const { client, documentClient } = createDynamoClients({ endpoint: server.endpoint, region: "us-east-1" });
    await ensureTable(client, "slipway");
    await createStores(documentClient, "slipway").audit.append(locked);
    return {
      close: async () => {
        client.destroy();
        await server.close();
      },
    };
  }

  it("reads the data `npm start` left in SLIPWAY_DATA_DIR", async () => {
    await (await seedEmbedded()).close();
    const result = await audit(["--repo", "octo-org/site"], { SLIPWAY_DATA_DIR: dataDir });
    expect(result).toMatchObject({ code: 0 });
    expect(JSON.parse(result.stdout)).toEqual(locked);
  });

  it("tells the user to stop `npm start` when it holds the data folder", async () => {
    const running = await seedEmbedded();
    try {
      const result = await audit(["--repo", "octo-org/site"], { SLIPWAY_DATA_DIR: dataDir });
      expect(result).toMatchObject({ code: 1, stdout: "" });
      expect(result.stderr).toMatch(/^Stop `npm start` first, then run the audit again: .*is in use by another process/);
    } finally {
      await running.close();
    }
  });

  it("refuses a data folder with no data rather than creating one", async () => {
    const result = await audit(["--repo", "octo-org/site"], { SLIPWAY_DATA_DIR: join(dataDir, "typo") });
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toContain(`No embedded Slipway data in ${join(dataDir, "typo")}; set SLIPWAY_DATA_DIR`);
  });
});
