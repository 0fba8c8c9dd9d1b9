import { z } from "zod";

/** Raised when an environment variable is missing or malformed; names the variable. */
export class EnvironmentVariableError extends Error {
  override name = "EnvironmentVariableError";
}

const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = z.url().optional();
const flag = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

/**
 * Every environment variable Slipway reads, parsed once at start. The defaults run the whole
 * app on one machine with embedded parts; the AWS deployment sets the `*_STORE`, `*_QUEUE` and
 * `*_BLOBS` selectors and the resource names in `serverless.yml`.
 */
export const EnvSchema = z
  .object({
    PORT: port.default(3000),
    LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal"]).default("info"),
    APP_ID: z.coerce.number().int().positive().optional(),
    PRIVATE_KEY: z.string().min(1).optional(),
    PRIVATE_KEY_PATH: z.string().min(1).optional(),
    WEBHOOK_SECRET: z.string().min(1).optional(),
    WEBHOOK_PROXY_URL: optionalUrl,
    GHE_HOST: z.string().min(1).optional(),
    GHE_PROTOCOL: z.enum(["https", "http"]).default("https"),

    SLIPWAY_DATA_DIR: z.string().min(1).default("./.slipway"),
    SITE_BASE_URL: optionalUrl,
    SLIPWAY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    SLIPWAY_STUCK_AFTER_MINUTES: z.coerce.number().int().min(1).default(15),
    /** Sealing keys (base64 X25519 secret keys, comma-separated, newest first); locally a file in SLIPWAY_DATA_DIR when unset. */
    SLIPWAY_SEALING_KEY: z.string().min(1).optional(),

    SLIPWAY_STORE: z.enum(["embedded", "dynamodb"]).default("embedded"),
    SLIPWAY_TABLE: z.string().min(3).default("slipway"),
    DYNAMODB_ENDPOINT: optionalUrl,

    SLIPWAY_QUEUE: z.enum(["embedded", "sqs"]).default("embedded"),
    SLIPWAY_QUEUE_URL: optionalUrl,
    SQS_ENDPOINT: optionalUrl,

    SLIPWAY_BLOBS: z.enum(["folder", "s3"]).default("folder"),
    SLIPWAY_BUCKET: z.string().min(3).optional(),
    S3_ENDPOINT: optionalUrl,
    S3_FORCE_PATH_STYLE: flag.default(false),

    AWS_REGION: z.string().min(1).default("us-east-1"),
  })
  .superRefine((env, ctx) => {
    if (env.SLIPWAY_QUEUE === "sqs" && !env.SLIPWAY_QUEUE_URL) {
      ctx.addIssue({ code: "custom", path: ["SLIPWAY_QUEUE_URL"], message: "is required when SLIPWAY_QUEUE=sqs" });
    }
    if (env.SLIPWAY_BLOBS === "s3" && !env.SLIPWAY_BUCKET) {
      ctx.addIssue({ code: "custom", path: ["SLIPWAY_BUCKET"], message: "is required when SLIPWAY_BLOBS=s3" });
    }
  })
  .transform((env) => ({
    ...env,
    SITE_BASE_URL: (env.SITE_BASE_URL ?? `http://localhost:${env.PORT}/sites`).replace(/\/+$/, ""),
  }));

export type Env = z.output<typeof EnvSchema>;

/**
 * Parses the process environment. Empty strings count as unset, so `FOO=` in a `.env` file
 * falls back to the default instead of failing validation.
 */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`);
    throw new EnvironmentVariableError(`Invalid environment variables:\n  ${lines.join("\n  ")}`);
  }
  return result.data;
}
