import { z } from "zod";

/** `owner/name` of a GitHub repository. */
const REPOSITORY_PATTERN = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;

/** A path inside a repository: relative, `/`-separated, without `..`. */
const repositoryPath = (what: string) =>
  z
    .string()
    .trim()
    .min(1)
    .refine((path) => !path.startsWith("/") && !path.split("/").includes("..") && !path.endsWith("/"), {
      message: `must be a file path inside ${what} (relative, without '..')`,
    });

const repositoryName = z.string().regex(REPOSITORY_PATTERN, "must be a repository as owner/name");

/** An npm package name, scoped or not. */
const PACKAGE_NAME_PATTERN = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/**
 * `propagate:` of a shared package's repository (a design system): each release is carried to
 * the installation's repositories that depend on it, as one upgrade pull request each.
 */
export const PropagateConfigSchema = z
  .strictObject({
    package: z
      .string()
      .regex(PACKAGE_NAME_PATTERN, "must be an npm package name such as @acme/design-system")
      .optional()
      .describe("The npm package consumers depend on. Default: the `name` in package.json at the release's tag."),
    registry: z
      .url({ protocol: /^https?$/, error: "must be the registry's http(s) URL, such as https://npm.acme.example/" })
      .describe("The npm registry consumers' lockfiles resolve the new version from (resolved and integrity)."),
    token: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/, "must name a secret under `secrets:`, such as NPM_TOKEN")
      .optional()
      .describe("Name of the sealed secret (under `secrets:`) that reads the registry, for a private registry."),
    repositories: z
      .union([z.literal("all"), z.array(repositoryName).min(1)])
      .default("all")
      .describe("The consumers: `all` (every repository of the installation) or a list of owner/name."),
    exclude: z.array(repositoryName).default([]).describe("Repositories never given an upgrade pull request."),
    files: z
      .array(
        z
          .strictObject({
            from: repositoryPath("this repository").describe("Path in this repository, read at the release's tag."),
            to: repositoryPath("the consumer").describe("Path in the consumer repository it is written to."),
          })
          .describe("One file copied into every upgrade."),
      )
      .max(20)
      .default([])
      .describe("Files copied from this repository at the tag into each consumer, in the same commit."),
    labels: z.array(z.string().trim().min(1).max(50)).max(10).default([]).describe("Labels put on a newly opened upgrade pull request (one more write)."),
  })
  .describe("Design-system propagation: each release opens or updates an upgrade pull request in every repository that depends on the package.");

export type PropagateConfig = z.output<typeof PropagateConfigSchema>;
