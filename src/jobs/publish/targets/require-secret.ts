import { TargetConfigError } from "./common/target-errors";
import type { TargetContext } from "./common/target";

/**
 * The opened value of the secret that the config key `key` names (`token: NPM_TOKEN` → the
 * token). The config check reports unknown names before any target runs, so a miss here means
 * the secret could not be opened for this release.
 */
export function requireSecret<Config>(ctx: TargetContext<Config>, key: keyof Config & string): string {
  const name = ctx.config[key];
  if (typeof name !== "string") throw new TargetConfigError(`publish.targets.${ctx.name}.${key} names no secret; set it to the name of a secret under \`secrets:\`.`);
  const value = ctx.secrets[name];
  if (value === undefined || value === "") {
    throw new TargetConfigError(
      `the secret ${name} (publish.targets.${ctx.name}.${key}) was not given to this release; add it under \`secrets:\` in .github/slipway.yml, sealed for this repository.`,
    );
  }
  return value;
}
