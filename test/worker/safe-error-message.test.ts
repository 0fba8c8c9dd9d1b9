import { Redactor } from "../../src/secrets/redactor";
import { safeErrorMessage } from "../../src/worker/safe-error-message";

const SECRET = "npm_Zx9Qk2LmP4rT7vW1yB3nD5fH8jK0sA6cE";

describe("safeErrorMessage", () => {
  it("masks an opened secret in the message shown to users", () => {
    const redactor = new Redactor();
    redactor.register(SECRET);

    expect(safeErrorMessage(new Error(`npm refused the token ${SECRET}`), redactor)).toBe("npm refused the token ***");
  });

  it("masks before cutting the message, so no piece of a secret is left at the cut", () => {
    const redactor = new Redactor();
    redactor.register(SECRET);
    const message = `${"x".repeat(280)} ${SECRET} and more`;

    const shown = safeErrorMessage(new Error(message), redactor);

    expect(shown).toBe(`${"x".repeat(280)} *** and more`);
    expect(shown).not.toContain(SECRET.slice(0, 8));
  });

  it("masks a secret that spans lines before keeping the first line", () => {
    const redactor = new Redactor();
    redactor.register("line-one-secret\nline-two-secret");

    expect(safeErrorMessage(new Error("failed: line-one-secret\nline-two-secret"), redactor)).toBe("failed: ***");
  });
});
