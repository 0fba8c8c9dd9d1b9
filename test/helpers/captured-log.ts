import { Writable } from "node:stream";
import pino, { type Logger } from "pino";

/** A real pino logger whose lines a test reads back: parsed, and as written. */
export function capturedLog(level: pino.Level = "info"): { log: Logger; lines: Record<string, unknown>[]; text(): string } {
  const written: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      written.push(chunk.toString("utf8"));
      done();
    },
  });
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level }, stream);
  return {
    log,
    get lines() {
      lines.splice(0, lines.length, ...written.join("").split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>));
      return lines;
    },
    text: () => written.join(""),
  };
}
