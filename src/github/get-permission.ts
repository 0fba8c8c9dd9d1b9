import { githubErrorStatus } from "./github-error";
import type { Octokit } from "./octokit";

export type PermissionOctokit = {
  rest: { repos: Pick<Octokit["rest"]["repos"], "getCollaboratorPermissionLevel"> };
};

/** A person's access to one repository, from least to most. */
export type Permission = "none" | "read" | "triage" | "write" | "maintain" | "admin";

const ORDER: readonly Permission[] = ["none", "read", "triage", "write", "maintain", "admin"];

/** The four values of the legacy `permission` field, which predates triage and maintain. */
const LEGACY: readonly Permission[] = ["none", "read", "write", "admin"];

/** Whether `have` grants at least what `need` asks for, e.g. maintain is at least write. */
export function permissionAtLeast(have: Permission, need: Exclude<Permission, "none">): boolean {
  return ORDER.indexOf(have) >= ORDER.indexOf(need);
}

/**
 * The permission `username` has on the repository, as the collaborator permission API reports
 * it (direct, team and organisation access all count).
 *
 * `role_name` is read first: the legacy `permission` field reports maintain as write and triage
 * as read, which would refuse a maintainer a `permission: maintain` environment. A custom
 * organisation role has its own `role_name` ("deployer", …) that says nothing about its base
 * role; then the legacy field is used. It can under-report such a role (a custom role built on
 * maintain reads as write) but never over-reports it. A 404 means the user is not a
 * collaborator (an outside user commenting on a public repository): "none".
 */
export async function getPermission(
  octokit: PermissionOctokit,
  { owner, repo, username }: { owner: string; repo: string; username: string },
): Promise<Permission> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username });
    return pick(ORDER, data.role_name) ?? pick(LEGACY, data.permission) ?? "none";
  } catch (error) {
    if (githubErrorStatus(error) === 404) return "none";
    throw error;
  }
}

/** `value` when it is one of `known`; an unknown value grants nothing. */
function pick(known: readonly Permission[], value: string | null | undefined): Permission | undefined {
  return known.find((permission) => permission === value);
}
