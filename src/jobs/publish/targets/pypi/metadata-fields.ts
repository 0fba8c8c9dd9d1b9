/**
 * Core metadata headers that may appear more than once, and the upload form's name for each
 * (the names twine sends).
 */
const MULTIPLE: Record<string, string> = {
  classifier: "classifiers",
  platform: "platform",
  "supported-platform": "supported_platform",
  "requires-dist": "requires_dist",
  "provides-dist": "provides_dist",
  "obsoletes-dist": "obsoletes_dist",
  "requires-external": "requires_external",
  "project-url": "project_urls",
  "provides-extra": "provides_extras",
  dynamic: "dynamic",
  "license-file": "license_files",
  requires: "requires",
  provides: "provides",
  obsoletes: "obsoletes",
};

/** Headers whose form name is not simply the header's, lowercased, with `-` as `_`. */
const RENAMED: Record<string, string> = { "home-page": "home_page", "download-url": "download_url" };

/**
 * The upload form's metadata fields from a METADATA / PKG-INFO file (core metadata: email-style
 * headers, continuation lines indented, then the description as the body), in order, as
 * [field, value] pairs; fields that may repeat appear once per value.
 */
export function metadataFields(text: string): [string, string][] {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const headers: [string, string][] = [];
  let index = 0;
  for (; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (line === "") break;
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && last) {
      // A folded header (older tools fold the Description with "        |").
      last[1] += `\n${line.replace(/^ {7,8}\|/, "").replace(/^[ \t]+/, "")}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const body = lines.slice(index + 1).join("\n");

  const fields: [string, string][] = [];
  for (const [header, value] of headers) {
    const key = header.toLowerCase();
    if (value === "" || value === "UNKNOWN") continue;
    fields.push([MULTIPLE[key] ?? RENAMED[key] ?? key.replace(/-/g, "_"), value]);
  }
  if (body.trim() !== "" && !fields.some(([field]) => field === "description")) fields.push(["description", body]);
  return fields;
}

/** The first value of a field, e.g. `name` or `version`. */
export function fieldValue(fields: readonly [string, string][], field: string): string | undefined {
  return fields.find(([name]) => name === field)?.[1];
}
