import { parseArgs } from "node:util";
import { z } from "zod";

/** Raised when `npm run deploy` is given arguments it cannot use. */
export class DeployArgumentsError extends Error {
  override name = "DeployArgumentsError";
}

export const DEPLOY_USAGE = "Usage: npm run deploy -- [--stage prod] [--region eu-west-1]  (the region defaults to AWS_REGION)";

/** A stage names the stack, the queue and the SSM path: letters, digits and dashes. */
const Stage = z.string().regex(/^[a-z][a-z0-9-]{0,20}$/, "must start with a letter and hold only lower-case letters, digits and dashes (at most 21)");
const Region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "is not an AWS region name such as eu-west-1");

/**
 * The stage (default `prod`) and region (`--region`, else AWS_REGION or AWS_DEFAULT_REGION,
 * as the AWS CLI reads them) of `npm run deploy`.
 */
export function deployArguments(argv: string[], env: NodeJS.ProcessEnv): { stage: string; region: string } {
  let values: { stage?: string; region?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { stage: { type: "string" }, region: { type: "string" } }, strict: true }));
  } catch (error) {
    throw new DeployArgumentsError(`${error instanceof Error ? error.message : String(error)}\n${DEPLOY_USAGE}`);
  }
  const region = values.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION);
  if (!region) throw new DeployArgumentsError(`Which AWS region? Pass --region (e.g. --region eu-west-1) or set AWS_REGION.\n${DEPLOY_USAGE}`);
  const stage = Stage.safeParse(values.stage ?? "prod");
  if (!stage.success) throw new DeployArgumentsError(`--stage ${stage.error.issues[0]?.message ?? "is invalid"}.\n${DEPLOY_USAGE}`);
  const checkedRegion = Region.safeParse(region);
  if (!checkedRegion.success) throw new DeployArgumentsError(`The region "${region}" ${checkedRegion.error.issues[0]?.message ?? "is invalid"}.`);
  return { stage: stage.data, region: checkedRegion.data };
}
