import { z } from "zod";
import { TargetCredentialsError, TargetUnavailableError } from "../common/target-errors";
import { registryGet } from "./registry-request";
import { escapedName, registryBase } from "./registry-url";

/** The parts of a package's registry document (its "packument") that tell what is published. */
export const PackumentSchema = z.object({
  versions: z
    .record(
      z.string(),
      z.object({
        dist: z.object({ integrity: z.string().optional(), shasum: z.string().optional() }).optional(),
        /** The deprecation message, when the version is deprecated. */
        deprecated: z.union([z.string(), z.boolean()]).optional(),
      }),
    )
    .default({}),
  /** Publication times by version; also `created`, `modified`, and `unpublished` when the whole package was. */
  time: z.record(z.string(), z.unknown()).default({}),
  "dist-tags": z.record(z.string(), z.string()).default({}),
});

export type Packument = z.output<typeof PackumentSchema>;

/**
 * The full registry document of `name` (`Accept: application/json`, which includes `time`),
 * or undefined when the registry has never heard of the package.
 */
export async function fetchPackument(registry: string, name: string, token: string): Promise<Packument | undefined> {
  const base = registryBase(registry);
  const response = await registryGet(new URL(escapedName(name), base).href, token, `the package ${name}`);
  if (response.status === 404) return undefined;
  if (response.status === 401 || response.status === 403) {
    throw new TargetCredentialsError(`the npm registry at ${base} refused to show the package ${name} (HTTP ${response.status}); give the token read and publish rights on it.`);
  }
  if (!response.ok) throw new TargetUnavailableError(`the npm registry at ${base} answered HTTP ${response.status} for the package ${name}; it will be retried.`);
  const packument = PackumentSchema.safeParse(await response.json().catch(() => undefined));
  if (!packument.success) throw new TargetUnavailableError(`the npm registry at ${base} sent a document for ${name} that is not a package document; it will be retried.`);
  return packument.data;
}
