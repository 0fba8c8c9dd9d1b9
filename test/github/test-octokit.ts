import type { ProbotOctokit } from "probot";
import { TestOctokit } from "../helpers/test-probot";

/**
 * A real Probot installation client for tests: every plugin as in production (retries and
 * throttling off), a fixed token, talking to https://api.github.com, which nock intercepts.
 */
export function testOctokit(): InstanceType<typeof ProbotOctokit> {
  // Probot's auth strategy reads `{ token }`; a bare string would leave requests unauthenticated.
  return new TestOctokit({ auth: { token: "test" } });
}
