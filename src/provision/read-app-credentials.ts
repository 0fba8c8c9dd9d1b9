import { parseEnv } from "../config/env";
import { readPrivateKey } from "../runtime/github-app";

/** Raised when `.env` (or the environment) lacks the GitHub App's credentials. */
export class MissingAppCredentialsError extends Error {
  override name = "MissingAppCredentialsError";
}

export interface AppCredentials {
  appId: number;
  /** The PEM text, however `.env` wrote it (escaped, base64, or a file by PRIVATE_KEY_PATH). */
  privateKey: string;
  webhookSecret: string;
  /** The app's OAuth client (Probot's registration writes them), for private previews' sign-in. */
  clientId?: string;
  clientSecret?: string;
}

/**
 * The registered app's credentials, as Probot's registration wrote them to `.env`: APP_ID,
 * PRIVATE_KEY (or PRIVATE_KEY_PATH) and WEBHOOK_SECRET. Names each one that is missing.
 */
export function readAppCredentials(source: NodeJS.ProcessEnv): AppCredentials {
  const env = parseEnv(source);
  const privateKey = readPrivateKey(env);
  const missing = [!env.APP_ID && "APP_ID", !privateKey && "PRIVATE_KEY (or PRIVATE_KEY_PATH)", !env.WEBHOOK_SECRET && "WEBHOOK_SECRET"].filter(Boolean);
  if (!env.APP_ID || !privateKey || !env.WEBHOOK_SECRET) {
    throw new MissingAppCredentialsError(
      `${missing.join(", ")} missing from .env: register the GitHub App first (run \`npm start\` and open http://localhost:3000, see the README), then deploy again.`,
    );
  }
  return { appId: env.APP_ID, privateKey, webhookSecret: env.WEBHOOK_SECRET, clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET };
}
