/** What a distribution's file name says, per the packaging specifications. */
export interface DistFilename {
  kind: "wheel" | "sdist";
  /** The distribution name as written in the file name (`acme_core`). */
  name: string;
  version: string;
  /** The form's `filetype`. */
  filetype: "bdist_wheel" | "sdist";
  /** The form's `pyversion`: the wheel's Python tag (`py3`, `cp312`), `source` for an sdist. */
  pyversion: string;
}

/**
 * Reads a wheel name, `{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl` (the binary
 * distribution format), or a source distribution's, `{name}-{version}.tar.gz` (PEP 625; names
 * from before it may hold more dashes, so the version is what follows the last one). Returns
 * undefined for anything else.
 */
export function parseDistFilename(filename: string): DistFilename | undefined {
  if (filename.endsWith(".whl")) {
    const parts = filename.slice(0, -".whl".length).split("-");
    if (parts.length !== 5 && parts.length !== 6) return undefined;
    const [name, version, ...rest] = parts;
    const python = parts.length === 6 ? rest[1] : rest[0];
    if (!name || !version || !python || parts.some((part) => part === "")) return undefined;
    return { kind: "wheel", name, version, filetype: "bdist_wheel", pyversion: python };
  }
  if (filename.endsWith(".tar.gz")) {
    const stem = filename.slice(0, -".tar.gz".length);
    const dash = stem.lastIndexOf("-");
    const name = stem.slice(0, dash);
    const version = stem.slice(dash + 1);
    if (dash <= 0 || version === "" || !/^\d/.test(version)) return undefined;
    return { kind: "sdist", name, version, filetype: "sdist", pyversion: "source" };
  }
  return undefined;
}

/** A project name normalised as the package index compares names (PEP 503): `Acme_Core` → `acme-core`. */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}
