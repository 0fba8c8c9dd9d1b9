import { PassThrough } from "node:stream";
import { localLogger } from "../../src/local/local-logger";

describe("the local log", () => {
  it("prints each line with its date and local time, readable, without the process details", () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
    const log = localLogger({ LOG_LEVEL: "info" }, out);

    log.info({ jobId: "job-1" }, "job finished");
    log.debug("not shown at info");

    const text = chunks.join("");
    expect(text).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}\] INFO \(slipway\): job finished\n {4}jobId: "job-1"\n$/);
    expect(text).not.toMatch(/pid|hostname|not shown/);
  });
});
