import type { Command } from "../../src/slash-command/command";
import { parseCommand } from "../../src/slash-command/parse-command";

describe("parseCommand", () => {
  it.each<[string, string, Command]>([
    ["deploy without an environment", "/deploy", { name: "deploy" }],
    ["deploy to an environment", "/deploy staging", { name: "deploy", environment: "staging" }],
    ["a command word in any case, the environment kept as typed", "/DEPLOY Staging", { name: "deploy", environment: "Staging" }],
    ["environment names with dots, dashes and underscores", "/deploy eu-west_1.prod", { name: "deploy", environment: "eu-west_1.prod" }],
    ["rollback alone", "/rollback", { name: "rollback" }],
    ["rollback of an environment", "/rollback production", { name: "rollback", environment: "production" }],
    ["rollback to a commit", "/rollback to abc1234", { name: "rollback", to: "abc1234" }],
    ["rollback of an environment to a commit", "/rollback production to abc1234", { name: "rollback", environment: "production", to: "abc1234" }],
    ["a full SHA, lowercased", `/rollback production TO ${"ABCDEF0123".repeat(4)}`, { name: "rollback", environment: "production", to: "abcdef0123".repeat(4) }],
    ["preview", "/preview", { name: "preview" }],
    ["preview destroy", "/preview destroy", { name: "preview-destroy" }],
    ["preview destroy in capitals", "/Preview DESTROY", { name: "preview-destroy" }],
    ["preview share", "/preview share", { name: "preview-share" }],
    ["preview share for 14 days", "/preview share 14", { name: "preview-share", days: 14 }],
    ["preview share for 30 days, written 30d", "/preview Share 30d", { name: "preview-share", days: 30 }],
    ["preview unshare", "/preview unshare", { name: "preview-unshare" }],
    ["lock without arguments", "/lock", { name: "lock" }],
    ["lock of an environment", "/lock staging", { name: "lock", environment: "staging" }],
    ["a lock reason as free text", "/lock staging deploy freeze for the release", { name: "lock", environment: "staging", reason: "deploy freeze for the release" }],
    ["a lock reason keeps its punctuation and emoji", "/lock production   waiting on #42 (see @ops). 🧊", { name: "lock", environment: "production", reason: "waiting on #42 (see @ops). 🧊" }],
    ["unlock", "/unlock", { name: "unlock" }],
    ["unlock of an environment", "/unlock staging", { name: "unlock", environment: "staging" }],
    ["status", "/status", { name: "status" }],
    ["help", "/help", { name: "help" }],
    ["help whatever follows it", "/help me please", { name: "help" }],
    ["help with a question mark", "/help?", { name: "help" }],
  ])("reads %s", (_, body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it.each<[string, string, Command]>([
    ["leading blank lines", "\n  \n\t\n/deploy staging", { name: "deploy", environment: "staging" }],
    ["CRLF line endings, later lines ignored", "/deploy staging\r\n\r\n/rollback production\r\nthanks!", { name: "deploy", environment: "staging" }],
    ["old Mac line endings", "\r/status\rmore", { name: "status" }],
    ["tabs and runs of spaces", "/rollback\tproduction  \t to   abc1234", { name: "rollback", environment: "production", to: "abc1234" }],
    ["non-breaking and em spaces", "/deploy\u00a0staging\u2003", { name: "deploy", environment: "staging" }],
    ["up to three spaces of indentation", "   /status", { name: "status" }],
    ["a zero-width space inside the word", "/dep\u200bloy sta\u200bging", { name: "deploy", environment: "staging" }],
    ["a byte order mark", "\ufeff/help", { name: "help" }],
    ["one trailing period", "/deploy staging.", { name: "deploy", environment: "staging" }],
    ["a trailing period straight after the word", "/status.", { name: "status" }],
    ["a trailing period after a SHA", "/rollback to abc1234.", { name: "rollback", to: "abc1234" }],
    ["a trailing period after the locked environment", "/lock staging.", { name: "lock", environment: "staging" }],
    ["emoji after the command", "/deploy staging 🚀🚀", { name: "deploy", environment: "staging" }],
    ["emoji with a skin tone or joiner after the command", "/preview 👍🏽 👩‍🚀", { name: "preview" }],
    ["emoji only after the locked environment", "/lock staging 🔒", { name: "lock", environment: "staging" }],
  ])("tolerates %s", (_, body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["an ordinary comment", "Looks good to me!"],
    ["an empty comment", ""],
    ["a blank comment", " \n\t\r\n\u00a0"],
    ["a command on the second line", "Thanks!\n/deploy staging"],
    ["a quoted command", "> /deploy staging"],
    ["a quote reply followed by a command", "> /deploy staging\n\n/deploy production"],
    ["an indented quote", "  > /deploy"],
    ["a command in a backtick fence", "```\n/deploy staging\n```"],
    ["a command in a tilde fence", "~~~sh\n/deploy staging\n~~~"],
    ["indented code (four spaces)", "    /deploy staging"],
    ["indented code (a tab)", "\t/deploy staging"],
    ["indented code after blank lines", "\n\n    /deploy"],
    ["an inline code span", "`/deploy staging`"],
    ["a slash word that is no command", "/shrug"],
    ["a mention after a slash word", "/cc @someone"],
    ["a path", "/usr/local/bin is on the PATH"],
    ["a path starting with a command word", "/help/faq.md is outdated"],
    ["a path mentioned mid-sentence", "see /usr/local"],
    ["a URL ending in a command word", "https://x/deploy"],
    ["a longer word starting with a command word", "/deployment is broken"],
    ["a hyphenated word starting with a command word", "/deploy-docs"],
    ["a command word followed by digits", "/lock2 staging"],
    ["a lone slash", "/"],
    ["a slash and a number", "/1 of 3"],
    ["a short slash word two edits from a command", "/ok"],
    ["a slash word three edits from a command", "/ship it"],
    ["text before the command", "please /deploy staging"],
  ])("ignores %s", (_, body) => {
    expect(parseCommand(body)).toBeUndefined();
  });

  it.each<[string, string, RegExp]>([
    ["an extra word after the environment", "/deploy staging now", /`\/deploy` takes at most one environment; `now` is unexpected\./],
    ["an environment name with bad characters", "/deploy stag!ng", /`stag!ng` is not an environment name/],
    ["a quoted environment name", '/deploy "staging"', /`"staging"` is not an environment name/],
    ["smart quotes around the environment", "/deploy \u201cstaging\u201d", /is not an environment name/],
    ["a name longer than 63 characters", `/deploy ${"a".repeat(64)}`, /is not an environment name/],
    ["deploying a preview environment", "/deploy pr-12", /`pr-12` is a pull request preview.*`\/preview`/],
    ["rolling back a preview environment", "/rollback pr-7 to abc1234", /`pr-7` is a pull request preview.*`\/rollback`/],
    ["deploying a SHA", "/deploy abc1234", /looks like a commit SHA.*`\/rollback <environment> to abc1234`/],
    ["rollback with `to` and no SHA", "/rollback production to", /`to` needs a commit SHA/],
    ["rollback to something that is not a SHA", "/rollback to xyz!", /`xyz!` is not a commit SHA/],
    ["rollback to a SHA that is too short", "/rollback to abc123", /`abc123` is not a commit SHA/],
    ["rollback to a SHA that is too long", `/rollback to ${"a".repeat(41)}`, /is not a commit SHA/],
    ["rollback with a second environment", "/rollback production staging", /`staging` is unexpected/],
    ["rollback with words after the SHA", "/rollback to abc1234 please", /`please` is unexpected/],
    ["preview with an argument", "/preview please", /`\/preview` takes no arguments except `destroy`, `share \[days\]` and `unshare`; `please` is unexpected/],
    ["preview destroy with an argument", "/preview destroy now", /`\/preview destroy` takes no arguments; `now` is unexpected/],
    ["preview share for more than 30 days", "/preview share 31", /`31` is not a number of days: `\/preview share` takes 1 to 30 days \(default 7\)/],
    ["preview share for no days", "/preview share 0", /`0` is not a number of days/],
    ["preview share for a word", "/preview share forever", /`forever` is not a number of days/],
    ["preview share with two arguments", "/preview share 3 please", /`\/preview share` takes at most a number of days; `please` is unexpected/],
    ["preview unshare with an argument", "/preview unshare all", /`\/preview unshare` takes no arguments; `all` is unexpected/],
    ["unlock of two environments", "/unlock a b", /`\/unlock` takes at most one environment; `b` is unexpected/],
    ["status with an argument", "/status production", /`\/status` takes no arguments/],
    ["lock of a bad environment name", "/lock — freeze", /`—` is not an environment name/],
    ["punctuation glued to the command", "/deploy:staging", /Unexpected `:staging` after `\/deploy`/],
    ["an exclamation mark after the command", "/deploy!", /Unexpected `!` after `\/deploy`/],
    ["a typo of deploy", "/deplyo", /^Unknown command `\/deplyo` — did you mean `\/deploy`\?$/],
    ["a typo with arguments", "/rolback production", /did you mean `\/rollback`\?/],
    ["a typo in capitals", "/STAUTS", /Unknown command `\/STAUTS` — did you mean `\/status`\?/],
    ["a typo of a short command", "/hlep", /did you mean `\/help`\?/],
    ["a typo of unlock", "/unlcok staging", /did you mean `\/unlock`\?/],
  ])("reports %s as invalid", (_, body, problem) => {
    const command = parseCommand(body);
    expect(command).toMatchObject({ name: "invalid", input: body.trim() });
    expect(command?.name === "invalid" ? command.problem : "").toMatch(problem);
  });

  it("keeps a backtick in a problem from breaking the reply's markdown", () => {
    const command = parseCommand("/deploy `staging`");
    expect(command).toMatchObject({ name: "invalid", problem: expect.stringContaining("`` `staging` ``") });
  });

  it("reports the first line, normalized, as the input of an invalid command", () => {
    expect(parseCommand("\r\n/deploy\tstaging\u00a0 now  \r\nmore text")).toMatchObject({ name: "invalid", input: "/deploy staging now" });
  });

  it("caps the input at 200 characters and the lock reason at 200", () => {
    const long = "x".repeat(5000);
    const invalid = parseCommand(`/deploy staging ${long}`);
    expect(invalid?.name).toBe("invalid");
    expect(invalid?.name === "invalid" && Array.from(invalid.input).length).toBe(200);
    const lock = parseCommand(`/lock staging ${long}`);
    expect(lock?.name === "lock" && lock.reason).toHaveLength(200);
    expect(lock?.name === "lock" && lock.reason?.endsWith("…")).toBe(true);
  });

  it("never cuts an emoji in half when capping the reason", () => {
    const lock = parseCommand(`/lock staging cold ${"🧊".repeat(300)}`);
    expect(lock?.name === "lock" && lock.reason).toBe(`cold ${"🧊".repeat(194)}…`);
  });

  it("reads the first line of a very large comment", () => {
    expect(parseCommand(`\n\n/unlock staging\n${"/deploy production\n".repeat(200_000)}`)).toEqual({ name: "unlock", environment: "staging" });
  });

  it("handles a very long first line without a command word", () => {
    expect(parseCommand(`/${"a".repeat(100_000)}`)).toBeUndefined();
  });
});
