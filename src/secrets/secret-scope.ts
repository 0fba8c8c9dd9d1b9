import { z } from "zod";

/** `owner/repo` or `owner/*`, as GitHub spells owners and repositories. */
export const SCOPE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]*\/(?:\*|[A-Za-z0-9._-]+)$/;

/** Where a sealed secret may be opened: one repository, or every repository of an owner. */
export const SecretScopeSchema = z
  .string()
  .regex(SCOPE_PATTERN, "must be owner/repo or owner/*")
  .refine((scope) => !scope.endsWith("/.") && !scope.endsWith("/.."), "must name a repository");

/**
 * Whether `scope` names the repository: owner and repository compared case-insensitively, as
 * GitHub does; `owner/*` names every repository of the owner.
 */
export function scopeCovers(scope: string, repository: { owner: string; repo: string }): boolean {
  const [owner = "", repo = ""] = scope.split("/");
  // Owner and repository names are ASCII, so lower-casing compares them as GitHub does.
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return same(owner, repository.owner) && (repo === "*" || same(repo, repository.repo));
}
