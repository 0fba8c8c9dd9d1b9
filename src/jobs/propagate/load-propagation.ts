import { z } from "zod";
import { loadRepoConfig } from "../../config/load-repo-config";
import type { PropagateConfig } from "../../config/propagate-config";
import type { ConfigProblem } from "../../config/slipway-config";
import type { Octokit } from "../../github/octokit";
import { readRepoFile } from "../../github/read-repo-file";
import { checkSecretReferences } from "../../secrets/check-secret-references";
import { openSecrets } from "../../secrets/open-secrets";
import type { JobContext } from "../job-context";

/** What a campaign and each of its upgrades read from the source repository at the release's tag. */
export interface Propagation {
  config: PropagateConfig;
  packageName: string;
  /** The registry token, opened from `secrets:` when `token` names one. */
  token?: string;
}

export type LoadedPropagation = { ok: true; propagation: Propagation } | { ok: false; problems: ConfigProblem[] } | { ok: "absent" };

const NamedPackageSchema = z.object({ name: z.string().min(1) });

/**
 * `propagate:` of the source repository at `tag`, with the package's name (from package.json
 * when the config names none) and the registry token opened for this repository.
 */
export async function loadPropagation(ctx: JobContext, octokit: Octokit, { owner, repo, tag }: { owner: string; repo: string; tag: string }): Promise<LoadedPropagation> {
  const loaded = await loadRepoConfig(octokit, { owner, repo, ref: tag });
  if (!loaded.ok) return loaded;
  const config = loaded.config.propagate;
  if (!config) return { ok: "absent" };

  let packageName = config.package;
  if (!packageName) {
    const file = await readRepoFile(octokit, { owner, repo, path: "package.json", ref: tag });
    const parsed = NamedPackageSchema.safeParse(file ? parseJson(file.text) : undefined);
    if (!parsed.success) return { ok: false, problems: [{ key: "propagate.package", message: `is not set and package.json at ${tag} names no package; set it to the npm package consumers depend on` }] };
    packageName = parsed.data.name;
  }

  if (!config.token) return { ok: true, propagation: { config, packageName } };
  const undefinedSecret = checkSecretReferences(loaded.config, [{ name: config.token, key: "propagate.token" }]);
  if (undefinedSecret.length > 0) return { ok: false, problems: undefinedSecret };
  const opened = openSecrets(loaded.config, { owner, repo }, await ctx.keyRing());
  const token = opened.values.get(config.token);
  if (token === undefined) {
    const problem = opened.problems.find((found) => found.key === `secrets.${config.token}`);
    return { ok: false, problems: [problem ?? { key: "propagate.token", message: `names the secret ${config.token}, which is not under \`secrets:\`; seal the registry token for this repository and add it there` }] };
  }
  return { ok: true, propagation: { config, packageName, token } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
