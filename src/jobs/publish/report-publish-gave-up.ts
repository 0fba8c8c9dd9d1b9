import { getRelease } from "../../github/get-release";
import { knownObjects } from "../../github/known-objects";
import { upsertCheckRun } from "../../github/upsert-check-run";
import { secretRedactor } from "../../secrets/secret-redactor";
import type { JobContext } from "../job-context";
import { PUBLISH_CHECK, RETRY_FAILED_ACTION, publishExternalId, type PublishJob } from "./publish-job";

/** Fails the release's publish check run once Slipway gave up on the job, with the button to try again. */
export async function reportPublishGaveUp(job: PublishJob, ctx: JobContext, reason: string): Promise<void> {
  const { owner, repo } = job.repository;
  const octokit = await ctx.github(job.repository.installationId);
  const { release, commitSha } = await getRelease(octokit, { owner, repo, releaseId: job.releaseId });
  await upsertCheckRun(
    octokit,
    {
      owner,
      repo,
      headSha: commitSha,
      name: PUBLISH_CHECK,
      externalId: publishExternalId(job.releaseId),
      status: "completed",
      conclusion: "failure",
      title: `Slipway could not finish publishing ${release.tag_name}`,
      summary: secretRedactor.mask(`Gave up after ${ctx.maxAttempts} attempts: ${reason}. Targets that succeeded stay published; press **Retry failed** to run the others again.`),
      actions: [{ label: "Retry failed", description: "Re-run targets that did not succeed", identifier: RETRY_FAILED_ACTION }],
    },
    knownObjects(ctx.stores.githubObjects, owner, repo, ctx.now),
  );
}
