import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { WorkflowRunCompletedEvent } from "@octokit/webhooks-types";
import { startGitHubStandIn } from "../github-stand-in";
import { githubTime, type Repository } from "../stand-in/model";
import { startBenchRuntime } from "../throughput/bench-runtime";
import { pullRequestPayload } from "../throughput/payloads";
import { actionsRoutes, type CompletedRun } from "./actions-routes";

const CONFIG = "preview:\n  source:\n    artifact:\n      workflow: build.yml\n      name: site\n";
const RUN_ID = 10683302211;
const BOUND_MS = 120_000;
const MiB = 1024 * 1024;

export interface DeliverySample {
  /** `workflow_run.completed` sent → the preview's Deployment `success` received by the stand-in, ms. */
  ms: number;
  /** The runtime process's peak RSS over its life (its jobs unpack the artifact), MiB. */
  peakRssMiB: number;
  /** Its RSS when the delivery was sent (the preview waiting, nothing unpacked yet), MiB. */
  beforeRssMiB: number;
}

/** `VmHWM` (peak) or `VmRSS` (now) of a process, in MiB. */
async function memoryOf(pid: number, field: "VmHWM" | "VmRSS"): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = new RegExp(`^${field}:\\s+(\\d+) kB$`, "m").exec(status)?.[1];
  if (kib === undefined) throw new Error(`/proc/${pid}/status has no ${field}`);
  return (Number(kib) * 1024) / MiB;
}

/** The recorded `workflow_run.completed` delivery, for the stand-in's repository, run and pull request. */
function workflowRunPayload(repository: Repository, run: CompletedRun, pullNumber: number): WorkflowRunCompletedEvent {
  const payload = JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "webhooks", "workflow_run.completed.json"), "utf8")) as WorkflowRunCompletedEvent;
  payload.repository.id = repository.id;
  payload.repository.name = repository.name;
  payload.repository.full_name = `${repository.owner}/${repository.name}`;
  payload.repository.owner.login = repository.owner;
  if (payload.installation) payload.installation.id = repository.installationId;
  const event = payload.workflow_run;
  event.id = run.id;
  event.head_sha = run.headSha;
  event.head_branch = run.headBranch;
  event.updated_at = githubTime();
  event.repository.id = repository.id;
  event.head_repository.id = repository.id;
  const [linked] = event.pull_requests;
  if (linked) event.pull_requests = [{ ...linked, number: pullNumber, head: { ...linked.head, sha: run.headSha, ref: run.headBranch } }];
  return payload;
}

/**
 * `bench:artifact --delivery`: the whole path on the local runtime (a process of its own, as
 * `npm start` runs it) against the GitHub stand-in on loopback. A pull request opens and its
 * preview waits for build.yml; then `workflow_run.completed` is delivered and timed until the
 * preview's Deployment reports `success`. Each run is a fresh runtime, so its peak RSS is that run's.
 */
export async function measureDelivery(zip: Buffer, runs: number): Promise<DeliverySample[]> {
  const state: { run?: CompletedRun } = {};
  const github = await startGitHubStandIn({ routes: actionsRoutes(zip, state) });
  const samples: DeliverySample[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      state.run = undefined;
      const runtime = await startBenchRuntime(github, { logLevel: "warn" });
      try {
        const repository = github.model.addRepository({ installationId: 401 + run, owner: "acme", name: `built-${run + 1}`, collaborators: { octocat: "write" } });
        const files = { ".github/slipway.yml": CONFIG, "README.md": "# built by Actions\n" };
        github.model.addCommit(repository, files, { branch: "main", message: "Initial" });
        const head = github.model.addCommit(repository, files, { branch: "feature-1", message: "Change the site" });
        const pull = { number: 1, headSha: head.sha, headRef: "feature-1", baseRef: "main", state: "open" as const, merged: false, updatedAt: githubTime(), user: "octocat" };
        repository.pulls.set(pull.number, pull);

        await github.deliver("pull_request", pullRequestPayload(repository, pull, "opened"));
        if (!(await runtime.child.drain(BOUND_MS))) throw new Error("the waiting preview did not finish");

        state.run = { id: RUN_ID + run, headSha: head.sha, headBranch: pull.headRef, repositoryId: repository.id };
        const beforeRssMiB = await memoryOf(runtime.child.pid, "VmRSS");
        const start = performance.now();
        await github.deliver("workflow_run", workflowRunPayload(repository, state.run, pull.number));
        const success = await github.waitForDeploymentStatus(
          (status) => status.repo === repository.name && status.environment === "pr-1" && status.sha === head.sha && status.state === "success",
          BOUND_MS,
        );
        if (success === undefined) throw new Error(`run ${run + 1}: no Deployment success within ${BOUND_MS / 1000} s`);
        await runtime.child.drain(BOUND_MS);
        const page = await fetch(`${runtime.siteBase}/acme/${repository.name}/pr-1/`);
        if (page.status !== 200) throw new Error(`run ${run + 1}: the preview answered ${page.status}`);
        samples.push({ ms: success - start, peakRssMiB: await memoryOf(runtime.child.pid, "VmHWM"), beforeRssMiB });
      } finally {
        await runtime.close(BOUND_MS);
      }
    }
    if (github.unknownRoutes.length > 0) throw new Error(`the stand-in had no route for: ${[...new Set(github.unknownRoutes)].join(", ")}`);
  } finally {
    await github.close();
  }
  return samples;
}
