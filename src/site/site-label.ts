import { createHash } from "node:crypto";

/** DNS allows 63 characters in one label. */
export const MAX_LABEL_LENGTH = 63;
/** Between the parts of a label; never inside a part, so the parts read back unambiguously. */
const SEPARATOR = "--";
/** Ends the readable part of a shortened label. Never in a plain label: no part starts or ends with `-`. */
const HASH_MARK = "---";
const HASH_LENGTH = 16;
/** A part as a plain label carries it: lower-case letters and digits, single hyphens between them. */
const PART = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The environment a host label names: read from the label itself, or (`hashed`) to be looked up. */
export type ParsedSiteLabel = { kind: "plain"; owner: string; repo: string; environment: string } | { kind: "hashed"; label: string };

/**
 * The host label of an environment's own origin: `<environment>--<repo>--<owner>`, in lower
 * case. When that is not a valid, unambiguous label (longer than 63 characters; a part with
 * `.`, `_`, `--` or an upper-case environment name, which environments tell apart), it is
 * shortened: a readable prefix, `---` and 16 base32 characters of a SHA-256 of the exact names.
 * Such a label does not read back by itself; {@link parseSiteLabel} says so, and the deploy
 * records it (see `SiteHostStore`).
 */
export function siteLabel(owner: string, repo: string, environment: string): { label: string; hashed: boolean } {
  const parts = [environment, repo.toLowerCase(), owner.toLowerCase()];
  const plain = parts.join(SEPARATOR);
  if (environment === environment.toLowerCase() && parts.every((part) => PART.test(part)) && plain.length <= MAX_LABEL_LENGTH) {
    return { label: plain, hashed: false };
  }
  const readable = plain
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_LABEL_LENGTH - HASH_MARK.length - HASH_LENGTH)
    .replace(/^-+|-+$/g, "");
  return { label: `${readable || "site"}${HASH_MARK}${hashOf(parts[2] ?? "", parts[1] ?? "", environment)}`, hashed: true };
}

/**
 * Reads a host label back: the environment of a plain label, `hashed` for a shortened one, or
 * undefined when the label names no environment at all.
 */
export function parseSiteLabel(label: string): ParsedSiteLabel | undefined {
  const lower = label.toLowerCase();
  if (lower.length === 0 || lower.length > MAX_LABEL_LENGTH) return undefined;
  if (lower.includes(HASH_MARK)) {
    return new RegExp(`^[a-z0-9][a-z0-9-]*${HASH_MARK}[a-z2-7]{${HASH_LENGTH}}$`).test(lower) ? { kind: "hashed", label: lower } : undefined;
  }
  const parts = lower.split(SEPARATOR);
  const [environment, repo, owner] = parts;
  if (parts.length !== 3 || !environment || !repo || !owner || !parts.every((part) => PART.test(part))) return undefined;
  return { kind: "plain", owner, repo, environment };
}

/** RFC 4648 base32 in lower case: letters and digits only, as a host label needs. */
function hashOf(owner: string, repo: string, environment: string): string {
  const digest = createHash("sha256").update(`${owner}/${repo}/${environment}`).digest();
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < HASH_LENGTH) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= 0xff;
  }
  return out;
}
