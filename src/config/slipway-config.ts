import { z } from "zod";
import { ENVIRONMENT_NAME_PATTERN, PREVIEW_ENVIRONMENT_PATTERN } from "../model/environment-name";

const PERMISSIONS = ["read", "triage", "write", "maintain", "admin"] as const;

/**
 * A repository folder: relative, `/`-separated, without `..`. Checked here so a bad value is
 * a config error the user sees, not a surprise when the archive is read.
 */
const relativeDir = z
  .string()
  .trim()
  .min(1)
  .transform((dir) => dir.replace(/^\.\/+/, "").replace(/\/+$/, "") || ".")
  .refine((dir) => !dir.startsWith("/") && !dir.split("/").includes(".."), {
    message: "must be a folder inside the repository (relative, without '..')",
  });

/** Where a build's files come from. */
export const SourceConfigSchema = z
  .strictObject({
    dir: relativeDir.default("public").describe("Folder of the repository served as the site, as committed."),
  })
  .describe("Where the build's files come from.");

export const EnvironmentConfigSchema = z
  .strictObject({
    branch: z.string().min(1).optional().describe("A push to this branch deploys this environment."),
    permission: z
      .enum(PERMISSIONS)
      .default("write")
      .describe("Least repository permission a commenter needs to /deploy or /rollback here."),
    require_checks: z
      .boolean()
      .default(false)
      .describe("Refuse /deploy of a commit whose checks and statuses are not all green."),
    source: SourceConfigSchema.optional().describe("Where this environment's files come from. Default: preview.source."),
    spa: z.boolean().optional().describe("Serve /index.html for paths that match no file. Default: preview.spa."),
  })
  .describe("One deployment environment.");

export const PreviewConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Deploy a preview of every pull request."),
    source: SourceConfigSchema.default({ dir: "public" }).describe("Where the preview's files come from (and, unless they set their own, every environment's)."),
    spa: z.boolean().default(false).describe("Serve /index.html for paths that match no file (single-page apps)."),
    ttl_days: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(7)
      .describe("Tear a preview down after this many days without a push."),
    forks: z
      .enum(["approve", "never", "always"])
      .default("approve")
      .describe("Previews of pull requests from forks: approve (a maintainer's /preview starts it), never, or always."),
  })
  .describe("Preview deployments of pull requests.");

/** A secret's name, as targets refer to it (`token: NPM_TOKEN`). */
export const SECRET_NAME_PATTERN = /^[A-Z][A-Z0-9_]*$/;

export const SecretsConfigSchema = z
  .record(
    z.string().regex(SECRET_NAME_PATTERN, "secret names are upper-case letters, digits and '_', starting with a letter"),
    z.string().min(1).describe("A value sealed for this repository (or its owner) by `npm run seal`: sealed:v1:<key id>:<data>."),
  )
  .default({})
  .describe(
    "Sealed secrets by name (`npm run seal -- --repo owner/repo`). Entries from the organisation's file (`_extends`) are merged by name; the repository's own win.",
  );

/** `.github/slipway.yml`: the one source of truth for what a repository may configure. */
export const SlipwayConfigSchema = z
  .strictObject({
    preview: PreviewConfigSchema.default(PreviewConfigSchema.parse({})),
    environments: z
      .record(
        z.string().regex(ENVIRONMENT_NAME_PATTERN, "environment names are letters, digits, '.', '_' and '-'").refine(
          (name) => !PREVIEW_ENVIRONMENT_PATTERN.test(name),
          "pr-<number> is reserved for pull request previews",
        ),
        EnvironmentConfigSchema,
      )
      .default({})
      .describe("Deployment environments by name. Names not listed may be deployed with `write` permission."),
    secrets: SecretsConfigSchema,
  })
  .describe("Slipway configuration (.github/slipway.yml).");

export type SlipwayConfig = z.output<typeof SlipwayConfigSchema>;
export type PreviewConfig = SlipwayConfig["preview"];
export type SourceConfig = z.output<typeof SourceConfigSchema>;

/**
 * What an environment deploys and how it is served: its own `source` and `spa`, or the
 * preview's when it sets none (an environment not named in the file uses the preview's too).
 */
export function environmentBuild(config: SlipwayConfig, environment: string): { source: SourceConfig; spa: boolean } {
  const settings = config.environments[environment];
  return { source: settings?.source ?? config.preview.source, spa: settings?.spa ?? config.preview.spa };
}

/** One problem in a configuration file: the key's dotted path and what is wrong with it. */
export interface ConfigProblem {
  key: string;
  message: string;
}

export type ConfigResult = { ok: true; config: SlipwayConfig } | { ok: false; problems: ConfigProblem[] };

/** Validates a parsed `.github/slipway.yml` (undefined or null: the file is absent or empty). */
export function parseSlipwayConfig(raw: unknown): ConfigResult {
  const result = SlipwayConfigSchema.safeParse(raw ?? {});
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, problems: result.error.issues.flatMap(describeIssue) };
}

function describeIssue(issue: z.core.$ZodIssue): ConfigProblem[] {
  const key = (path: PropertyKey[]) => path.map(String).join(".") || "(top level)";
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((unknown) => ({ key: key([...issue.path, unknown]), message: "is not a known key (check its spelling)" }));
  }
  if (issue.code === "invalid_key") {
    return [{ key: key(issue.path), message: issue.issues.map((inner) => inner.message).join("; ") }];
  }
  return [{ key: key(issue.path), message: issue.message }];
}
