import { parseSlipwayConfig } from "../../src/config/slipway-config";
import { criticalPath } from "../../src/jobs/publish/targets/target-graph";
import { configJsonSchema, configurationDoc } from "../../scripts/json-schema";

const npm = { type: "npm", dir: ".", registry: "http://127.0.0.1:4873/", token: "NPM_TOKEN" };
const s3 = { type: "s3", assets: ["*"], bucket: "downloads", region: "us-east-1", access_key_id: "KEY_ID", secret_access_key: "SECRET" };

function problems(publish: unknown) {
  const result = parseSlipwayConfig({ publish });
  return result.ok ? [] : result.problems;
}

describe("publish in .github/slipway.yml", () => {
  it("reads targets with the defaults for concurrency, retries and needs", () => {
    const result = parseSlipwayConfig({ publish: { targets: { npm, mirror: s3 } } });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.config.publish).toMatchObject({ concurrency: 4, retries: 2, targets: { npm: { type: "npm", needs: [] }, mirror: { type: "s3", needs: [] } } });
  });

  it("leaves publish unset when the file has none", () => {
    const result = parseSlipwayConfig({});
    expect(result.ok && result.config.publish).toBeUndefined();
  });

  it("reports a need that is not a target, at the entry of needs, naming the targets there are", () => {
    expect(problems({ targets: { npm: { ...npm, needs: ["mirorr"] }, mirror: s3 } })).toEqual([
      { key: "publish.targets.npm.needs.0", message: "names mirorr, which is not a target under publish.targets (targets: npm, mirror)" },
    ]);
  });

  it("reports a target that needs itself", () => {
    expect(problems({ targets: { npm: { ...npm, needs: ["npm"] } } })).toEqual([
      { key: "publish.targets.npm.needs.0", message: "target npm needs itself; remove npm from its own needs" },
    ]);
  });

  it("reports a cycle once, naming every target in it", () => {
    const found = problems({ targets: { a: { ...npm, needs: ["c"] }, b: { ...s3, needs: ["a"] }, c: { ...s3, needs: ["b"] }, d: { ...s3, needs: ["a"] } } });
    expect(found).toEqual([{ key: "publish.targets.a.needs", message: expect.stringMatching(/^the targets a → c → b → a need each other in a circle/) }]);
  });

  it("reports a bad asset glob and an unknown target type", () => {
    expect(problems({ targets: { mirror: { ...s3, assets: ["[abc"] } } })).toEqual([
      { key: "publish.targets.mirror.assets.0", message: "is not a valid glob (check its brackets and braces)" },
    ]);
    expect(problems({ targets: { x: { type: "cargo" } } })[0]?.key).toBe("publish.targets.x.type");
  });

  it("refuses a concurrency of 0", () => {
    expect(problems({ concurrency: 0, targets: {} })[0]?.key).toBe("publish.concurrency");
  });
});

describe("the configuration reference", () => {
  it("lists each target type's keys, saying which type has them", () => {
    const doc = configurationDoc(configJsonSchema());
    expect(doc).toContain("| `publish.targets.<name>` | object, by `type` (keys below) |");
    expect(doc).toMatch(/\| `publish\.targets\.<name>\.bucket` \| string \| — \| The bucket to upload into\. With `type: s3`\. \|/);
    expect(doc).toMatch(/\| `publish\.targets\.<name>\.tap` \| string \| — \| .* With `type: homebrew`\. \|/);
  });
});

describe("criticalPath", () => {
  it("is the longest chain of needs by duration", () => {
    const targets = { npm: { needs: [] }, pypi: { needs: [] }, mirror: { needs: [] }, homebrew: { needs: ["mirror"] } };
    const durations: Record<string, number> = { npm: 300, pypi: 200, mirror: 250, homebrew: 150 };
    expect(criticalPath(targets, (name) => durations[name] ?? 0)).toBe(400);
  });
});
