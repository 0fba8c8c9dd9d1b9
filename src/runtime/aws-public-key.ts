import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { publicKeyResponse, type PublicKeyAnswer } from "../secrets/public-key-response";
import { awsKeyRing } from "./aws-key-ring";
import { once } from "./once";

/**
 * Answers `GET /api/slipway/public-key`. A function of its own, apart from the webhook's: it
 * needs libsodium (about 1 MB) and no Probot, the webhook needs Probot and no libsodium, so
 * each bundle carries only its own.
 */
export const awsPublicKey = once(async () => {
  const { sealingKey } = await awsKeyRing();
  return (event: APIGatewayProxyEventV2): PublicKeyAnswer => {
    const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
    return publicKeyResponse(sealingKey, { method: event.requestContext.http.method, ifNoneMatch: headers["if-none-match"] });
  };
});
