import { z } from "zod";
import { parseEnv } from "../../src/config/env";
import { localLogger } from "../../src/local/local-logger";
import { startLocalRuntime } from "../../src/local/start-local";

/**
 * The local runtime in a process of its own, as `npm start` runs it: configured only through
 * environment variables (parsed by Slipway's own schema), so the benchmark measures the real
 * Probot, Octokit, queue, store and site server. The benchmark asks it over IPC to drain its
 * queue or to close, and ends it by PID when a scenario's bound has passed.
 */
const Message = z.discriminatedUnion("type", [z.object({ type: z.literal("drain"), id: z.number() }), z.object({ type: z.literal("close") })]);

function tell(message: Record<string, unknown>): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const env = parseEnv();
  // The log of `npm start`, written to the file the benchmark reads warnings from.
  const runtime = await startLocalRuntime(env, { log: localLogger(env) });
  process.on("message", (raw) => {
    const message = Message.safeParse(raw);
    if (!message.success) return;
    if (message.data.type === "drain") {
      const { id } = message.data;
      runtime.drain().then(
        () => tell({ type: "drained", id }),
        (error: unknown) => tell({ type: "drained", id, error: String(error) }),
      );
      return;
    }
    runtime.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  tell({ type: "ready", url: runtime.url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
