import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { publish } from "libnpmpublish";
import { redactSecrets } from "../common/redact-secrets";
import { TargetConfigError, TargetConflictError, TargetCredentialsError, TargetRejectedError, TargetUnavailableError } from "../common/target-errors";
import { registryBase } from "./registry-url";

export interface PackageToPublish {
  name: string;
  version: string;
  manifest: Record<string, unknown>;
  tarball: Buffer;
}

export interface PublishSettings {
  registry: string;
  token: string;
  /** The token's secret name, for messages. */
  secretName: string;
  distTag: string;
  access: "public" | "restricted" | undefined;
}

/**
 * PUTs the package document as npm's client does, through libnpmpublish (the library `npm
 * publish` calls): the manifest with `dist.integrity` and `dist.shasum`, the dist-tag, the
 * access level, and the tarball as a base64 attachment. The registry's refusals become the
 * target's error classes; nothing in them can hold the token.
 */
export async function publishPackage(pkg: PackageToPublish, settings: PublishSettings): Promise<void> {
  const base = registryBase(settings.registry);
  try {
    await publish(pkg.manifest, pkg.tarball, {
      registry: base,
      forceAuth: { token: settings.token },
      // null leaves the registry's default (public, or restricted for a new scoped package), as npm does.
      access: settings.access ?? null,
      defaultTag: settings.distTag,
      timeout: 5 * 60_000,
      // Node's own agent for this one request, rather than npm's pooled, proxy-aware one: a job
      // reads no npm proxy settings, and npm's agent hands sockets over in a way HTTP
      // interceptors (the tests' GitHub mock) cannot pass through.
      agent: base.startsWith("https:") ? new HttpsAgent() : new HttpAgent(),
    });
  } catch (error) {
    throw publishError(error, pkg, settings, base);
  }
}

function publishError(error: unknown, pkg: PackageToPublish, settings: PublishSettings, base: string): Error {
  const id = `${pkg.name}@${pkg.version}`;
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  const status = typeof error === "object" && error !== null && "statusCode" in error && typeof error.statusCode === "number" ? error.statusCode : undefined;
  const said = redactSecrets(error instanceof Error ? error.message : String(error), { token: settings.token }).replace(/\s+/g, " ").trim();
  if (code === "EPRIVATE") return new TargetConfigError(`${id} is marked "private" in its package.json, so it is never published; remove "private" or the npm target.`);
  if (code === "EUNSCOPED") return new TargetConfigError(`${id} is not scoped, so its access cannot be "restricted"; set access to public.`);
  if (status === 401) return new TargetCredentialsError(`the npm registry at ${base} refused the token in ${settings.secretName} when publishing ${id}: ${said}`);
  if (status === 409 || (status === 403 && /previously published|cannot publish over|cannot modify pre-existing/i.test(said))) {
    return new TargetConflictError(`the npm registry at ${base} already has ${id} and refused to replace it: ${said}. Release a new version.`);
  }
  if (status === 403) return new TargetCredentialsError(`the npm registry at ${base} does not let the token in ${settings.secretName} publish ${id}: ${said}`);
  if (status !== undefined && status >= 500) return new TargetUnavailableError(`the npm registry at ${base} failed while publishing ${id} (${said}); it will be retried.`);
  if (status !== undefined) return new TargetRejectedError(`the npm registry at ${base} refused ${id}: ${said}`);
  return new TargetUnavailableError(`publishing ${id} to the npm registry at ${base} failed (${said}); it will be retried.`);
}
