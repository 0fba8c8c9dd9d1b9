/**
 * One way a secret can appear in text: `text` itself, plus up to `eatBefore` / `eatAfter`
 * adjacent base64 characters that also encode part of it (the partial groups at either end of
 * a base64 encoding that starts or ends inside the secret).
 */
export interface MaskedForm {
  text: string;
  eatBefore: number;
  eatAfter: number;
}

/** Derived forms shorter than this are not masked on their own: they would match ordinary text. */
export const MIN_DERIVED_LENGTH = 8;

/**
 * The forms a secret takes in what Slipway writes: as is, JSON-escaped (inside a JSON body or
 * log line, once or twice), URL-encoded (in a query or a URL's user info, `%XX` and form `+`
 * spellings), and base64-encoded at each of the three alignments it can have inside a longer
 * encoded text (Basic auth's `user:token`, a committed file's content), standard and URL-safe.
 */
export function maskedForms(value: string): MaskedForm[] {
  const plain = (text: string): MaskedForm => ({ text, eatBefore: 0, eatAfter: 0 });
  const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);
  const forms = [
    plain(value),
    plain(jsonEscaped(value)),
    // A JSON body quoted in a JSON log line is escaped twice.
    plain(jsonEscaped(jsonEscaped(value))),
    plain(encodeURIComponent(value)),
    plain(new URLSearchParams({ v: value }).toString().slice(2)),
    ...base64Forms(value),
  ];
  const seen = new Set<string>();
  return forms.filter((form) => {
    if (form.text === "" || seen.has(form.text)) return false;
    seen.add(form.text);
    return form.text === value || form.text.length >= MIN_DERIVED_LENGTH;
  });
}

function base64Forms(value: string): MaskedForm[] {
  const bytes = Buffer.from(value, "utf8");
  return [0, 1, 2].flatMap((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString("base64").replace(/=+$/, "");
    const total = offset + bytes.length;
    const remainder = total % 3;
    // Characters that depend on the secret's bytes alone: from the first whole group (the one
    // holding the `offset` bytes before it is shared with them) to the last character that
    // holds no bit of whatever follows.
    const start = offset === 0 ? 0 : 4;
    const end = 4 * Math.floor(total / 3) + remainder;
    const core = encoded.slice(start, end);
    if (core.length === 0) return [];
    const form = { eatBefore: start, eatAfter: remainder === 0 ? 0 : 4 - remainder };
    return [
      { text: core, ...form },
      { text: core.replace(/\+/g, "-").replace(/\//g, "_"), ...form },
    ];
  });
}
