import { z } from "zod";

/** Raised when an environment variable is missing or malformed; names the variable. */
export class EnvironmentVariableError extends Error {
  override name = "EnvironmentVariableError";
}

const port = z.coerce.number().int().min(0).max(65535);
const optionalUrl = z.url().optional();
/** Where the AWS deployment keeps the app's secrets in SSM Parameter Store: `/slipway/<stage>`. */
export const SecretsPath = z.string().regex(/^(\/[\w.-]+)+$/, "must be an SSM parameter path like /slipway/prod (no trailing slash)");
/** A host name, optionally with a port (`previews.example.com`, `localhost:3000`), in lower case. */
const siteDomain = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i, "must be a host name such as previews.example.com (a port may follow: localhost:3000)")
  .transform((value) => value.toLowerCase());
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
    /** Sealing keys: base64 X25519 secret keys, newest first, comma-separated. */
    SLIPWAY_SEALING_KEY: z.string().min(1).optional(),
    /** On AWS: the SSM path the secrets above are read from at cold start. */
    SLIPWAY_SECRETS_PATH: SecretsPath.optional(),
    SSM_ENDPOINT: optionalUrl,
    WEBHOOK_PROXY_URL: optionalUrl,
    /** Registration only: the organisation the GitHub App is registered for (read by Probot). */
    GH_ORG: z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/, "must be an organisation's login").optional(),
    GHE_HOST: z.string().min(1).optional(),
    GHE_PROTOCOL: z.enum(["https", "http"]).default("https"),

    SLIPWAY_DATA_DIR: z.string().min(1).default("./.slipway"),
    SITE_BASE_URL: optionalUrl,
    /** Serves each environment on its own origin, `<environment>--<repo>--<owner>.<SITE_DOMAIN>`. */
    SITE_DOMAIN: siteDomain.optional(),
    /** The GitHub App's OAuth credentials, for sign-in to previews of private repositories. */
    GITHUB_CLIENT_ID: z.string().min(1).optional(),
    GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
    /** Signs site sessions; locally generated into SLIPWAY_DATA_DIR when unset. */
    SLIPWAY_SESSION_KEY: z.string().min(32, "must be at least 32 characters: generate one with `openssl rand -base64 32`").optional(),
    SLIPWAY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    SLIPWAY_STUCK_AFTER_MINUTES: z.coerce.number().int().min(1).default(15),
    SLIPWAY_WRITES_PER_MINUTE: z.coerce.number().int().min(1).default(80),
    SLIPWAY_WRITES_PER_HOUR: z.coerce.number().int().min(1).default(500),
    SLIPWAY_CONCURRENT_WRITES: z.coerce.number().int().min(1).max(100).default(3),
    SLIPWAY_WRITE_WAIT_SECONDS: z.coerce.number().int().min(0).max(60).default(3),
    /** A propagation campaign's check run is updated at most once per this many seconds. */
    SLIPWAY_CAMPAIGN_REPORT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),

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
    if (Boolean(env.GITHUB_CLIENT_ID) !== Boolean(env.GITHUB_CLIENT_SECRET)) {
      const missing = env.GITHUB_CLIENT_ID ? "GITHUB_CLIENT_SECRET" : "GITHUB_CLIENT_ID";
      ctx.addIssue({ code: "custom", path: [missing], message: "is required with the other half of the GitHub App's OAuth credentials (both are in the app's settings)" });
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
