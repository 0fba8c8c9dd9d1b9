import { ProbotOctokit } from "probot";

// The function form of defaults merges over Probot's own, so only retry and throttling change:
// a test that expects an error must see it at once, not after back-off.
const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { enabled: false },
}));

/**
 * A real Probot installation client for tests: every plugin as in production, a fixed token,
 * talking to https://api.github.com, which nock intercepts.
 */
export function testOctokit(): InstanceType<typeof ProbotOctokit> {
  // Probot's auth strategy reads `{ token }`; a bare string would leave requests unauthenticated.
  return new TestOctokit({ auth: { token: "test" } });
}
