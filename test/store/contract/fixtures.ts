import type { JobPayload } from "../../../src/model/job-record";
import type { AuditRecord, BranchRecord, BuildRecord, EnvironmentRecord, LockRecord, PullRequestRecord } from "../../../src/model/records";

/** A fixed clock: every time in the contract tests is an offset from it, so assertions are exact. */
export const T0 = new Date("2024-05-01T10:00:00.000Z");

export function minutesAfter(minutes: number, from: Date = T0): Date {
  return new Date(from.getTime() + minutes * 60_000);
}

export function iso(date: Date): string {
  return date.toISOString();
}

export function sha(digit: string): string {
  return digit.repeat(40);
}

export function previewJob(pullNumber: number): JobPayload {
  return {
    kind: "preview",
    repository: { installationId: 7, repoId: 42, owner: "Octo-Org", repo: "Site" },
    pullNumber,
    headSha: sha("a"),
    headRef: "feature/nav",
    fork: false,
    eventAt: iso(T0),
  };
}

export function environment(overrides: Partial<EnvironmentRecord> = {}): EnvironmentRecord {
  return {
    installationId: 7,
    repoId: 42,
    owner: "Octo-Org",
    repo: "Site",
    name: "pr-12",
    state: "active",
    sha: sha("a"),
    buildKey: `${sha("a")}-public`,
    spa: false,
    sourceAt: iso(T0),
    deploymentId: 1001,
    pullNumber: 12,
    url: "http://localhost:3000/sites/octo-org/site/pr-12/",
    expiresAt: iso(minutesAfter(7 * 24 * 60)),
    updatedAt: iso(T0),
    ...overrides,
  };
}

export function build(overrides: Partial<BuildRecord> = {}): BuildRecord {
  return {
    owner: "Octo-Org",
    repo: "Site",
    buildKey: `${sha("b")}-public`,
    sha: sha("b"),
    files: 12,
    bytes: 34_567,
    createdAt: iso(T0),
    ...overrides,
  };
}

export function pullRequest(overrides: Partial<PullRequestRecord> = {}): PullRequestRecord {
  return {
    owner: "Octo-Org",
    repo: "Site",
    pullNumber: 12,
    headSha: sha("c"),
    state: "open",
    eventAt: iso(T0),
    sequence: 0,
    ...overrides,
  };
}

export function lock(overrides: Partial<LockRecord> = {}): LockRecord {
  return {
    owner: "Octo-Org",
    repo: "Site",
    environment: "production",
    holder: "mona",
    reason: "release freeze",
    link: "https://github.com/Octo-Org/Site/pull/12#issuecomment-1",
    createdAt: iso(T0),
    ...overrides,
  };
}

export function auditEntry(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: "audit-1",
    owner: "Octo-Org",
    repo: "Site",
    environment: "production",
    action: "deploy",
    actor: "mona",
    trigger: "/deploy production",
    sha: sha("a"),
    previousSha: sha("b"),
    buildKey: `${sha("a")}-public`,
    result: "success",
    link: "https://github.com/Octo-Org/Site/pull/12#issuecomment-2",
    at: iso(T0),
    ...overrides,
  };
}

export function branch(overrides: Partial<BranchRecord> = {}): BranchRecord {
  return {
    owner: "Octo-Org",
    repo: "Site",
    branch: "main",
    headSha: sha("a"),
    eventAt: iso(T0),
    sequence: 0,
    ...overrides,
  };
}
