import PackageJson from "@npmcli/package-json";
import { access } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { TargetConfigError } from "../common/target-errors";

const IdentitySchema = z.object({ name: z.string().min(1), version: z.string().min(1) });

export interface PackageManifest {
  name: string;
  version: string;
  /** The whole document npm would publish for this version. */
  content: Record<string, unknown>;
}

/**
 * The manifest npm's client publishes for the package in `root`, read as `npm publish` reads
 * it: for a folder, package.json fixed (`npm pkg fix`) then prepared; for a tarball, prepared
 * (both add `readme`, normalise bins and the like). Only package.json is read: no script runs.
 */
export async function packageManifest(root: string, { fix, what }: { fix: boolean; what: string }): Promise<PackageManifest> {
  // Without package.json the reader would fall back to comments in index.js; npm requires the file.
  await access(join(root, "package.json")).catch(() => {
    throw new TargetConfigError(`${what} has no package.json; point the target at the package's folder.`);
  });
  const pkg = fix ? await PackageJson.fix(root) : await PackageJson.prepare(root);
  const { content } = fix ? await pkg.prepare() : pkg;
  const identity = IdentitySchema.safeParse(content);
  if (!identity.success) throw new TargetConfigError(`the package.json of ${what} has no name or no version; npm needs both to publish.`);
  return { ...identity.data, content };
}
