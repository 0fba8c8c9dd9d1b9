import type { ConfigProblem, SlipwayConfig } from "../config/slipway-config";

/** A place in the configuration that names a secret, e.g. `{ name: "NPM_TOKEN", key: "publish.targets.npm.token" }`. */
export interface SecretReference {
  name: string;
  /** The dotted key path of the reference, as problems name keys. */
  key: string;
}

/**
 * One problem per reference to a secret that `secrets:` does not define (the repository's own
 * file and what it extends, merged), at the referring key.
 */
export function checkSecretReferences(config: Pick<SlipwayConfig, "secrets">, references: readonly SecretReference[]): ConfigProblem[] {
  const defined = Object.keys(config.secrets);
  return references
    .filter((reference) => !Object.hasOwn(config.secrets, reference.name))
    .map((reference) => {
      const spelled = defined.find((name) => name.toLowerCase() === reference.name.toLowerCase());
      const hint = spelled
        ? ` (did you mean ${spelled}?)`
        : defined.length === 0
          ? " (no secrets are defined)"
          : ` (defined: ${defined.join(", ")})`;
      return {
        key: reference.key,
        message: `names the secret ${reference.name}, which \`secrets:\` does not define${hint}: seal it with \`npm run seal\` and add it under \`secrets:\` in .github/slipway.yml, or in the organisation's .github repository for every repository.`,
      };
    });
}
