import { PassThrough } from "node:stream";
import { createJsonLogger } from "../../src/runtime/json-logger";
import { Redactor } from "../../src/secrets/redactor";

const SECRET = 'pypi-AgEIcHlwaS5vcmc"quoted\\secret';

/** The AWS functions' logger writing to a stream the test reads, with one secret opened. */
function capturedLogger() {
  const redactor = new Redactor();
  redactor.register(SECRET);
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const log = createJsonLogger({ LOG_LEVEL: "info" }, "worker", { redactor, destination: output });
  return { log, text: async () => (await new Promise((resolve) => setImmediate(resolve)), text) };
}

describe("the AWS functions' logger", () => {
  it("masks an opened secret in messages, fields, child bindings and errors", async () => {
    const { log, text } = capturedLogger();

    log.info(`publishing with ${SECRET}`);
    log.info({ token: SECRET, nested: { header: `Bearer ${SECRET}` } }, "request sent");
    log.child({ name: "queue", credential: SECRET }).warn("child logger");
    log.error({ err: new Error(`registry answered 401 for ${SECRET}`) }, "publish failed");
    log.info("nothing secret here");

    const written = await text();
    expect(written).not.toContain("pypi-AgEIcHlwaS5vcmc");
    expect(written).toContain("publishing with ***");
    expect(written).toContain("registry answered 401 for ***");
    expect(written.match(/\*\*\*/g)?.length).toBeGreaterThanOrEqual(6);
    expect(written).toContain("nothing secret here");
  });

  it("writes one JSON object per line, an error's stack included, below LOG_LEVEL nothing", async () => {
    const { log, text } = capturedLogger();

    log.debug("too detailed for info");
    log.child({ name: "queue" }).warn({ jobId: "j1" }, "job attempt failed");
    log.error({ err: new Error("registry unreachable") }, "publish failed");

    const lines = (await text()).trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    const [warning, error] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(warning).toMatchObject({ level: 40, name: "queue", jobId: "j1", msg: "job attempt failed" });
    expect(error).toMatchObject({ level: 50, name: "worker", msg: "publish failed", err: { type: "Error", message: "registry unreachable" } });
    expect((error?.err as { stack: string }).stack).toMatch(/^Error: registry unreachable\n\s+at /);
  });
});
