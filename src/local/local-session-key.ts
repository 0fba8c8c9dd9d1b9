import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
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
    if (errorCode(error) !== "ENOENT") throw error;
  }
  await mkdir(resolve(dataDir), { recursive: true });
  const key = randomBytes(32).toString("base64");
  // Written whole under another name, then linked into place: of two processes starting at
  // once, one links its key and the other reads it, never a half-written file.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(draft, `${key}\n`, { mode: 0o600, flag: "wx" });
  try {
    await link(draft, file);
    return key;
  } catch (error) {
    if (errorCode(error) === "EEXIST") return localSessionKey(dataDir);
    throw error;
  } finally {
    await rm(draft, { force: true });
  }
}

/** The `code` of a file system error (checked by shape: such errors may come from another realm). */
function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}
