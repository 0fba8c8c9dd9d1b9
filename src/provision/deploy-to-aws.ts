import type { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import type { SSMClient } from "@aws-sdk/client-ssm";
import { readAppCredentials } from "./read-app-credentials";
import { stackOutput } from "./stack-output";
import { storeSecrets } from "./store-secrets";

/** Raised when the Serverless Framework's deploy failed; its own output said why. */
export class ServerlessDeployError extends Error {
  override name = "ServerlessDeployError";
}

export interface DeployToAwsOptions {
  stage: string;
  region: string;
  /** The environment with `.env` loaded: the app's credentials. */
  env: NodeJS.ProcessEnv;
  ssm: Pick<SSMClient, "send">;
  cloudformation: Pick<CloudFormationClient, "send">;
  /** Runs `serverless <args>` in the repository and resolves with its exit code. */
  runServerless(args: string[]): Promise<number>;
  say(line: string): void;
}

/**
 * `npm run deploy`: the app's credentials from `.env`, its secrets into SSM, the stack
 * deployed by the Serverless Framework, and the webhook URL to enter in the app's settings.
 */
export async function deployToAws(options: DeployToAwsOptions): Promise<{ webhookUrl: string }> {
  const { stage, region, say } = options;
  const credentials = readAppCredentials(options.env);
  say(`Deploying Slipway (GitHub App ${credentials.appId}) as stage "${stage}" in ${region}.`);

  const stored = await storeSecrets(options.ssm, stage, credentials);
  say(`Stored the private key and webhook secret in SSM under ${stored.path}/; ${stored.sealingKey === "created" ? "created" : "kept"} the sealing key; ${stored.sessionKey === "created" ? "created" : "kept"} the site session key.`);

  const code = await options.runServerless(["deploy", "--stage", stage, "--region", region, `--param=appId=${credentials.appId}`]);
  if (code !== 0) throw new ServerlessDeployError(`serverless deploy exited with code ${code}; its output above says why. Nothing else was changed: fix it and run npm run deploy again.`);

  const webhookUrl = await stackOutput(options.cloudformation, stage, "WebhookUrl");
  say("");
  say(`Slipway is deployed. Set the GitHub App's webhook URL (the app's settings, General, Webhook) to:`);
  say(`  ${webhookUrl}`);
  return { webhookUrl };
}
