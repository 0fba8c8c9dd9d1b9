import { closestCommandWord } from "../../src/slash-command/closest-command-word";

const WORDS = ["deploy", "rollback", "preview", "lock", "unlock", "status", "help"];

describe("closestCommandWord", () => {
  it.each([
    ["deplyo", "deploy"],
    ["DEPOLY", "deploy"],
    ["rollbak", "rollback"],
    ["rolback", "rollback"],
    ["prevew", "preview"],
    ["statsu", "status"],
    ["hlep", "help"],
    ["lcok", "lock"],
    ["unlok", "unlock"],
  ])("takes %s for a misspelling of %s", (typed, word) => {
    expect(closestCommandWord(typed, WORDS)).toBe(word);
  });

  it.each(["ok", "log", "stat", "cc", "me", "ship", "shrug", "lgtm", "deployment", "todo", "undo", "x"])(
    "does not take %s for a misspelling",
    (typed) => {
      expect(closestCommandWord(typed, WORDS)).toBeUndefined();
    },
  );

  it("prefers the nearest word", () => {
    expect(closestCommandWord("unlck", WORDS)).toBe("unlock");
  });
});
