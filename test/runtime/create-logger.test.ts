import { PassThrough } from "node:stream";
import { createLogger } from "../../src/runtime/create-logger";
import { Redactor } from "../../src/secrets/redactor";

const SECRET = 'pypi-AgEIcHlwaS5vcmc"quoted\\secret';

/** The app's logger writing to a stream the test reads, with one secret opened. */
function capturedLogger() {
  const redactor = new Redactor();
  redactor.register(SECRET);
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const log = createLogger({ LOG_LEVEL: "info" }, { redactor, destination: output });
  return { log, text: async () => (await new Promise((resolve) => setImmediate(resolve)), text) };
}

describe("the app's logger", () => {
  it("masks an opened secret in messages, fields, child bindings and errors", async () => {
    const { log, text } = capturedLogger();

    log.info(`publishing with ${SECRET}`);
    log.info({ token: SECRET, nested: { header: `Bearer ${SECRET}` } }, "request sent");
    log.child({ name: "worker", credential: SECRET }).warn("child logger");
    log.error({ err: new Error(`registry answered 401 for ${SECRET}`) }, "publish failed");
    log.info("nothing secret here");

    const written = await text();
    expect(written).not.toContain("pypi-AgEIcHlwaS5vcmc");
    expect(written).toContain("publishing with ***");
    expect(written).toContain("registry answered 401 for ***");
    expect(written.match(/\*\*\*/g)?.length).toBeGreaterThanOrEqual(6);
    expect(written).toContain("nothing secret here");
  });
});
