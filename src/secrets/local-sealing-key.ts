import { mkdir, open, readFile, stat, type FileHandle } from "node:fs/promises";
import { join, resolve } from "node:path";
import { SealingKeyError } from "./key-ring";
import { loadSodium } from "./sodium";

/** The key file's name inside `SLIPWAY_DATA_DIR`. */
export const SEALING_KEY_FILE = "sealing-key";

/** Permission bits for anyone but the owner: a key file with any of them set is refused. */
const GROUP_OR_OTHERS = 0o077;

/**
 * The local sealing keys' text: `<dataDir>/sealing-key`, created on first use with one new key
 * (mode 0600). A file that group or others may read is refused, with the command that fixes it.
 */
export async function readLocalSealingKey(dataDir: string): Promise<{ text: string; path: string; created: boolean }> {
  const path = join(resolve(dataDir), SEALING_KEY_FILE);
  const created = await createKeyFile(path);
  const { mode } = await stat(path);
  if (process.platform !== "win32" && (mode & GROUP_OR_OTHERS) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(3, "0");
    throw new SealingKeyError(
      `The sealing key file ${path} may be read by group or others (mode ${octal}): run \`chmod 600 ${path}\` and start again.`,
    );
  }
  return { text: await readFile(path, "utf8"), path, created };
}

/** Writes a new key unless the file exists; `wx` so two starts at once never overwrite each other's key. */
async function createKeyFile(path: string): Promise<boolean> {
  await mkdir(join(path, ".."), { recursive: true });
  let file: FileHandle;
  try {
    file = await open(path, "wx", 0o600);
  } catch (error) {
    if (typeof error === "object" && error !== null && "code" in error && error.code === "EEXIST") return false;
    throw error;
  }
  try {
    const sodium = await loadSodium();
    await file.writeFile(`${Buffer.from(sodium.crypto_box_keypair().privateKey).toString("base64")}\n`);
  } finally {
    await file.close();
  }
  return true;
}
