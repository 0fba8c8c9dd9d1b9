// Stops the servers global-setup started, by the PIDs it recorded (and nothing else), and
// removes their folders.
import { stopTestServers } from "./global-setup.mjs";

export default async function globalTeardown() {
  await stopTestServers();
}
