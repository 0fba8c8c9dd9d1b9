/**
 * Generates, from the zod schema of `.github/slipway.yml` (the one source of truth), the JSON
 * Schema editors use to complete and check the file, and the reference page of every key.
 * `npm run schema` writes both; test/config/schema-docs.test.ts fails when the committed copies
 * fall out of step.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { SlipwayConfigSchema } from "../src/config/slipway-config";

export type JsonSchema = z.core.JSONSchema.JSONSchema;

export interface GeneratedFile {
  /** Relative to the repository root, `/`-separated. */
  path: string;
  contents: string;
}

export const SCHEMA_FILE = "schema/slipway.schema.json";
export const DOC_FILE = "docs/configuration.md";

/** Placeholder for a map's own keys in dotted paths, e.g. `environments.<name>.branch`. */
const ENTRY = "<name>";

/**
 * Raised when the zod schema has a key without `.describe()`: the reference page would have a
 * blank line for it.
 */
export class UndocumentedKeyError extends Error {
  override name = "UndocumentedKeyError";
}

/** The JSON Schema of what a user may write (`io: "input"`: keys with defaults are optional). */
export function configJsonSchema(): JsonSchema {
  return z.toJSONSchema(SlipwayConfigSchema, { io: "input", override: restoreInputDefault });
}

/**
 * zod leaves defaults out of the input schema wherever a transform is involved, since a default
 * is an output value. Slipway's transforms only normalise (`./public/` becomes `public`), so a
 * default that parses to itself is a valid input too: keep it, so editors can show it.
 */
function restoreInputDefault({ zodSchema, jsonSchema }: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }): void {
  if (!(zodSchema instanceof z.core.$ZodDefault) || jsonSchema.default !== undefined) return;
  const value: unknown = zodSchema._zod.def.defaultValue;
  const parsed = z.safeParse(zodSchema, value);
  if (parsed.success && isDeepStrictEqual(parsed.data, value)) jsonSchema.default = structuredClone(value);
}

interface KeyRow {
  key: string;
  schema: JsonSchema;
  /** Extra sentence for the description, e.g. the naming rule of a map's keys. */
  note?: string;
}

/** Every key below `schema`, depth first, in declaration order, with its dotted path. */
function keyRows(schema: JsonSchema, prefix: string): KeyRow[] {
  const rows: KeyRow[] = [];
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    if (typeof child !== "object") continue;
    const key = prefix ? `${prefix}.${name}` : name;
    rows.push({ key, schema: child }, ...keyRows(child, key));
  }
  const entry = schema.additionalProperties;
  if (typeof entry === "object") {
    const key = `${prefix}.${ENTRY}`;
    const names = schema.propertyNames;
    const note = typeof names === "object" && names.pattern ? `Names match \`${names.pattern}\`.` : undefined;
    rows.push({ key, schema: entry, ...(note && { note }) }, ...keyRows(entry, key));
  }
  // A union told apart by `type` (publish targets): each variant's keys, saying which type has them.
  for (const variant of schema.oneOf ?? []) {
    if (typeof variant !== "object") continue;
    const tag = variant.properties?.type;
    const which = typeof tag === "object" && typeof tag.const === "string" ? `With \`type: ${tag.const}\`.` : undefined;
    for (const row of keyRows(variant, prefix)) rows.push({ ...row, ...(which && { note: [which, row.note].filter(Boolean).join(" ") }) });
  }
  return rows;
}

/** Dotted paths of every key (the root included, as `(top level)`) that has no description. */
export function undocumentedKeys(schema: JsonSchema): string[] {
  const missing = schema.description?.trim() ? [] : ["(top level)"];
  for (const { key, schema: child } of keyRows(schema, "")) {
    if (!child.description?.trim()) missing.push(key);
  }
  return missing;
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return `one of ${schema.enum.map((value) => `\`${String(value)}\``).join(", ")}`;
  if (schema.type === "object") {
    const entry = schema.additionalProperties;
    return typeof entry === "object" ? `map of name → ${typeof entry.type === "string" ? entry.type : "object"}` : "object";
  }
  if (schema.type === "integer" || schema.type === "number") {
    const { minimum, maximum } = schema;
    if (minimum !== undefined && maximum !== undefined) return `${schema.type}, ${minimum}–${maximum}`;
    if (minimum !== undefined) return `${schema.type}, at least ${minimum}`;
    if (maximum !== undefined) return `${schema.type}, at most ${maximum}`;
  }
  if (schema.oneOf) return "object, by `type` (keys below)";
  if (schema.const !== undefined) return `\`${String(schema.const)}\``;
  return Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any");
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function tableRow({ key, schema, note }: KeyRow): string {
  const fallback = schema.default === undefined ? "—" : `\`${JSON.stringify(schema.default)}\``;
  const description = [schema.description ?? "", note ?? ""].filter(Boolean).join(" ");
  return `| \`${cell(key)}\` | ${cell(typeOf(schema))} | ${cell(fallback)} | ${cell(description)} |`;
}

/** The reference page: one section per top-level key, one table row per key below it. */
export function configurationDoc(schema: JsonSchema): string {
  const undocumented = undocumentedKeys(schema);
  if (undocumented.length > 0) {
    throw new UndocumentedKeyError(
      `These configuration keys have no description; add .describe() in src/config/slipway-config.ts: ${undocumented.join(", ")}`,
    );
  }
  const lines = [
    "<!-- Generated by `npm run schema` from src/config/slipway-config.ts; edit the schema, not this file. -->",
    "",
    "# Configuration",
    "",
    `${schema.description ?? ""} Every key is optional; an absent or empty file means all defaults.`,
    "Unknown keys are errors. An invalid file is reported as a failed `Slipway / config` check run",
    "that names each bad key, and Slipway does nothing else for that commit.",
    "",
    `Editors can check the file against [\`${SCHEMA_FILE}\`](../${SCHEMA_FILE}).`,
  ];
  for (const [name, section] of Object.entries(schema.properties ?? {})) {
    if (typeof section !== "object") continue;
    lines.push(
      "",
      `## \`${name}\``,
      "",
      section.description ?? "",
      "",
      "| Key | Type | Default | Description |",
      "| --- | --- | --- | --- |",
      ...[{ key: name, schema: section }, ...keyRows(section, name)].map(tableRow),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Both generated files, as they should be committed. */
export function generatedFiles(): GeneratedFile[] {
  const schema = configJsonSchema();
  return [
    { path: SCHEMA_FILE, contents: `${JSON.stringify(schema, null, 2)}\n` },
    { path: DOC_FILE, contents: configurationDoc(schema) },
  ];
}

/** Writes the generated files under `root`; returns their paths. */
export function writeGeneratedFiles(root: string): string[] {
  return generatedFiles().map(({ path, contents }) => {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, contents);
    return path;
  });
}

if (require.main === module) {
  for (const path of writeGeneratedFiles(join(__dirname, ".."))) console.log(`wrote ${path}`);
}
