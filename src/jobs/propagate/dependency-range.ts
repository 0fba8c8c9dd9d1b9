import { z } from "zod";

const SECTIONS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] as const;

const ManifestSchema = z.object(Object.fromEntries(SECTIONS.map((section) => [section, z.record(z.string(), z.string()).optional()])));

/** The range a package.json gives `name` (the first section naming it), or undefined. */
export function dependencyRange(packageJson: string, name: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(packageJson);
  } catch {
    return undefined;
  }
  const manifest = ManifestSchema.safeParse(parsed);
  if (!manifest.success) return undefined;
  for (const section of SECTIONS) {
    const range = manifest.data[section]?.[name];
    if (range !== undefined) return range;
  }
  return undefined;
}

/**
 * package.json with every range of `name` replaced, editing the text so the file keeps its
 * formatting, key order and final newline.
 */
export function replaceRange(packageJson: string, name: string, from: string, to: string): string {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return packageJson.replace(new RegExp(`("${escape(name)}"\\s*:\\s*)"${escape(from)}"`, "g"), (_match, key: string) => `${key}"${to}"`);
}
