import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// `npm test` on a machine without Java: the global setup says what is missing before it
// starts any server, instead of dying on `spawn java ENOENT` with s3rver and fauxqs left running.
describe("the test servers' global setup", () => {
  let bin: string;

  beforeAll(async () => {
    // A PATH with node on it and nothing else.
    bin = await mkdtemp(join(tmpdir(), "slipway-path-"));
    await symlink(process.execPath, join(bin, "node"));
  });
  afterAll(async () => {
    await rm(bin, { recursive: true, force: true });
  });

  it("says Java 17 is needed for DynamoDB Local, and starts nothing, when there is no java", () => {
    const setup = join(__dirname, "global-setup.mjs");
    const script = `import(${JSON.stringify(setup)}).then((m) => m.default()).then(() => process.exit(0), (e) => { console.error(e.message); console.log(process.pid); process.exit(3); });`;

    const run = spawnSync(join(bin, "node"), ["-e", script], { env: { PATH: bin, TMPDIR: tmpdir() }, encoding: "utf8", timeout: 20_000 });

    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/^Java 17 is needed for DynamoDB Local, .* no `java` was found on the PATH\. Install a Java 17 runtime/);
    // Nothing was started, so there is nothing to stop and no record of servers left behind.
    expect(existsSync(join(tmpdir(), `slipway-test-servers-${run.stdout.trim()}.json`))).toBe(false);
  });
});
