import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GitHubStandIn } from "../github-stand-in";
import { createBenchRepository, openPullRequest } from "./bench-repository";
import { sendBurst, sendWarmUp, type BurstFigures, type BurstOptions } from "./measure-burst";
import { startRuntimeChild } from "./runtime-child";

/**
 * The warm-up and the burst's deliveries sent the same way to `reference-webhook.ts`, a fresh one
 * each time: what this machine allows an acknowledgement at this moment, to read Slipway's
 * figures against.
 */
export async function measureReferenceBurst(
  github: GitHubStandIn,
  options: Pick<BurstOptions, "pullRequests" | "pushesEach" | "concurrency"> & { installationId: number; name: string },
): Promise<Pick<BurstFigures, "freshAcks" | "acks">> {
  const dataDir = await mkdtemp(join(tmpdir(), "slipway-reference-"));
  try {
    const secret = randomBytes(16).toString("hex");
    const child = await startRuntimeChild({ WEBHOOK_SECRET: secret, SLIPWAY_DATA_DIR: dataDir }, join(dataDir, "reference.log"), "reference-webhook.ts");
    try {
      github.setWebhook({ url: child.url, secret });
      const freshAcks = await sendWarmUp(github, createBenchRepository(github.model, { installationId: options.installationId, owner: "acme", name: `${options.name}-warm-up` }));
      const repository = createBenchRepository(github.model, { installationId: options.installationId, owner: "acme", name: options.name });
      const pulls = Array.from({ length: options.pullRequests }, (_, index) => openPullRequest(github.model, repository, index + 1));
      const { acks, failed } = await sendBurst(github, repository, pulls, options);
      if (failed > 0) throw new Error(`The reference server answered ${failed} deliveries with other than 200; its log:\n${child.warnings().join("\n")}`);
      return { freshAcks, acks };
    } finally {
      await child.stop(5000);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
