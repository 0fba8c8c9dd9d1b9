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
 * A plain JSON logger at LOG_LEVEL, every line masked, for the functions that load no Probot
 * (the sweeper): its lines read the same in CloudWatch.
 */
export function createJsonLogger(env: Pick<Env, "LOG_LEVEL">, name: string, redactor?: Redactor): Logger {
  return pino({ level: env.LOG_LEVEL, name, hooks: maskedLines(redactor) });
}
