/** The formula cannot be rewritten safely; the message says why. */
export class FormulaShapeError extends Error {
  override name = "FormulaShapeError";
}

export interface FormulaRelease {
  url: string;
  sha256: string;
  version: string;
}

/** What the formula says now, from its top-level `url`, `sha256` and `version` lines. */
export interface FormulaState {
  url: string;
  sha256: string;
  version?: string;
}

interface Stanza {
  /** Index of the line. */
  line: number;
  /** The line up to the opening quote, the value, and the rest after the closing quote. */
  before: string;
  value: string;
  after: string;
}

/**
 * Finds the top-level `url`, `sha256` and (optional) `version` stanzas of a formula: the lines
 * indented as the class body's first statement, so the ones inside `bottle`, `resource`,
 * `on_macos` or `stable` blocks (indented deeper) are never taken for them.
 */
function stanzas(text: string): { lines: string[]; url: Stanza; sha256: Stanza; version?: Stanza } {
  const lines = text.split("\n");
  const classLine = lines.findIndex((line) => /^\s*class\s+\w+\s*<\s*Formula\b/.test(line));
  if (classLine < 0) throw new FormulaShapeError("it has no `class … < Formula` line");
  const first = lines.slice(classLine + 1).find((line) => line.trim() !== "" && !line.trim().startsWith("#"));
  const indent = /^[ \t]*/.exec(first ?? "")?.[0] ?? "";
  if (indent === "") throw new FormulaShapeError("its class has an empty or unindented body");

  const found: Record<string, Stanza[]> = { url: [], sha256: [], version: [] };
  lines.forEach((line, index) => {
    if (!line.startsWith(indent) || /^\s/.test(line.slice(indent.length))) return;
    const match = /^(\s*(url|sha256|version)\s+)"([^"]*)"(.*)$/.exec(line);
    const key = match?.[2];
    if (match && key) found[key]?.push({ line: index, before: match[1] ?? "", value: match[3] ?? "", after: match[4] ?? "" });
  });
  const one = (key: string, required: boolean): Stanza | undefined => {
    const list = found[key] ?? [];
    if (list.length > 1) throw new FormulaShapeError(`it has ${list.length} top-level \`${key}\` lines`);
    if (required && list.length === 0) {
      throw new FormulaShapeError(`it has no top-level \`${key} "…"\` line (a formula whose download is inside a \`stable\` or per-platform block cannot be rewritten)`);
    }
    return list[0];
  };
  const url = one("url", true);
  const sha256 = one("sha256", true);
  const version = one("version", false);
  if (!url || !sha256) throw new FormulaShapeError("it has no top-level url and sha256");
  return { lines, url, sha256, ...(version ? { version } : {}) };
}

/** The formula's current top-level url, sha256 and version. */
export function readFormula(text: string): FormulaState {
  const { url, sha256, version } = stanzas(text);
  return { url: url.value, sha256: sha256.value, ...(version ? { version: version.value } : {}) };
}

/**
 * The formula with its top-level `url` and `sha256` (and `version`, when it has one) set for a
 * release, everything else — comments, other stanzas, blocks, options after the url such as
 * `using:` — as it was.
 */
export function rewriteFormula(text: string, release: FormulaRelease): string {
  const { lines, url, sha256, version } = stanzas(text);
  const set = (stanza: Stanza, value: string) => {
    lines[stanza.line] = `${stanza.before}"${value}"${stanza.after}`;
  };
  set(url, release.url);
  set(sha256, release.sha256);
  if (version) set(version, release.version);
  return lines.join("\n");
}
