import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..");

/**
 * Runs the Serverless Framework of this repository (osls) with `args`, its output shown as it
 * runs; resolves with its exit code. serverless-esbuild bundles each function in a folder of its
 * own under the temporary directory and leaves the folders there, so the run gets a temporary
 * directory of its own (TMPDIR), removed when it ends.
 */
export async function runServerless(args: string[]): Promise<number> {
  const scratch = await mkdtemp(join(tmpdir(), "slipway-sls-"));
  try {
    const child = spawn(process.execPath, [require.resolve("osls/bin/serverless.js"), ...args], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, TMPDIR: scratch },
    });
    return await new Promise((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
