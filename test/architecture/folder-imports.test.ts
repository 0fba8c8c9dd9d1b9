import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative, resolve } from "node:path";

const SRC = resolve(__dirname, "..", "..", "src");

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Every folder of src/ (by path, `.` for src itself) and the folders its files import from, type imports included. */
function folderImports(): Map<string, Set<string>> {
  const imports = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = relative(SRC, dirname(file)) || ".";
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"/gms)) {
      const target = normalize(join(dirname(file), match[1] ?? ""));
      const to = relative(SRC, dirname(`${target}.ts`)) || ".";
      if (to === from) continue;
      imports.set(from, (imports.get(from) ?? new Set()).add(to));
    }
  }
  return imports;
}

describe("the layout of src/", () => {
  it("has no folder that imports another folder which imports it back", () => {
    const imports = folderImports();
    const twoWay = [...imports].flatMap(([from, targets]) => [...targets].filter((to) => from < to && imports.get(to)?.has(from)).map((to) => `${from} <-> ${to}`));
    expect(twoWay).toEqual([]);
  });

  it("keeps the floor everything stands on free of the layers above it", () => {
    const imports = folderImports();
    const floor = ["model", "store", "store/dynamo", "blobs", "queue", "util"];
    const above = /^(jobs|deploy|webhook|worker|runtime|local|report|providers|sweeper|site|cli|\.)(\/|$)/;
    const upward = floor.flatMap((folder) => [...(imports.get(folder) ?? [])].filter((to) => above.test(to)).map((to) => `${folder} -> ${to}`));
    expect(upward).toEqual([]);
  });
});
