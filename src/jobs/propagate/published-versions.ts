import { PackumentSchema } from "../publish/targets/npm/fetch-packument";
import { escapedName, registryBase } from "../publish/targets/npm/registry-url";

/** The registry could not be asked; the job is retried. */
export class RegistryUnavailableError extends Error {
  override name = "RegistryUnavailableError";
}

/**
 * Whether `version` of `name` is on the registry yet (a lockfile can only resolve a published
 * version). The token, when given, is sent as npm's client sends it.
 */
export async function isPublished(registry: string, name: string, version: string, token?: string): Promise<boolean> {
  const base = registryBase(registry);
  let response: Response;
  try {
    response = await fetch(new URL(escapedName(name), base), {
      headers: { accept: "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new RegistryUnavailableError(`the npm registry at ${base} could not be reached for ${name} (${error instanceof Error ? error.message : String(error)}); it will be retried.`);
  }
  if (response.status === 404) return false;
  if (!response.ok) throw new RegistryUnavailableError(`the npm registry at ${base} answered HTTP ${response.status} for ${name}${response.status === 401 || response.status === 403 ? "; give propagate.token read access to the package" : ""}.`);
  const packument = PackumentSchema.safeParse(await response.json().catch(() => undefined));
  if (!packument.success) throw new RegistryUnavailableError(`the npm registry at ${base} sent a document for ${name} that is not a package document.`);
  return version in packument.data.versions;
}
