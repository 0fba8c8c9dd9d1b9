import { teardownPreview } from "../../deploy/teardown-preview";
import type { JobContext, JobOutcome } from "../job-context";
import type { TeardownJob } from "./teardown-job";

/** Removes a pull request's preview (see `teardownPreview`). */
export async function runTeardown(job: TeardownJob, ctx: JobContext): Promise<JobOutcome> {
  const { result } = await teardownPreview(ctx, job);
  return { state: "succeeded", result };
}
