import type { CampaignRecord } from "../../model/propagation";

/** The upgrade pull request's body: from → to, the release notes, what changed, and any note (a lockfile left alone). */
export function pullRequestBody(campaign: CampaignRecord, from: string, range: string, paths: string[], notes: string[]): string {
  return [
    `Upgrades \`${campaign.packageName}\` from \`${from}\` to \`${range}\`: [release notes of ${campaign.tag}](${campaign.releaseUrl}) of ${campaign.owner}/${campaign.repo}.`,
    "",
    `Changed: ${paths.map((path) => `\`${path}\``).join(", ")}.`,
    ...notes.map((note) => `\n> **Note**: ${note}.`),
    "",
    "A newer release updates this pull request in place. Slipway does not reopen it once it is merged or closed.",
  ].join("\n");
}

