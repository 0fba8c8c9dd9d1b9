import { createHash } from "node:crypto";
import type { Artifact } from "./common/target";

/**
 * One digest standing for a set of artifacts: the only artifact's own, or for several the
 * `sha256:` of their `SHA256SUMS`-style listing (`<digest>  <name>` lines sorted by name), so
 * the same files always give the same value.
 */
export function combinedDigest(artifacts: readonly Artifact[]): string {
  const [only, ...others] = artifacts;
  if (only && others.length === 0) return only.digest;
  const listing = [...artifacts]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((artifact) => `${artifact.digest.replace(/^sha256:/, "")}  ${artifact.name}\n`)
    .join("");
  return `sha256:${createHash("sha256").update(listing).digest("hex")}`;
}
