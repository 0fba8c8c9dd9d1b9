import { DescribeStacksCommand, type CloudFormationClient } from "@aws-sdk/client-cloudformation";

/** Raised when the deployed stack lacks an output `serverless.yml` declares. */
export class MissingStackOutputError extends Error {
  override name = "MissingStackOutputError";
}

/** One output of the stage's CloudFormation stack (`slipway-<stage>`), such as `WebhookUrl`. */
export async function stackOutput(cloudformation: Pick<CloudFormationClient, "send">, stage: string, key: string): Promise<string> {
  const stackName = `slipway-${stage}`;
  const { Stacks = [] } = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
  const value = Stacks[0]?.Outputs?.find((output) => output.OutputKey === key)?.OutputValue;
  if (!value) throw new MissingStackOutputError(`The stack ${stackName} has no output ${key}; check that the deploy finished.`);
  return value;
}
