/**
 * Where one target of a release stands in a publish run, for the check run and the audit:
 * - `waiting`, `publishing`: not finished yet;
 * - `published`: sent now; `identical`: the destination already held exactly this;
 * - `earlier`: an earlier run published it (the ledger says so), so this run left it alone;
 * - `conflict`: the destination holds something different for this version, never overwritten;
 * - `failed`: the publish (or the credential check) failed; `blocked`: a need did not succeed;
 * - `not-run`: another target's credentials failed, so nothing was published;
 * - `busy`: another run of this release holds it right now.
 */
export type TargetOutcome = "waiting" | "publishing" | "published" | "identical" | "earlier" | "conflict" | "failed" | "blocked" | "not-run" | "busy";

export const SUCCEEDED_OUTCOMES: readonly TargetOutcome[] = ["published", "identical", "earlier"];

export interface TargetReport {
  name: string;
  type: string;
  outcome: TargetOutcome;
  version: string;
  digest?: string;
  link?: string;
  /** One line: what was published, what differs, why it failed or was blocked. */
  detail?: string;
  /** When it reached its outcome (ISO). */
  at?: string;
  /** Lines the target logged this run (its log tail on failure). */
  log: string[];
}
