import type { Env } from "../config/env";
import { KeyRing, SealingKeyError } from "./key-ring";
import { readLocalSealingKey } from "./local-sealing-key";
import { parseSealingKeys } from "./parse-sealing-keys";

/**
 * The app's sealing keys: from `SLIPWAY_SEALING_KEY` when it is set; otherwise, with
 * `localKeyFile` (the local runtime), from `<SLIPWAY_DATA_DIR>/sealing-key`, generated on first
 * start. On AWS the variable is required: a Lambda has no folder that outlives it.
 */
export async function loadKeyRing(
  env: Pick<Env, "SLIPWAY_SEALING_KEY" | "SLIPWAY_DATA_DIR">,
  options: { localKeyFile: boolean },
): Promise<KeyRing> {
  if (env.SLIPWAY_SEALING_KEY !== undefined) {
    return KeyRing.fromSecretKeys(parseSealingKeys(env.SLIPWAY_SEALING_KEY, "SLIPWAY_SEALING_KEY"));
  }
  if (!options.localKeyFile) {
    throw new SealingKeyError(
      "SLIPWAY_SEALING_KEY is not set: it must hold the sealing keys (the SSM SecureString /slipway/<stage>/sealing-key on AWS).",
    );
  }
  const { text, path } = await readLocalSealingKey(env.SLIPWAY_DATA_DIR);
  return KeyRing.fromSecretKeys(parseSealingKeys(text, path));
}
