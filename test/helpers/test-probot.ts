import { generateKeyPairSync } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";
import { WEBHOOK_SECRET } from "./webhook-fixtures";

/** Octokit without retries or throttling, so a test's mocked answers are the only ones. */
export const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { enabled: false },
}));

let cachedKey: string | undefined;

/** A real RSA key, so installation authentication signs a real JWT (GitHub itself is nocked). */
export function testPrivateKey(): string {
  cachedKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  return cachedKey;
}

export const TEST_APP_ID = 4242;

export function testProbot(): Probot {
  return new Probot({ appId: TEST_APP_ID, privateKey: testPrivateKey(), secret: WEBHOOK_SECRET, Octokit: TestOctokit, logLevel: "fatal" });
}
