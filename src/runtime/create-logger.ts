import { getTransformStream } from "@probot/pino";
import pino, { type Logger } from "pino";
import type { Env } from "../config/env";
import type { Redactor } from "../secrets/redactor";
import { secretRedactor } from "../secrets/secret-redactor";

/**
 * The app's logger: Probot's own (pino, named `probot`, through Probot's formatting stream to
 * standard output), with every line masked by the redactor before it is written. Masking the
 * serialised line covers the message, every field, child loggers' bindings and serialised
 * errors alike; a secret in it is JSON-escaped, a form the redactor knows.
 */
export function createLogger(
  env: Pick<Env, "LOG_LEVEL">,
  options: { redactor?: Redactor; destination?: NodeJS.WritableStream } = {},
): Logger {
  const redactor = options.redactor ?? secretRedactor;
  const transform = getTransformStream();
  // Probot's getLog pipes into the same SonicBoom destination; its types do not declare it a stream.
  transform.pipe(options.destination ?? (pino.destination(1) as unknown as NodeJS.WritableStream));
  return pino(
    {
      level: env.LOG_LEVEL,
      name: "probot",
      messageKey: "msg",
      hooks: { streamWrite: (line) => redactor.mask(line) },
    },
    transform,
  );
}
