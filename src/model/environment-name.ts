/**
 * What an environment may be called: the rule for keys of `environments:` in
 * `.github/slipway.yml` and for the environment a slash command names, so a name that a
 * command accepts is always one the configuration could declare.
 */
export const ENVIRONMENT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * The environment of one pull request's preview (`pr-12`). Reserved: previews are created and
 * removed by pull request events and `/preview`, never by `/deploy` or `/rollback`.
 */
export const PREVIEW_ENVIRONMENT_PATTERN = /^pr-\d+$/;

/** `/rollback`, `/lock` and `/unlock` without an environment act on this one. */
export const DEFAULT_GUARDED_ENVIRONMENT = "production";

/** Environments GitHub shows as production, and that `/deploy` never picks by default. */
export function isProductionEnvironment(environment: string): boolean {
  return /^prod(uction)?$/i.test(environment);
}

/** The environment name of a pull request's preview. */
export function previewEnvironment(pullNumber: number): string {
  return `pr-${pullNumber}`;
}
