import pino, { type Logger } from "pino";
import type { Env } from "../config/env";
import type { Redactor } from "../secrets/redactor";
import { secretRedactor } from "../secrets/secret-redactor";

/**
 * Every line a logger writes passes through the redactor first. Masking the serialised line
 * covers the message, every field, child loggers' bindings and serialised errors alike; a secret
 * in it is JSON-escaped, a form the redactor knows.
 */
export function maskedLines(redactor: Redactor = secretRedactor) {
  return { streamWrite: (line: string) => redactor.mask(line) };
}

/**
 * The log of the AWS functions: one JSON object per line at LOG_LEVEL, every line masked,
 * written synchronously to standard output (Lambda may freeze the function as soon as it
 * answers). CloudWatch keeps each line as one event, a stack trace included, and Logs
 * Insights reads its fields.
 */
export function createJsonLogger(
  env: Pick<Env, "LOG_LEVEL">,
  name: string,
  options: { redactor?: Redactor; destination?: NodeJS.WritableStream } = {},
): Logger {
  return pino({ level: env.LOG_LEVEL, name, hooks: maskedLines(options.redactor) }, options.destination ?? pino.destination({ fd: 1, sync: true }));
}
