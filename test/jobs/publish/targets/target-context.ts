import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ReleaseInfo, TargetContext } from "../../../../src/jobs/publish/targets/common/target";
import { testOctokit } from "../../../github/test-octokit";

export interface TestTargetContext<Config> extends TargetContext<Config> {
  lines: string[];
  /** Files left in the context's temporary folder (there should be none after dispose). */
  leftovers(): string[];
  cleanUp(): void;
}

/** A target context as the publish job builds it, with GitHub behind nock and its own temporary folder. */
export function targetContext<Config>(name: string, config: Config, release: ReleaseInfo, secrets: Record<string, string>): TestTargetContext<Config> {
  const tempDir = mkdtempSync(join(tmpdir(), "slipway-target-test-"));
  const lines: string[] = [];
  return {
    name,
    config,
    release,
    secrets,
    log: (line) => lines.push(line),
    github: { release: testOctokit(), repository: async () => testOctokit() },
    tempDir,
    lines,
    leftovers: () => readdirSync(tempDir),
    cleanUp: () => rmSync(tempDir, { recursive: true, force: true }),
  };
}
