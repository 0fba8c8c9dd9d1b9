import { maskedForms, MIN_DERIVED_LENGTH, type MaskedForm } from "./masked-forms";

/** What a secret is replaced with. */
export const MASK = "***";

const BASE64_CHAR = /[A-Za-z0-9+/=_-]/;

/**
 * Knows the secret values opened in this process and masks them: each occurrence of a value,
 * or of its JSON-escaped, URL-encoded or base64-encoded form, becomes `***`. Overlapping
 * matches of several secrets are masked as one stretch, so no part of either is left; a line
 * that starts with the end of a secret, or ends with its start (text cut to a limit), has that
 * piece masked too.
 */
export class Redactor {
  readonly #values = new Set<string>();
  #forms: MaskedForm[] = [];

  /** Registers a secret value; every later `mask` replaces it. */
  register(value: string): void {
    if (value === "" || this.#values.has(value)) return;
    this.#values.add(value);
    const known = new Set(this.#forms.map((form) => form.text));
    // Longest first, so the longest form claims an overlap (the stretches are merged anyway).
    this.#forms = [...this.#forms, ...maskedForms(value).filter((form) => !known.has(form.text))].sort((a, b) => b.text.length - a.text.length);
  }

  /** How many secret values are registered. */
  get size(): number {
    return this.#values.size;
  }

  /** `text` with every registered secret, in any of its forms, replaced by `***`. */
  mask(text: string): string {
    if (this.#forms.length === 0 || text === "") return text;
    const stretches: [number, number][] = [];
    for (const form of this.#forms) {
      for (let at = text.indexOf(form.text); at !== -1; at = text.indexOf(form.text, at + 1)) {
        stretches.push([eat(text, at, -form.eatBefore), eat(text, at + form.text.length, form.eatAfter)]);
      }
    }
    stretches.push(...this.#cutPieces(text));
    if (stretches.length === 0) return text;

    stretches.sort((a, b) => a[0] - b[0]);
    let masked = "";
    let done = 0;
    let [start, end] = stretches[0] as [number, number];
    for (const [nextStart, nextEnd] of stretches.slice(1)) {
      if (nextStart <= end) {
        end = Math.max(end, nextEnd);
        continue;
      }
      masked += text.slice(done, start) + MASK;
      done = end;
      [start, end] = [nextStart, nextEnd];
    }
    return masked + text.slice(done, start) + MASK + text.slice(end);
  }

  /**
   * A copy of `value` with every string in it masked: plain objects and arrays are walked,
   * anything else (numbers, dates, buffers, streams) is returned as it is.
   */
  maskDeep<T>(value: T): T {
    return this.#maskUnknown(value) as T;
  }

  #maskUnknown(value: unknown): unknown {
    if (typeof value === "string") return this.mask(value);
    if (Array.isArray(value)) return value.map((item) => this.#maskUnknown(item));
    if (isPlainObject(value)) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.#maskUnknown(item)]));
    }
    return value;
  }

  /**
   * Pieces of a secret left at the edges of lines by a cut: a line that starts with the last
   * characters of a secret or ends with its first ones (at least {@link MIN_DERIVED_LENGTH}).
   */
  #cutPieces(text: string): [number, number][] {
    const pieces: [number, number][] = [];
    const forms = this.#forms.filter((form) => form.text.length > MIN_DERIVED_LENGTH && form.eatBefore === 0 && form.eatAfter === 0);
    if (forms.length === 0) return pieces;
    let lineStart = 0;
    while (lineStart <= text.length) {
      const newline = text.indexOf("\n", lineStart);
      const lineEnd = newline === -1 ? text.length : newline;
      const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
      for (const { text: secret } of forms) {
        const head = longestSecretEndAtStart(line, secret);
        if (head > 0) pieces.push([lineStart, lineStart + head]);
        const tail = longestSecretStartAtEnd(line, secret);
        if (tail > 0) pieces.push([lineStart + line.length - tail, lineStart + line.length]);
      }
      if (newline === -1) break;
      lineStart = newline + 1;
    }
    return pieces;
  }
}

/** Moves `from` by up to `count` base64 characters (backwards when negative). */
function eat(text: string, from: number, count: number): number {
  let at = from;
  const step = Math.sign(count);
  for (let left = Math.abs(count); left > 0; left -= 1) {
    const next = step < 0 ? at - 1 : at;
    if (next < 0 || next >= text.length || !BASE64_CHAR.test(text.charAt(next))) break;
    at += step;
  }
  return at;
}

/** Length of the longest proper suffix of `secret` (at least the minimum) that `line` starts with. */
function longestSecretEndAtStart(line: string, secret: string): number {
  const anchor = secret.slice(-MIN_DERIVED_LENGTH);
  let best = 0;
  for (let at = line.indexOf(anchor); at !== -1 && at + MIN_DERIVED_LENGTH < secret.length; at = line.indexOf(anchor, at + 1)) {
    const length = at + MIN_DERIVED_LENGTH;
    if (secret.endsWith(line.slice(0, length))) best = length;
  }
  return best;
}

/** Length of the longest proper prefix of `secret` (at least the minimum) that `line` ends with. */
function longestSecretStartAtEnd(line: string, secret: string): number {
  const anchor = secret.slice(0, MIN_DERIVED_LENGTH);
  const from = Math.max(0, line.length - secret.length + 1);
  for (let at = line.indexOf(anchor, from); at !== -1; at = line.indexOf(anchor, at + 1)) {
    if (secret.startsWith(line.slice(at))) return line.length - at;
  }
  return 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
