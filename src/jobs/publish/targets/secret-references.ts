import { TARGET_TYPES } from "./target-types";
import type { PublishTargetConfig } from "./target-types";

/** A secret a target's config names, and where: `publish.targets.npm.token` → `NPM_TOKEN`. */
export interface SecretReference {
  /** The config key's dotted path. */
  key: string;
  secret: string;
}

/**
 * The secrets a target's config refers to, with the key of each, so the config check can
 * report a name that is not under `secrets:` (or cannot be opened) against the right key.
 */
export function secretReferences(targetName: string, config: PublishTargetConfig): SecretReference[] {
  const keys: readonly string[] = TARGET_TYPES[config.type].secretKeys;
  const values: Record<string, unknown> = { ...config };
  return keys.flatMap((key) => {
    const secret = values[key];
    return typeof secret === "string" ? [{ key: `publish.targets.${targetName}.${key}`, secret }] : [];
  });
}
