import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { IssueCommentCreatedEvent, PushEvent } from "@octokit/webhooks-types";
import { JOB_SHAPES } from "../../src/job-shapes";
import { intakeJobId, type IntakeJob } from "../../src/jobs/intake/intake-job";
import { intakeKind } from "../../src/jobs/intake/intake-kind";
import type { Stores } from "../../src/store/stores";
import { acceptDelivery } from "../../src/webhook/accept-delivery";
import type { Plan } from "../../src/webhook/plan";
import { planIssueComment } from "../../src/webhook/plan-issue-comment";
import { planPush } from "../../src/webhook/plan-push";
import { capturedLog } from "../helpers/captured-log";
import { testJobContext } from "../helpers/job-context";
import { testStores } from "../helpers/test-stores";

function fixture<Payload>(name: string): Payload {
  return JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "webhooks", `${name}.json`), "utf8")) as Payload;
}

describe("the intake job", () => {
  let stores: Stores;
  let close: () => void;

  beforeEach(async () => {
    ({ stores, close } = await testStores());
  });
  afterEach(() => close());

  /** Accepts the plan as the webhook path does and returns the intake it recorded. */
  async function intakeOf(deliveryId: string, event: string, plan: Plan): Promise<IntakeJob> {
    await acceptDelivery({ ...stores, queue: { send: async () => undefined }, kinds: JOB_SHAPES }, { id: deliveryId, event }, plan, new Date());
    return (await stores.jobs.get(intakeJobId(deliveryId)))?.job as IntakeJob;
  }

  const recorded = async (intake: IntakeJob) => Promise.all(intake.jobs.map(async (job) => (await stores.jobs.get(JOB_SHAPES.load({ ...job, sequence: intake.sequence }).id))?.job));

  it("records a push's branch head and its push job, both with the delivery's sequence, and says so", async () => {
    const push = fixture<PushEvent>("push");
    const intake = await intakeOf("push-1", "push", planPush(push));
    expect(await stores.branches.get("Codertocat", "Hello-World", "master")).toBeUndefined();

    expect(await intakeKind.run(intake, await testJobContext(stores))).toEqual({ state: "succeeded", result: "push delivery push-1 recorded: push" });
    expect(await stores.branches.get("Codertocat", "Hello-World", "master")).toMatchObject({ headSha: push.after, sequence: intake.sequence });
    expect(await recorded(intake)).toEqual([expect.objectContaining({ kind: "push", headSha: push.after, sequence: intake.sequence })]);
  });

  it("runs again harmlessly: the same head, the same jobs", async () => {
    const push = fixture<PushEvent>("push");
    const intake = await intakeOf("push-2", "push", planPush(push));
    const ctx = await testJobContext(stores);
    await intakeKind.run(intake, ctx);
    const first = await recorded(intake);
    await intakeKind.run(intake, ctx);
    expect(await recorded(intake)).toEqual(first);
    expect(await stores.branches.get("Codertocat", "Hello-World", "master")).toMatchObject({ headSha: push.after, sequence: intake.sequence });
  });

  it("records the jobs of a delivery that names no head as they were planned", async () => {
    const comment = fixture<IssueCommentCreatedEvent>("issue_comment.created");
    // On a pull request, as GitHub marks it.
    comment.issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/1", html_url: "", diff_url: "", patch_url: "" } as never;
    comment.comment.body = "/deploy staging";
    const plan = planIssueComment(comment);
    expect(plan.jobs).toHaveLength(1);
    const intake = await intakeOf("comment-1", "issue_comment", plan);

    expect(await intakeKind.run(intake, await testJobContext(stores))).toMatchObject({ state: "succeeded", result: "issue_comment delivery comment-1 recorded: command" });
    const [command] = await Promise.all(intake.jobs.map(async (job) => (await stores.jobs.get(JOB_SHAPES.load(job).id))?.job));
    expect(command).toMatchObject({ kind: "command" });
    expect(command).not.toHaveProperty("sequence");
  });

  it("logs the delivery it could not record when Slipway gives up on it, saying how to recover it", async () => {
    const captured = capturedLog();
    const intake = await intakeOf("push-3", "push", planPush(fixture<PushEvent>("push")));
    await intakeKind.reportGaveUp?.(intake, await testJobContext(stores, { log: captured.log }), "the state table is unreachable");
    expect(captured.lines).toEqual([
      expect.objectContaining({ level: 50, deliveryId: "push-3", event: "push", jobs: ["push"], msg: "the jobs of webhook delivery push-3 could not be recorded: the state table is unreachable. Once the cause is fixed, redeliver it from the GitHub App's advanced settings: the redelivery records them again." }),
    ]);
  });
});
