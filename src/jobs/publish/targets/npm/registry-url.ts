/** The registry's base URL with exactly one trailing slash, so paths resolve under it. */
export function registryBase(registry: string): string {
  return `${registry.replace(/\/+$/, "")}/`;
}

/** A package name as it appears in registry paths: `@scope/name` → `@scope%2fname`. */
export function escapedName(name: string): string {
  return name.startsWith("@") ? name.replace("/", "%2f") : name;
}

/** Where people see a published version: its page on the public registry's site, else its document on the registry. */
export function versionLink(registry: string, name: string, version: string): string {
  const base = registryBase(registry);
  if (new URL(base).hostname === "registry.npmjs.org") return `https://www.npmjs.com/package/${name}/v/${version}`;
  return `${base}${escapedName(name)}/${encodeURIComponent(version)}`;
}
