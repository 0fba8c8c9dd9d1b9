import type { ConfigProblem, SlipwayConfig } from "../../config/slipway-config";
import { checkSecretReferences } from "../../secrets/check-secret-references";
import type { KeyRing } from "../../secrets/key-ring";
import { openSecrets } from "../../secrets/open-secrets";
import type { PublishConfig } from "../../config/publish-config";
import { secretReferences } from "./targets/secret-references";

/**
 * The secrets the publish targets name, opened for this repository (and registered with the
 * redactor), or the config problems that stop the release: a name `secrets:` does not define,
 * a value that does not open here (wrong scope, unknown key, damaged). Only the secrets the
 * targets use are checked, so an unrelated broken secret does not stop a publish.
 */
export function publishSecrets(
  config: Pick<SlipwayConfig, "secrets">,
  publish: PublishConfig,
  repository: { owner: string; repo: string },
  keyRing: KeyRing,
): { ok: true; secrets: Record<string, string> } | { ok: false; problems: ConfigProblem[] } {
  const references = Object.entries(publish.targets).flatMap(([name, target]) => secretReferences(name, target).map((reference) => ({ name: reference.secret, key: reference.key })));
  const unknown = checkSecretReferences(config, references);
  if (unknown.length > 0) return { ok: false, problems: unknown };
  const used = new Set(references.map((reference) => reference.name));
  const opened = openSecrets({ secrets: Object.fromEntries(Object.entries(config.secrets).filter(([name]) => used.has(name))) }, repository, keyRing);
  if (opened.problems.length > 0) return { ok: false, problems: opened.problems };
  return { ok: true, secrets: Object.fromEntries(opened.values) };
}
