import { randomBytes } from "node:crypto";
import { GetParameterCommand, ParameterNotFound, PutParameterCommand, type SSMClient } from "@aws-sdk/client-ssm";
import { secretsPath } from "../config/secret-parameters";
import type { AppCredentials } from "./read-app-credentials";
import { generateSealingKey } from "./generate-sealing-key";

export interface StoredSecrets {
  /** Where they are: `/slipway/<stage>`. */
  path: string;
  /** The sealing key is made once; later deploys keep it, so sealed values stay readable. */
  sealingKey: "created" | "kept";
  /** The key that signs private sites' sessions, made once too: a new one would sign everyone out. */
  sessionKey: "created" | "kept";
}

async function exists(ssm: Pick<SSMClient, "send">, name: string): Promise<boolean> {
  try {
    await ssm.send(new GetParameterCommand({ Name: name }));
    return true;
  } catch (error) {
    if (error instanceof ParameterNotFound) return false;
    throw error;
  }
}

/**
 * Stores the stage's secrets as SSM SecureString parameters (encrypted with the AWS managed
 * key aws/ssm): the private key and webhook secret from the app's credentials, overwriting
 * earlier values, and a sealing key when the stage has none yet.
 */
export async function storeSecrets(
  ssm: Pick<SSMClient, "send">,
  stage: string,
  credentials: Pick<AppCredentials, "privateKey" | "webhookSecret" | "clientId" | "clientSecret">,
): Promise<StoredSecrets> {
  const path = secretsPath(stage);
  const put = (name: string, value: string, overwrite: boolean) =>
    ssm.send(new PutParameterCommand({ Name: `${path}/${name}`, Value: value, Type: "SecureString", Overwrite: overwrite, Description: `Slipway ${stage}: ${name}` }));
  await put("private-key", credentials.privateKey, true);
  await put("webhook-secret", credentials.webhookSecret, true);
  if (credentials.clientId && credentials.clientSecret) {
    await put("github-client-id", credentials.clientId, true);
    await put("github-client-secret", credentials.clientSecret, true);
  }
  // Made once, never overwritten: a key made by another deploy in the meantime wins.
  const createOnce = async (name: string, make: () => string): Promise<"created" | "kept"> => {
    if (await exists(ssm, `${path}/${name}`)) return "kept";
    await put(name, make(), false);
    return "created";
  };
  const sealingKey = await createOnce("sealing-key", generateSealingKey);
  const sessionKey = await createOnce("session-key", () => randomBytes(32).toString("base64url"));
  return { path, sealingKey, sessionKey };
}
