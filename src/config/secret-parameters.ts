/**
 * The app's secrets on AWS: one SSM SecureString parameter each under `/slipway/<stage>/`,
 * written by `npm run deploy` and read by the Lambda functions at cold start into the
 * environment variable named here. They never pass through Lambda's environment variables or
 * the CloudFormation template.
 */
export const SECRET_PARAMETERS: ReadonlyArray<{ name: string; variable: string; optional?: boolean }> = [
  { name: "private-key", variable: "PRIVATE_KEY" },
  { name: "webhook-secret", variable: "WEBHOOK_SECRET" },
  { name: "sealing-key", variable: "SLIPWAY_SEALING_KEY" },
  { name: "session-key", variable: "SLIPWAY_SESSION_KEY" },
  // The app's OAuth client, for signing in to private previews: an app registered without one
  // still runs, and private sites then say sign-in is not set up.
  { name: "github-client-id", variable: "GITHUB_CLIENT_ID", optional: true },
  { name: "github-client-secret", variable: "GITHUB_CLIENT_SECRET", optional: true },
];

/** `/slipway/<stage>`: where a stage's secrets live (`SLIPWAY_SECRETS_PATH`). */
export function secretsPath(stage: string): string {
  return `/slipway/${stage}`;
}
