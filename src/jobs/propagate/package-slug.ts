/**
 * The branch-name form of a package name: `@acme/design-system` → `acme-design-system`. Upgrade
 * branches are `slipway/<slug>`, so a consumer has one branch (and one pull request) per package.
 */
export function packageSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/^@/, "")
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The prefix of every upgrade branch; `pull_request.closed` on such a branch updates its campaign. */
export const UPGRADE_BRANCH_PREFIX = "slipway/";

/** `slipway/<package-slug>`. */
export function upgradeBranch(packageName: string): string {
  return `${UPGRADE_BRANCH_PREFIX}${packageSlug(packageName)}`;
}
