import { getTransformStream } from "@probot/pino";
import pino, { type Logger } from "pino";
import type { Env } from "../config/env";
import type { Redactor } from "../secrets/redactor";
import { maskedLines } from "./json-logger";

/**
 * The app's logger: Probot's own (pino, named `probot`, through Probot's formatting stream to
 * standard output), every line masked.
 */
export function createLogger(
  env: Pick<Env, "LOG_LEVEL">,
  options: { redactor?: Redactor; destination?: NodeJS.WritableStream } = {},
): Logger {
  const transform = getTransformStream();
  // Probot's getLog pipes into the same SonicBoom destination; its types do not declare it a stream.
  transform.pipe(options.destination ?? (pino.destination(1) as unknown as NodeJS.WritableStream));
  return pino({ level: env.LOG_LEVEL, name: "probot", messageKey: "msg", hooks: maskedLines(options.redactor) }, transform);
}
