import { parseEnv } from "../config/env";
import { loadKeyRing } from "../secrets/load-key-ring";
import { once } from "./once";

/**
 * The sealing keys on AWS, from SLIPWAY_SEALING_KEY, loaded once per container on first use.
 * Its own module so only the functions that open or publish keys bundle libsodium.
 */
export const awsKeyRing = once(async () => loadKeyRing(parseEnv(), { localKeyFile: false }));
