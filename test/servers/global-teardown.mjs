// Stops the servers global-setup started, by the PIDs it recorded (and nothing else).
import { existsSync, readFileSync, rmSync } from "node:fs";
import { PID_FILE } from "./global-setup.mjs";

export default async function globalTeardown() {
  if (!existsSync(PID_FILE)) return;
  const pids = JSON.parse(readFileSync(PID_FILE, "utf8"));
  for (const pid of Object.values(pids)) {
    try { process.kill(pid, "SIGTERM"); } catch { /* already gone */ }
  }
  rmSync(PID_FILE, { force: true });
}
