import nock from "nock";
import checkRun from "../../fixtures/github/check-run.json";
import { logTail, upsertCheckRun } from "../../src/github/upsert-check-run";
import { testOctokit } from "./test-octokit";

const sha = checkRun.head_sha;
const base = { owner: "acme", repo: "web", headSha: sha, name: "Slipway / preview" } as const;
const listPath = `/repos/acme/web/commits/${sha}/check-runs`;
const listQuery = { check_name: "Slipway / preview", filter: "latest", per_page: "1" };

describe("upsertCheckRun", () => {
  it("creates the run on the commit when none of that name exists", async () => {
    let sent: Record<string, unknown> = {};
    const scope = nock("https://api.github.com")
      .get(listPath)
      .query(listQuery)
      .reply(200, { total_count: 0, check_runs: [] })
      .post("/repos/acme/web/check-runs", (body) => ((sent = body), true))
      .reply(201, { ...checkRun, status: "queued" });

    const result = await upsertCheckRun(testOctokit(), {
      ...base,
      status: "queued",
      title: "Waiting",
      summary: "Queued behind another job.",
      detailsUrl: "https://slipway.acme.dev/acme/web/pr-12/",
    });

    expect(result).toEqual({ id: checkRun.id, htmlUrl: checkRun.html_url });
    expect(sent).toEqual({
      name: "Slipway / preview",
      head_sha: sha,
      status: "queued",
      details_url: "https://slipway.acme.dev/acme/web/pr-12/",
      output: { title: "Waiting", summary: "Queued behind another job." },
    });
    scope.done();
  });

  it("updates the existing run of that name instead of adding a second one", async () => {
    let sent: Record<string, unknown> = {};
    const scope = nock("https://api.github.com")
      .get(listPath)
      .query(listQuery)
      .reply(200, { total_count: 1, check_runs: [checkRun] })
      .patch(`/repos/acme/web/check-runs/${checkRun.id}`, (body) => ((sent = body), true))
      .reply(200, { ...checkRun, status: "completed", conclusion: "success" });

    const result = await upsertCheckRun(testOctokit(), {
      ...base,
      status: "completed",
      conclusion: "success",
      title: "Preview is live",
      summary: "Deployed 6dcb09b.",
      text: "```\nbuild ok\n```",
      externalId: "job-123",
    });

    expect(result.id).toBe(checkRun.id);
    expect(sent).toEqual({
      name: "Slipway / preview",
      status: "completed",
      conclusion: "success",
      external_id: "job-123",
      output: { title: "Preview is live", summary: "Deployed 6dcb09b.", text: "```\nbuild ok\n```" },
    });
    scope.done();
  });

  it("starts a new run when the latest one is completed and the job runs again", async () => {
    const completed = { ...checkRun, status: "completed", conclusion: "failure" };
    const scope = nock("https://api.github.com")
      .get(listPath)
      .query(listQuery)
      .reply(200, { total_count: 1, check_runs: [completed] })
      .post("/repos/acme/web/check-runs", (body) => body.status === "in_progress" && body.head_sha === sha)
      .reply(201, { ...checkRun, id: checkRun.id + 1 });

    const result = await upsertCheckRun(testOctokit(), { ...base, status: "in_progress", title: "Building", summary: "Again." });

    expect(result.id).toBe(checkRun.id + 1);
    scope.done();
  });

  it("cuts an oversized log to GitHub's limit, keeping its end and saying it was cut", async () => {
    const log = `${"early line\n".repeat(7000)}ERROR: public/index.html is missing`;
    let sent: { output?: { summary?: string; text?: string } } = {};
    const scope = nock("https://api.github.com")
      .get(listPath)
      .query(listQuery)
      .reply(200, { total_count: 0, check_runs: [] })
      .post("/repos/acme/web/check-runs", (body) => ((sent = body), true))
      .reply(201, checkRun);

    await upsertCheckRun(testOctokit(), {
      ...base,
      status: "completed",
      conclusion: "failure",
      title: "Build failed",
      summary: "short",
      text: log,
    });

    const text = sent.output?.text ?? "";
    expect(log.length).toBeGreaterThan(65535);
    expect(text.length).toBeLessThanOrEqual(65535);
    expect(text.length).toBeGreaterThan(65000);
    expect(text).toMatch(/^_… \d+ earlier characters were cut/);
    expect(text.endsWith("ERROR: public/index.html is missing")).toBe(true);
    expect(sent.output?.summary).toBe("short");
    scope.done();
  });
});

describe("logTail", () => {
  it("keeps the last lines and says how many came before", () => {
    const log = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
    const tail = logTail(log, 3);
    expect(tail).toBe("… 47 earlier lines not shown\nline 48\nline 49\nline 50");
  });

  it("returns a short log whole, without terminal colours or redrawn progress", () => {
    const log = "\u001b[32mok\u001b[0m compiled\r\nprogress 10%\rprogress 100%\ndone\n";
    expect(logTail(log)).toBe("ok compiled\nprogress 100%\ndone");
  });
});
