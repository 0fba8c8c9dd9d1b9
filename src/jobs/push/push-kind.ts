import { defineJobKind } from "../job-kind";
import { branchGroup } from "../job-groups";
import { runIdentity } from "../run-identity";
import { PushJobSchema } from "./push-job";
import { reportPushError, runPush } from "./run-push";

/** Push-to-deploy: one job per pushed commit; pushes to one branch run in order. */
export const pushKind = defineJobKind({
  kind: "push",
  schema: PushJobSchema,
  identity: (job) => [job.repository.repoId, job.branch, job.headSha, ...runIdentity(job)],
  group: (job) => branchGroup(job.repository.repoId, job.branch),
  run: runPush,
  reportGaveUp: reportPushError,
});
