import { defineJobKind } from "../job-kind";
import { pullRequestGroup } from "../job-groups";
import { TeardownJobSchema } from "./teardown-job";
import { runTeardown } from "./run-teardown";

/**
 * Teardowns of previews. One that never finished leaves the preview up and reports nothing:
 * the sweeper's next expiry, or the next close, tries again.
 */
export const teardownKind = defineJobKind({
  kind: "teardown",
  schema: TeardownJobSchema,
  identity: (job) => [job.repository.repoId, job.pullNumber, job.reason, job.eventAt],
  group: (job) => pullRequestGroup(job.repository.repoId, job.pullNumber),
  run: runTeardown,
});
