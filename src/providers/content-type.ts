import { contentType } from "mime-types";
import { posix } from "node:path";

const FALLBACK = "application/octet-stream";

/**
 * The Content-Type a site file is served with, from its name: `text/html; charset=utf-8`,
 * `image/png`, and `application/octet-stream` for unknown or missing extensions (never a text
 * type, which a browser might render). Text types carry `charset=utf-8`, the encoding of
 * nearly every committed web file, so browsers do not guess.
 */
export function contentTypeFor(path: string): string {
  // mime-types reads anything containing a slash as a type, not a name: pass the file name only.
  const name = posix.basename(path);
  // Without a dot, mime-types would read a whole name such as `html` as an extension.
  if (!name.includes(".")) return FALLBACK;
  return contentType(name) || FALLBACK;
}
