import { z } from "zod";
import { PublishConfigSchema } from "./publish-config";
import { ENVIRONMENT_NAME_PATTERN, PREVIEW_ENVIRONMENT_PATTERN } from "../model/environment-name";
import { PropagateConfigSchema } from "./propagate-config";

const PERMISSIONS = ["read", "triage", "write", "maintain", "admin"] as const;

/** `./public/` and `public` are one folder: the form every other part of Slipway reads. */
function normaliseFolder(dir: string): string {
  return dir.replace(/^\.\/+/, "").replace(/\/+$/, "") || ".";
}

/**
 * A folder: relative, `/`-separated, without `..`. Checked here so a bad value is a config
 * error the user sees, not a surprise when the archive is read. The value is normalised by
 * {@link SourceConfigSchema}'s transform rather than here, so that editors are still offered
 * the default (zod leaves defaults out of the input schema of a transformed value).
 */
const relativeFolder = (inside: string) =>
  z
    .string()
    .trim()
    .min(1)
    .refine((dir) => !normaliseFolder(dir).startsWith("/") && !normaliseFolder(dir).split("/").includes(".."), {
      message: `must be a folder inside ${inside} (relative, without '..')`,
    });

/** The folder served when `source` names neither `dir` nor `artifact`. */
const DEFAULT_DIR = "public";

/** A GitHub Actions artifact that a workflow of the repository uploads. */
export const ArtifactSourceConfigSchema = z
  .strictObject({
    workflow: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._-]+\.ya?ml$/, "must be the file name of a workflow in .github/workflows, such as build.yml")
      .describe("File name of the workflow in .github/workflows that uploads the artifact, such as build.yml."),
    name: z
      .string()
      .trim()
      .min(1)
      .regex(/^[^":<>|*?\r\n\\/]+$/, "must be an artifact name as actions/upload-artifact accepts it (no \" : < > | * ? \\ / or line breaks)")
      .describe("The artifact's name, as given to actions/upload-artifact."),
    path: relativeFolder("the artifact").optional().describe("Folder inside the artifact served as the site. Default: the artifact's root."),
  })
  .describe("Serve what a workflow run uploaded with actions/upload-artifact (its run for the commit), instead of committed files.");

/**
 * Where a build's files come from: `dir` or `artifact`, never both. Parsed into exactly one of
 * `{ dir }` (with the default folder when neither is set) or `{ artifact }`.
 */
export const SourceConfigSchema = z
  .strictObject({
    dir: relativeFolder("the repository")
      .optional()
      .meta({ default: DEFAULT_DIR, description: "Folder of the repository served as the site, as committed. Not together with `artifact`." }),
    artifact: ArtifactSourceConfigSchema.optional(),
  })
  .superRefine(({ dir, artifact }, ctx) => {
    if (dir !== undefined && artifact !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: "sets both `dir` and `artifact`: keep `dir` to serve files committed in the repository, or `artifact` to serve what a workflow uploaded, not both",
      });
    }
  })
  .transform(({ dir, artifact }): SourceConfig =>
    artifact
      ? { artifact: { workflow: artifact.workflow, name: artifact.name, ...(artifact.path !== undefined && { path: normaliseFolder(artifact.path) }) } }
      : { dir: normaliseFolder(dir ?? DEFAULT_DIR) },
  )
  .meta({
    description: "Where the build's files come from: `dir` (committed files) or `artifact` (a workflow's upload), not both.",
    // Editors refuse both at once, as the parser does.
    not: { required: ["dir", "artifact"] },
  });

/** A parsed `source`: committed files of a folder, or an Actions artifact. */
export type SourceConfig =
  | { dir: string; artifact?: undefined }
  | { artifact: { workflow: string; name: string; path?: string }; dir?: undefined };

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
    deployer: z
      .enum(["slipway", "workflow"])
      .optional()
      .meta({
        default: "slipway",
        description:
          "Who deploys: slipway (serves the build itself) or workflow (Slipway creates the GitHub Deployment, the repository's `on: deployment` workflow deploys it and posts its statuses).",
      }),
    spa: z.boolean().optional().describe("Serve /index.html for paths that match no file. Default: preview.spa."),
  })
  .describe("One deployment environment.");

export const PreviewConfigSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Deploy a preview of every pull request."),
    source: SourceConfigSchema.default({ dir: DEFAULT_DIR }).describe("Where the preview's files come from (and, unless they set their own, every environment's)."),
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
    publish: PublishConfigSchema.optional().describe("Publishing of GitHub releases to registries (npm, PyPI, S3, a Homebrew tap)."),
    propagate: PropagateConfigSchema.optional(),
  })
  .describe("Slipway configuration (.github/slipway.yml).");

export type SlipwayConfig = z.output<typeof SlipwayConfigSchema>;
export type PreviewConfig = SlipwayConfig["preview"];

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
