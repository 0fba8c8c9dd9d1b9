import pino, { type Logger } from "pino";
import pretty from "pino-pretty";
import type { Env } from "../config/env";
import { maskedLines } from "../runtime/json-logger";

/**
 * The log of `npm start`, every line masked: Probot's readable lines, with the local time of each one (Probot's
 * own format leaves the time out, which a terminal left running needs to tell when things
 * happened).
 */
export function localLogger(env: Pick<Env, "LOG_LEVEL">, destination: NodeJS.WritableStream = process.stdout): Logger {
  const stream = pretty({ translateTime: "SYS:yyyy-mm-dd HH:MM:ss.l", ignore: "pid,hostname,req,res,responseTime", destination, sync: true });
  return pino({ level: env.LOG_LEVEL, name: "slipway", hooks: maskedLines() }, stream);
}
