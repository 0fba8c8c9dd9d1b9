import type { Readable } from "node:stream";

/** Raised when no secret was given (an empty input, or Ctrl-C at the prompt). */
export class EmptySecretError extends Error {
  override name = "EmptySecretError";
}

/** Standard input: at a terminal it can be switched to raw mode, so typing is not echoed. */
export type SecretInput = Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

/**
 * Reads the secret: at a terminal, typed without echo up to Enter (Backspace works, Ctrl-C
 * cancels); otherwise all of standard input, with its trailing line breaks dropped.
 */
export async function readSecret(input: SecretInput, prompt: (text: string) => void): Promise<string> {
  const secret = input.isTTY && input.setRawMode ? await readFromTerminal(input, prompt) : (await readAll(input)).replace(/[\r\n]+$/, "");
  if (secret === "") throw new EmptySecretError("The secret is empty: type it (or pipe it in, e.g. `printf %s \"$TOKEN\" | npm run seal -- …`).");
  return secret;
}

async function readAll(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}

function readFromTerminal(input: SecretInput, prompt: (text: string) => void): Promise<string> {
  prompt("Secret (typing is not shown; Enter to finish): ");
  input.setRawMode?.(true);
  input.setEncoding("utf8");
  let typed = "";
  return new Promise<string>((resolve, reject) => {
    const finish = (outcome: () => void) => {
      input.removeListener("data", onData);
      input.setRawMode?.(false);
      input.pause();
      prompt("\n");
      outcome();
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === "\r" || character === "\n" || character === "\u0004") return finish(() => resolve(typed));
        if (character === "\u0003") return finish(() => reject(new EmptySecretError("Cancelled: nothing was sealed.")));
        if (character === "\u007f" || character === "\b") typed = [...typed].slice(0, -1).join("");
        else typed += character;
      }
    };
    input.on("data", onData);
    input.resume();
  });
}
