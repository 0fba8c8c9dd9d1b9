/**
 * `npm run deploy -- [--stage prod] [--region eu-west-1]`: stores the app's secrets from .env
 * in SSM and deploys the stack with the Serverless Framework (see `deployToAws`). Needs AWS
 * credentials the way the AWS CLI finds them (AWS_PROFILE, AWS_ACCESS_KEY_ID, SSO, …).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { SSMClient } from "@aws-sdk/client-ssm";
import { deployArguments } from "../src/provision/deploy-arguments";
import { deployToAws } from "../src/provision/deploy-to-aws";
import { runServerless } from "./run-serverless";

const root = join(__dirname, "..");

async function main(): Promise<void> {
  // The credentials Probot's registration wrote; variables already set win.
  if (existsSync(join(root, ".env"))) process.loadEnvFile(join(root, ".env"));
  const { stage, region } = deployArguments(process.argv.slice(2), process.env);
  const ssm = new SSMClient({ region });
  const cloudformation = new CloudFormationClient({ region });
  try {
    await deployToAws({ stage, region, env: process.env, ssm, cloudformation, runServerless, say: (line) => console.log(line) });
  } finally {
    ssm.destroy();
    cloudformation.destroy();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const credentials = error instanceof Error && error.name === "CredentialsProviderError";
  console.error(credentials ? `No AWS credentials found (${message}). Sign in as the AWS CLI does (aws configure, aws sso login, or AWS_PROFILE), then run npm run deploy again.` : message);
  process.exitCode = 1;
});
