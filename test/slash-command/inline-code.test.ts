import { inlineCode } from "../../src/slash-command/inline-code";

describe("inlineCode", () => {
  it.each([
    ["plain text", "staging", "`staging`"],
    ["a backtick inside", "a`b", "``a`b``"],
    ["a run of backticks inside", "a``b", "```a``b```"],
    ["a backtick at the start and end", "`x`", "`` `x` ``"],
    ["a mention", "@everyone", "`@everyone`"],
  ])("fences %s so it shows as typed", (_, text, code) => {
    expect(inlineCode(text)).toBe(code);
  });
});
