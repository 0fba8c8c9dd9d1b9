// Stops the servers global-setup started, by the PIDs it recorded (and nothing else), then
// removes their temporary folders.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { DIRS_FILE, PID_FILE } from "./global-setup.mjs";

function running(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function globalTeardown() {
  if (existsSync(PID_FILE)) {
    const pids = Object.values(JSON.parse(readFileSync(PID_FILE, "utf8")));
    for (const pid of pids) {
      try { process.kill(pid, "SIGTERM"); } catch { /* already gone */ }
    }
    // A server still writing into its folder would leave files behind the removal.
    const deadline = Date.now() + 5000;
    while (pids.some(running) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    rmSync(PID_FILE, { force: true });
  }
  if (existsSync(DIRS_FILE)) {
    for (const dir of JSON.parse(readFileSync(DIRS_FILE, "utf8"))) rmSync(dir, { recursive: true, force: true });
    rmSync(DIRS_FILE, { force: true });
  }
}
