import { loadKeyRing } from "../secrets/load-key-ring";
import { awsEnv } from "./aws-env";
import { once } from "./once";

/**
 * The sealing keys on AWS, from SLIPWAY_SEALING_KEY (read from SSM at cold start), loaded once
 * per container on first use.
 * Its own module so only the functions that open or publish keys bundle libsodium.
 */
export const awsKeyRing = once(async () => loadKeyRing(await awsEnv(), { localKeyFile: false }));
