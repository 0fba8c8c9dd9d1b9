import { parseEnv, type Env } from "../config/env";
import { once } from "./once";
import { withSsmSecrets } from "./with-ssm-secrets";

/** The environment, completed at cold start with the secrets the deployment keeps in SSM. */
export const awsEnv = once(async (): Promise<Env> => parseEnv(await withSsmSecrets(process.env)));
