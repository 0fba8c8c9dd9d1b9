import pino, { type Logger } from "pino";
import type { Env } from "../config/env";

/**
 * A JSON logger at LOG_LEVEL, for the functions that do not load Probot (whose logger is the
 * same pino, configured the same way).
 */
export function createLogger(env: Pick<Env, "LOG_LEVEL">, name: string): Logger {
  return pino({ level: env.LOG_LEVEL, name });
}
