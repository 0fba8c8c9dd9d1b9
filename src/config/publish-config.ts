import { z } from "zod";
import { TARGET_NAME_PATTERN } from "../jobs/publish/targets/config-fields";
import { PublishTargetSchema } from "../jobs/publish/targets/target-types";
import { targetGraphProblems } from "../jobs/publish/targets/target-graph";

/** `publish:` of `.github/slipway.yml`: where a published release goes, and how. */
export const PublishConfigSchema = z
  .strictObject({
    concurrency: z.number().int().min(1).max(16).default(4).describe("How many targets publish at once."),
    retries: z
      .number()
      .int()
      .min(0)
      .max(5)
      .default(2)
      .describe("Times a target is tried again (with back-off: 2 s, then doubling up to 60 s) after a failure that may pass, before it counts as failed."),
    targets: z
      .record(z.string().regex(TARGET_NAME_PATTERN, "target names are letters, digits, '.', '_' and '-', starting with a letter or digit"), PublishTargetSchema.describe("One publish target: its `type` picks the registry and the keys it takes."))
      .default({})
      .describe("Publish targets by name. Each target's `type` (npm, pypi, s3, homebrew) says which keys it takes."),
  })
  .superRefine(({ targets }, ctx) => {
    for (const problem of targetGraphProblems(targets)) ctx.addIssue({ code: "custom", path: ["targets", ...problem.path], message: problem.message });
  })
  .describe("Publishing of GitHub releases: when a release is published, every target gets its files.");

export type PublishConfig = z.output<typeof PublishConfigSchema>;
