import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import {
  configJsonSchema,
  configurationDoc,
  generatedFiles,
  undocumentedKeys,
  UndocumentedKeyError,
} from "../../scripts/json-schema";

const root = join(__dirname, "..", "..");

describe("generated configuration schema and reference page", () => {
  it.each(generatedFiles().map(({ path, contents }) => [path, contents]))(
    "committed %s matches src/config/slipway-config.ts (regenerate with `npm run schema`)",
    (path, contents) => {
      expect(readFileSync(join(root, path), "utf8")).toBe(contents);
    },
  );

  it("describes every key of .github/slipway.yml", () => {
    expect(undocumentedKeys(configJsonSchema())).toEqual([]);
  });

  it("names the keys that lack a description, down to map entries", () => {
    const schema = z.toJSONSchema(
      z
        .object({
          documented: z.string().describe("Has a description."),
          bare: z.object({ inner: z.boolean() }),
          named: z.record(z.string(), z.object({ leaf: z.number() })).describe("A map."),
        })
        .describe("Root."),
    );

    expect(undocumentedKeys(schema)).toEqual(["bare", "bare.inner", "named.<name>", "named.<name>.leaf"]);
    expect(() => configurationDoc(schema)).toThrow(UndocumentedKeyError);
  });

  it("lets editors accept a file that leaves out every key with a default", () => {
    const schema = configJsonSchema();

    expect(schema.required ?? []).toEqual([]);
    const preview = schema.properties?.preview;
    expect(typeof preview === "object" && (preview.required ?? [])).toEqual([]);
  });

  it("offers the defaults of normalised keys, such as preview.source.dir", () => {
    const preview = configJsonSchema().properties?.preview;
    const source = typeof preview === "object" ? preview.properties?.source : undefined;
    const dir = typeof source === "object" ? source.properties?.dir : undefined;

    expect(typeof dir === "object" && dir.default).toBe("public");
  });

  it("documents each section's keys with their type and default", () => {
    const doc = configurationDoc(configJsonSchema());

    expect(doc).toContain("| `preview.ttl_days` | integer, 1–365 | `7` |");
    expect(doc).toContain("| `environments.<name>.permission` | one of `read`, `triage`, `write`, `maintain`, `admin` | `\"write\"` |");
  });
});
