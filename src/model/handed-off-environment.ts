import { z } from "zod";

const isoTime = z.iso.datetime({ offset: true });

/**
 * An environment the repository's own workflow deploys (`deployer: workflow`), as that workflow
 * last reported it on a Deployment Slipway handed to it. Kept apart from `EnvironmentRecord`:
 * Slipway serves nothing of it (no build, no site), it only shows it in the pull request's
 * sticky comment and in `/status`.
 */
export const HandedOffEnvironmentRecordSchema = z.object({
  owner: z.string().min(1),
  repo: z.string().min(1),
  name: z.string().min(1),
  /** `in_progress` is `deploying`, `success` is `active`, `failure` and `error` are `failed`. */
  state: z.enum(["deploying", "active", "failed"]),
  /** Commit of the Deployment the status is about. */
  sha: z.string().min(1),
  /** Where the workflow deployed it (the status's `environment_url`), when it said. */
  url: z.string().min(1).optional(),
  deploymentId: z.number().int().positive(),
  /** GitHub's id of the status: orders two statuses posted in the same second. */
  statusId: z.number().int().positive(),
  /** When the workflow posted the status: an older status never overwrites a newer one. */
  statusAt: isoTime,
  /** The pull request whose command handed the deploy off, if one did. */
  pullNumber: z.number().int().positive().optional(),
  /** Who asked for the deploy (the hand-off's `actor`). */
  actor: z.string().min(1),
  updatedAt: isoTime,
});
export type HandedOffEnvironmentRecord = z.infer<typeof HandedOffEnvironmentRecordSchema>;
