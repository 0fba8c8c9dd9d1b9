import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";

/** Raised when the local session key file exists but holds no usable key. */
export class SessionKeyFileError extends Error {
  override name = "SessionKeyFileError";
}

/**
 * The secret local site sessions are signed with when `SLIPWAY_SESSION_KEY` is not set: the
 * file `<SLIPWAY_DATA_DIR>/session-key` (mode 0600), generated at the first start, so sessions
 * survive restarts and no key is ever written in code.
 */
export async function localSessionKey(dataDir: string): Promise<string> {
  const file = join(resolve(dataDir), "session-key");
  try {
    const key = (await readFile(file, "utf8")).trim();
    if (key.length < 32) throw new SessionKeyFileError(`${file} holds no session key (fewer than 32 characters); delete it and start again to generate one.`);
    return key;
  } catch (error) {
    if (!(error instanceof Error && "code" in error && error.code === "ENOENT")) throw error;
  }
  await mkdir(resolve(dataDir), { recursive: true });
  const key = randomBytes(32).toString("base64");
  try {
    // `wx`: of two processes starting at once, one writes; the other reads what it wrote.
    await writeFile(file, `${key}\n`, { mode: 0o600, flag: "wx" });
    return key;
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "EEXIST") return localSessionKey(dataDir);
    throw error;
  }
}
