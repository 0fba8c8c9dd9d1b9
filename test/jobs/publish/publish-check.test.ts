import pino from "pino";
import type { KnownObjects } from "../../../src/github/create-once";
import type { GitHubObjectRecord } from "../../../src/model/records";
import { publishCheckReporter } from "../../../src/jobs/publish/publish-check-reporter";
import { renderPublishCheck } from "../../../src/jobs/publish/render-publish-check";
import type { TargetReport } from "../../../src/jobs/publish/target-report";
import { secretRedactor } from "../../../src/secrets/secret-redactor";

const RELEASE = { owner: "acme", repo: "web", commitSha: "6dcb09b5b57875f334f61aebed695e2e4193db5e", releaseId: 77, tag: "v1.2.3", actor: "mona" };
const TOKEN = "npm_publishTokenThatMustNeverShow0123456789";

function report(name: string, outcome: TargetReport["outcome"], extra: Partial<TargetReport> = {}): TargetReport {
  return { name, type: "npm", outcome, version: "1.2.3", log: [], ...extra };
}

describe("the publish check run", () => {
  it("tables every target, carries the release in external_id, and offers Retry failed only when something did not succeed", () => {
    const done = renderPublishCheck({ ...RELEASE, running: false, targets: [report("npm", "published", { digest: "sha512-abc", link: "http://127.0.0.1/x", at: "2026-12-02T01:00:00Z" }), report("pypi", "earlier")] });
    expect(done).toMatchObject({ name: "Slipway / publish", headSha: RELEASE.commitSha, externalId: "slipway-publish:77", status: "completed", conclusion: "success", title: "Published v1.2.3 to 2 targets" });
    expect(done.summary).toContain("| **npm** | npm | ✅ published | 1.2.3 | `sha512-abc` | [open](http://127.0.0.1/x) | 2026-12-02 01:00 UTC |  |");
    expect(done.actions).toBeUndefined();

    const failed = renderPublishCheck({ ...RELEASE, running: false, targets: [report("npm", "published"), report("pypi", "conflict"), report("brew", "blocked")] });
    expect(failed).toMatchObject({ conclusion: "failure", title: "v1.2.3: 1 published, 1 conflict, 1 blocked" });
    expect(failed.actions).toEqual([{ label: "Retry failed", description: "Re-run targets that did not succeed", identifier: "retry-failed" }]);
    expect(failed.summary).toMatch(/only pypi, brew will run again/);
  });

  it("shows the log tail of each target that did not succeed, with secrets masked", () => {
    secretRedactor.register(TOKEN);
    const rendered = renderPublishCheck({
      ...RELEASE,
      running: false,
      targets: [report("npm", "failed", { detail: `refused ${TOKEN}`, log: ["attempt 1 failed", `Authorization: Bearer ${TOKEN}`, "the registry answered 401"] })],
    });
    expect(JSON.stringify(rendered)).not.toContain(TOKEN);
    expect(rendered.text).toBe("### npm\n\n```\nattempt 1 failed\nAuthorization: Bearer ***\nthe registry answered 401\n```");
  });
});

describe("publishCheckReporter", () => {
  it("creates the run once, drops progress closer together than the interval, and completes it once", async () => {
    const sent: string[] = [];
    const records = new Map<string, GitHubObjectRecord>();
    const known: KnownObjects = {
      get: async (key) => records.get(key),
      markCreating: async () => undefined,
      saveCreated: async (key, object) => void records.set(key, { owner: "acme", repo: "web", key, state: "created", updatedAt: new Date(0).toISOString(), ...object }),
      forget: async (key) => void records.delete(key),
    };
    const octokit = {
      rest: {
        checks: {
          listForRef: async () => ({ data: { total_count: 0, check_runs: [] } }),
          create: async (fields: { status: string }) => {
            sent.push(`create ${fields.status}`);
            return { data: { id: 1, html_url: "" } };
          },
          update: async (fields: { status: string }) => {
            sent.push(`update ${fields.status}`);
            return { data: { id: 1, html_url: "" } };
          },
        },
      },
    };
    let clock = 0;
    const reporter = publishCheckReporter(octokit as never, known, RELEASE, { now: () => new Date(clock), log: pino({ level: "silent" }), intervalMs: 5_000 });
    const targets = [report("npm", "waiting")];

    await reporter.start(targets);
    clock = 1_000;
    reporter.progress(targets);
    clock = 6_000;
    reporter.progress(targets);
    reporter.progress(targets);
    await reporter.finish([report("npm", "published")]);

    expect(sent).toEqual(["create in_progress", "update in_progress", "update completed"]);
  });
});
