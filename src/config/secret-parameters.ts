/**
 * The app's secrets on AWS: one SSM SecureString parameter each under `/slipway/<stage>/`,
 * written by `npm run deploy` and read by the Lambda functions at cold start into the
 * environment variable named here. They never pass through Lambda's environment variables or
 * the CloudFormation template.
 */
export const SECRET_PARAMETERS = [
  { name: "private-key", variable: "PRIVATE_KEY" },
  { name: "webhook-secret", variable: "WEBHOOK_SECRET" },
  { name: "sealing-key", variable: "SLIPWAY_SEALING_KEY" },
] as const;

/** `/slipway/<stage>`: where a stage's secrets live (`SLIPWAY_SECRETS_PATH`). */
export function secretsPath(stage: string): string {
  return `/slipway/${stage}`;
}
