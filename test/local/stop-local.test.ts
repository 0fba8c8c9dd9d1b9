import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "../../src/config/env";
import { startLocalRuntime } from "../../src/local/start-local";
import { capturedLog } from "../helpers/captured-log";
import { freePort } from "../helpers/free-port";
import { TestOctokit, testPrivateKey, TEST_APP_ID } from "../helpers/test-probot";
import { pullRequestPayload, signedHeaders, WEBHOOK_SECRET } from "../helpers/webhook-fixtures";

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// Ctrl-C of `npm start` while a job waits on a GitHub that does not answer: Slipway stops
// taking work, says what it waits for, stops within the grace period, and the next start
// runs the unfinished job again.
describe("stopping the local runtime with a job in flight", () => {
  let github: Server;
  const connections = new Set<Socket>();
  let dataDir: string;

  beforeAll(async () => {
    // A GitHub that accepts connections and never answers.
    github = createServer((socket) => connections.add(socket));
    await new Promise<void>((resolve) => github.listen(0, "127.0.0.1", resolve));
    dataDir = await mkdtemp(join(tmpdir(), "slipway-stop-"));
  });
  afterAll(async () => {
    for (const socket of connections) socket.destroy();
    await new Promise((resolve) => github.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start(captured: ReturnType<typeof capturedLog>) {
    const address = github.address();
    if (!address || typeof address === "string") throw new Error("no port");
    const env = parseEnv({
      PORT: String(await freePort()),
      APP_ID: String(TEST_APP_ID),
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET,
      SLIPWAY_DATA_DIR: dataDir,
      GHE_HOST: `127.0.0.1:${address.port}`,
      GHE_PROTOCOL: "http",
      LOG_LEVEL: "info",
    });
    return startLocalRuntime(env, { Octokit: TestOctokit, log: captured.log });
  }

  it("stops within the grace period, names the job it left, and runs it again at the next start", async () => {
    const first = capturedLog();
    const runtime = await start(first);
    const payload = pullRequestPayload("opened");
    payload.pull_request.number = 77;
    const body = JSON.stringify(payload);
    expect((await fetch(`${runtime.url}/api/github/webhooks`, { method: "POST", headers: signedHeaders("pull_request", body), body })).status).toBe(200);
    await until(() => connections.size === 1, "the job to call GitHub");

    const started = Date.now();
    await runtime.close({ graceMs: 1000 });

    expect(Date.now() - started).toBeLessThan(3000);
    const messages = first.lines.map((line) => String(line.msg));
    expect(messages).toContainEqual(expect.stringMatching(/^Waiting up to 1 s for 1 running job\(s\) to finish: preview of Codertocat\/Hello-World#77 \(job [\w-]+, attempt 1\)$/));
    expect(messages).toContainEqual(expect.stringMatching(/^Stopped with 1 job\(s\) unfinished: preview of Codertocat\/Hello-World#77 .*The next start queues them again\.$/));
    await expect(fetch(`${runtime.url}/api/github/webhooks`, { method: "POST", body })).rejects.toThrow();

    // The next start finds the job unfinished and runs it again: GitHub is called once more.
    const second = await start(capturedLog());
    await until(() => connections.size === 2, "the unfinished job to run again");
    await second.close({ graceMs: 0 });
  });
});
