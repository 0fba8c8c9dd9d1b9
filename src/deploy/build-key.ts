import { createHash } from "node:crypto";

/**
 * Builds are keyed by commit and source: the same commit from another folder (or another
 * kind of source) is another build. `sourceKey` is the provider's identity of the source.
 */
export function buildKeyFor(sha: string, sourceKey: string): string {
  const sourceHash = createHash("sha256").update(sourceKey).digest("hex").slice(0, 8);
  return `${sha}-${sourceHash}`;
}
