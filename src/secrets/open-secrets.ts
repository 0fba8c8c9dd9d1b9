import type { ConfigProblem, SlipwayConfig } from "../config/slipway-config";
import type { KeyRing } from "./key-ring";
import { openSealedValue, type SealedValueFailure } from "./open-sealed-value";
import type { Redactor } from "./redactor";
import { secretRedactor } from "./secret-redactor";

export interface OpenedSecrets {
  /** The opened values by name; every one is registered with the redactor. */
  values: ReadonlyMap<string, string>;
  /** One per secret that did not open, keyed `secrets.<NAME>`, as the config check reports them. */
  problems: ConfigProblem[];
}

/**
 * Opens every secret `secrets:` names, for one repository. A value opens only with a listed
 * key and only when its scope names the repository; each one that does not becomes a problem
 * saying why and what to do, never quoting the value. Opened values are registered with the
 * redactor before they are returned, so they are masked wherever they are written.
 */
export function openSecrets(
  config: Pick<SlipwayConfig, "secrets">,
  repository: { owner: string; repo: string },
  keyRing: KeyRing,
  redactor: Redactor = secretRedactor,
): OpenedSecrets {
  const values = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const [name, sealed] of Object.entries(config.secrets)) {
    const opened = openSealedValue(sealed, keyRing, repository);
    if (opened.ok) {
      redactor.register(opened.value);
      values.set(name, opened.value);
    } else {
      problems.push({ key: `secrets.${name}`, message: describeFailure(opened, repository, keyRing) });
    }
  }
  return { values, problems };
}

function describeFailure(failure: SealedValueFailure, { owner, repo }: { owner: string; repo: string }, keyRing: KeyRing): string {
  const sealAgain = `seal the secret again with \`npm run seal -- --repo ${owner}/${repo}\` (or \`--repo ${owner}/*\` for every repository of ${owner}) and replace the value`;
  switch (failure.reason) {
    case "format":
      return `is not a sealed value (sealed:v1:<key id>:<data>): ${sealAgain}. Never write the secret itself in this file; if you did, revoke it.`;
    case "unknown-key":
      return `was sealed with key ${failure.keyId}, which this Slipway does not hold (it opens ${keyRing.keyIds.join(", ")}): ${sealAgain}, or list that key in SLIPWAY_SEALING_KEY again.`;
    case "corrupt":
      return `cannot be opened with key ${failure.keyId}: the value is damaged (cut short or edited). Copy it again in full, or ${sealAgain}.`;
    case "payload":
      return `opens, but does not hold a Slipway secret (a scope and a value): ${sealAgain}.`;
    case "scope":
      return `is sealed for ${failure.scope}, not for ${owner}/${repo}: a sealed secret opens only in the repositories its scope names. To use it here, ${sealAgain}.`;
  }
}
