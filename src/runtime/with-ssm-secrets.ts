import { GetParametersCommand, SSMClient } from "@aws-sdk/client-ssm";
import { EnvironmentVariableError, SecretsPath } from "../config/env";
import { SECRET_PARAMETERS } from "../config/secret-parameters";

/** Raised when a secret the deployment needs is not in SSM Parameter Store. */
export class MissingSecretError extends Error {
  override name = "MissingSecretError";
}

const isSet = (value: string | undefined): value is string => value !== undefined && value !== "";

/**
 * The process environment completed with the app's secrets from SSM Parameter Store, when
 * `SLIPWAY_SECRETS_PATH` names where they are (the AWS deployment sets it): one
 * `GetParameters` call, decrypted, at cold start. A variable already set keeps its value;
 * without the path the environment is returned as it is (`npm start` reads `.env`).
 */
export async function withSsmSecrets(source: NodeJS.ProcessEnv, client?: SSMClient): Promise<NodeJS.ProcessEnv> {
  if (!isSet(source.SLIPWAY_SECRETS_PATH)) return source;
  const path = SecretsPath.safeParse(source.SLIPWAY_SECRETS_PATH);
  if (!path.success) throw new EnvironmentVariableError(`Invalid environment variables:\n  SLIPWAY_SECRETS_PATH: ${path.error.issues[0]?.message ?? "is invalid"}`);
  const wanted = SECRET_PARAMETERS.filter(({ variable }) => !isSet(source[variable])).map((secret) => ({ ...secret, parameter: `${path.data}/${secret.name}` }));
  if (wanted.length === 0) return source;

  const ssm = client ?? new SSMClient({ region: source.AWS_REGION, ...(isSet(source.SSM_ENDPOINT) ? { endpoint: source.SSM_ENDPOINT } : {}) });
  try {
    const { Parameters = [], InvalidParameters = [] } = await ssm.send(new GetParametersCommand({ Names: wanted.map(({ parameter }) => parameter), WithDecryption: true }));
    const values = new Map(Parameters.map((parameter) => [parameter.Name, parameter.Value]));
    const missing = wanted.filter(({ parameter, optional }) => !optional && (InvalidParameters.includes(parameter) || !isSet(values.get(parameter))));
    if (missing.length > 0) {
      throw new MissingSecretError(
        `SSM Parameter Store has no ${missing.map(({ parameter }) => parameter).join(", ")} in ${source.AWS_REGION ?? "this region"}: run \`npm run deploy\` for this stage, which stores the app's secrets there.`,
      );
    }
    const found = wanted.flatMap(({ variable, parameter }) => {
      const value = values.get(parameter);
      return isSet(value) ? [[variable, value] as const] : [];
    });
    return { ...source, ...Object.fromEntries(found) };
  } finally {
    if (!client) ssm.destroy();
  }
}
