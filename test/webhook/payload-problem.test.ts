import { readFileSync } from "node:fs";
import { join } from "node:path";
import { payloadProblem } from "../../src/webhook/payload-problem";

const PLANNED_EVENTS = ["pull_request", "issue_comment", "push"];

/**
 * GitHub's example payloads of the planned events, from @octokit/webhooks-examples. Read and
 * filtered here rather than imported: the whole set is 4 MB of JSON that the test worker
 * would otherwise keep for the rest of the run.
 */
function plannedExamples(): { name: string; examples: Record<string, unknown>[] }[] {
  const all = JSON.parse(readFileSync(require.resolve("@octokit/webhooks-examples"), "utf8")) as { name: string; examples: Record<string, unknown>[] }[];
  return all.filter((event) => PLANNED_EVENTS.includes(event.name));
}

describe("payloadProblem", () => {
  // GitHub's own example payloads of every action of the events Slipway plans from: the
  // schemas must accept whatever GitHub sends, including forks that were deleted and pushes
  // that delete a branch.
  const real = plannedExamples().flatMap((event) => event.examples.map((payload, index) => [event.name, `${event.name} ${"action" in payload ? String(payload.action) : ""} #${index}`, payload] as const));

  it("has GitHub's examples of every planned event to check", () => {
    expect(new Set(real.map(([event]) => event))).toEqual(new Set(PLANNED_EVENTS));
  });

  it.each(real)("accepts GitHub's %s example (%s)", (event, _name, payload) => {
    expect(payloadProblem(event, payload)).toBeUndefined();
  });

  it.each(["pull_request.opened", "pull_request.closed", "issue_comment.created", "push"])("accepts the recorded %s delivery", (name) => {
    const payload: unknown = JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "webhooks", `${name}.json`), "utf8"));
    expect(payloadProblem(name.split(".")[0]!, payload)).toBeUndefined();
  });

  it("asks only for an object of events no planner reads", () => {
    expect(payloadProblem("installation", { action: "created" })).toBeUndefined();
    expect(payloadProblem("ping", [])).toBe("the body is an array, not a JSON object");
    expect(payloadProblem("ping", 12)).toBe("the body is a JSON number, not a JSON object");
  });

  it("names each wrong field by its path, and counts those past the fifth", () => {
    const problem = payloadProblem("pull_request", {});
    expect(problem).toMatch(/^the pull_request payload is not what GitHub sends: action: .*; repository: .*; sender: .*; pull_request: .*$/);

    const many = payloadProblem("push", { repository: { id: "x", name: 1, owner: {} } });
    expect(many).toMatch(/; and \d+ more$/);
  });
});
