import { readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";

const text = readFileSync(join(__dirname, "..", "..", "app.yml"), "utf8");
const manifest = yaml.load(text) as { default_events: string[]; default_permissions: Record<string, string> };

/** The comment lines right above a line of app.yml that starts with `entry` (after indentation). */
function commentAbove(entry: string): string {
  const lines = text.split("\n");
  const at = lines.findIndex((line) => line.trim() === entry || line.trim().startsWith(`${entry}:`) || line.trim() === `- ${entry}`);
  const comments: string[] = [];
  for (let index = at - 1; index >= 0 && lines[index]!.trim().startsWith("#"); index--) comments.unshift(lines[index]!.trim().slice(1).trim());
  return comments.join(" ");
}

describe("app.yml", () => {
  it("asks for the events of today's features and of the ones being built", () => {
    expect(manifest.default_events).toEqual(["pull_request", "issue_comment", "push", "release", "workflow_run", "deployment_status", "check_run"]);
  });

  it("asks for each permission at the level its features need, no more", () => {
    expect(manifest.default_permissions).toEqual({
      contents: "write",
      pull_requests: "write",
      checks: "write",
      deployments: "write",
      statuses: "read",
      actions: "read",
      metadata: "read",
    });
  });

  it.each([...Object.keys(manifest.default_permissions), ...manifest.default_events])("says which feature uses %s", (entry) => {
    expect(commentAbove(entry).length).toBeGreaterThan(20);
  });
});
