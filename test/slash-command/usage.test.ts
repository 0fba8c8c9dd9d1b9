import type { CommandName } from "../../src/slash-command/command";
import { parseCommand } from "../../src/slash-command/parse-command";
import { helpText, invalidCommandReply, USAGE } from "../../src/slash-command/usage";

const ALL: CommandName[] = ["deploy", "rollback", "preview", "preview-destroy", "preview-share", "preview-unshare", "lock", "unlock", "status", "help"];
const SYNTAX: Record<CommandName, string> = {
  deploy: "/deploy [environment]",
  rollback: "/rollback [environment] [to <sha>]",
  preview: "/preview",
  "preview-destroy": "/preview destroy",
  "preview-share": "/preview share [days]",
  "preview-unshare": "/preview unshare",
  lock: "/lock [environment] [reason]",
  unlock: "/unlock [environment]",
  status: "/status",
  help: "/help",
};

function invalid(body: string) {
  const command = parseCommand(body);
  if (command?.name !== "invalid") throw new Error(`expected ${body} to be invalid`);
  return command;
}

describe("USAGE", () => {
  it.each(ALL)("gives %s one line: its syntax, a dash, what it does", (name) => {
    expect(USAGE[name]).toMatch(new RegExp(`^${SYNTAX[name].replace(/[[\]]/g, "\\$&")} — \\S`));
    expect(USAGE[name]).not.toContain("\n");
  });

  it("names the default environment of /deploy", () => {
    expect(USAGE.deploy).toContain("default: the first non-production environment");
  });
});

describe("helpText", () => {
  const text = helpText({
    environments: [
      { name: "production", permission: "maintain", branch: "main", requireChecks: true },
      { name: "staging", permission: "write", requireChecks: false },
      { name: "eu.docs", permission: "admin", branch: "release|docs", requireChecks: false },
    ],
    defaultDeployEnvironment: "staging",
  });

  it.each(ALL)("lists the %s command", (name) => {
    expect(text).toContain(`| \`${SYNTAX[name]}\` |`);
  });

  it.each([
    ["production", "| `production` | `maintain` | push to `main` | required |"],
    ["staging", "| `staging` | `write` | — | not required |"],
    ["eu.docs, escaping the pipe of its branch", "| `eu.docs` | `admin` | push to `release\\|docs` | not required |"],
  ])("describes the environment %s: permission, auto-deploy branch, checks", (_, row) => {
    expect(text.split("\n")).toContain(row);
  });

  it("says which environment /deploy uses by default", () => {
    expect(text).toContain("head commit (default: `staging`)");
  });

  it("says that unlisted environments need write permission", () => {
    expect(text).toContain("Environments not listed here may be deployed by anyone with `write` permission.");
  });

  it("explains locks: who may deploy while locked and who may unlock", () => {
    expect(text).toMatch(/### Locks\n\n.*only the person who locked it can deploy or roll it back.*holder or a repository admin can unlock/);
  });

  it("says so when the repository configures no environments, without an empty table", () => {
    const empty = helpText({ environments: [], defaultDeployEnvironment: "staging" });
    expect(empty).toContain("configures no environments: anyone with `write` permission may deploy");
    expect(empty).not.toContain("| environment |");
  });
});

describe("invalidCommandReply", () => {
  it("shows the input, the problem, and the usage of the command concerned only", () => {
    const reply = invalidCommandReply(invalid("/deploy staging now"));
    expect(reply).toContain("Could not run `/deploy staging now`: `/deploy` takes at most one environment; `now` is unexpected.");
    expect(reply).toContain(`- \`${SYNTAX.deploy}\` — `);
    expect(reply).not.toContain("/rollback [environment]");
  });

  it("shows both forms of /preview for a bad /preview", () => {
    const reply = invalidCommandReply(invalid("/preview please"));
    expect(reply).toContain("- `/preview` — ");
    expect(reply).toContain("- `/preview destroy` — ");
    expect(reply).not.toContain("/deploy [environment]");
  });

  it("finds the command concerned whatever its case", () => {
    expect(invalidCommandReply(invalid("/ROLLBACK to xyz!"))).toContain(`- \`${SYNTAX.rollback}\` — `);
  });

  it.each(ALL)("lists every command, %s included, when the word itself was unknown", (name) => {
    const reply = invalidCommandReply(invalid("/deplyo staging"));
    expect(reply).toContain("did you mean `/deploy`?");
    expect(reply).toContain(`- \`${SYNTAX[name]}\` — `);
  });

  it("quotes input containing backticks as code that cannot end early", () => {
    expect(invalidCommandReply(invalid("/deploy `x` @everyone"))).toContain("Could not run ``/deploy `x` @everyone``:");
  });
});
