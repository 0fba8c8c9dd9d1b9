import { YAMLException, load } from "js-yaml";
import { parseSlipwayConfig, type ConfigProblem, type ConfigResult } from "./slipway-config";
import type { Octokit } from "../github/octokit";

export type RepoConfigOctokit = { config: Pick<Octokit["config"], "get">; request: Octokit["request"] };

/** Where a repository configures Slipway. */
export const CONFIG_PATH = ".github/slipway.yml";

const PLUGIN_PREFIX = "[@probot/octokit-plugin-config] ";
const UNPARSABLE = /could not be parsed from (\S+) \((?:invalid|unsafe) YAML\)/;

/**
 * Loads and validates `.github/slipway.yml` at `ref` (the default branch when omitted), with
 * Probot's config plugin: a repository without the file uses the organisation's `.github`
 * repository's, and `_extends` pulls in another repository's, merged key by key at the top level
 * (`secrets` by name, so a repository that adds one keeps the organisation's).
 *
 * A missing file gives the defaults. Anything wrong with the files is returned as problems for
 * the user to fix, never thrown; only failures to reach GitHub are thrown, so the job retries.
 */
export async function loadRepoConfig(
  octokit: RepoConfigOctokit,
  { owner, repo, ref }: { owner: string; repo: string; ref?: string },
): Promise<ConfigResult> {
  let files: Awaited<ReturnType<RepoConfigOctokit["config"]["get"]>>["files"];
  try {
    ({ files } = await octokit.config.get({ owner, repo, path: CONFIG_PATH, ...(ref === undefined ? {} : { branch: ref }) }));
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith(PLUGIN_PREFIX)) throw error;
    return { ok: false, problems: [await describeFileError(octokit, error.message)] };
  }

  // The plugin lists the repository's own file first and what it extends after it.
  const found = files.filter((file) => file.config !== null);
  const notMapping = found.find((file) => !isMapping(file.config));
  if (notMapping) {
    return { ok: false, problems: [{ key: "(file)", message: `${describeUrl(notMapping.url)} must be a mapping of keys to values` }] };
  }
  const configs = found.map((file) => file.config).reverse();
  const merged: Record<string, unknown> = Object.assign({}, ...configs);
  // The plugin removes each `_extends` it follows, but not an empty one, which it skips.
  delete merged._extends;
  const secrets = mergeByName(configs.map((config) => (isMapping(config) ? config.secrets : undefined)));
  if (secrets) merged.secrets = secrets;
  return parseSlipwayConfig(merged);
}

/**
 * `secrets:` of the organisation's file and the repository's, merged by name (later files, the
 * repository's own, win): a repository adding one secret keeps the organisation's. Undefined,
 * leaving the top-level merge as it is, when a file's `secrets` is not a mapping (the schema
 * reports it).
 */
function mergeByName(maps: unknown[]): Record<string, unknown> | undefined {
  const present = maps.filter((map) => map !== undefined && map !== null);
  if (present.length < 2 || !present.every(isMapping)) return undefined;
  return Object.assign({}, ...present);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The plugin reports a YAML syntax error without the parser's reason or position; the file is
 * read once more and parsed with the same parser to tell the user where the mistake is.
 */
async function describeFileError(octokit: RepoConfigOctokit, pluginMessage: string): Promise<ConfigProblem> {
  const message = pluginMessage.slice(PLUGIN_PREFIX.length);
  const url = UNPARSABLE.exec(message)?.[1];
  // The request carries the installation token: only ever to the API the plugin read from.
  const api = octokit.request.endpoint.DEFAULTS.baseUrl;
  if (url === undefined || !url.startsWith(`${api}/`)) return { key: "(file)", message: rewriteUrls(message) };

  const syntax = await octokit
    .request(`GET ${url}`, { mediaType: { format: "raw" } })
    .then(({ data }) => (typeof data === "string" ? syntaxError(data) : undefined))
    .catch(() => undefined);
  if (!syntax) return { key: "(file)", message: rewriteUrls(message) };
  const position = syntax.mark ? ` at line ${syntax.mark.line + 1}, column ${syntax.mark.column + 1}` : "";
  return { key: "(file)", message: `${describeUrl(url)} is not valid YAML${position}: ${syntax.reason}` };
}

function syntaxError(source: string): YAMLException | undefined {
  try {
    load(source);
    return undefined;
  } catch (error) {
    return error instanceof YAMLException ? error : undefined;
  }
}

/** `https://api.github.com/repos/acme/web/contents/.github%2Fslipway.yml?ref=…` → `acme/web:.github/slipway.yml`. */
function describeUrl(url: string): string {
  const match = /\/repos\/([^/]+)\/([^/]+)\/contents\/([^?\s]+)/.exec(url);
  if (!match) return url;
  const [, owner = "", repo = "", path = ""] = match;
  return `${owner}/${repo}:${decodeURIComponent(path)}`;
}

function rewriteUrls(message: string): string {
  return message.replace(/https?:\/\/\S+\/repos\/\S+\/contents\/[^\s?]+(\?\S*)?/g, describeUrl);
}
