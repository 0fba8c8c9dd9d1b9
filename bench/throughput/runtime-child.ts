import { fork, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

const Ready = z.object({ type: z.literal("ready"), url: z.string() });
const Drained = z.object({ type: z.literal("drained"), id: z.number(), error: z.string().optional() });

export interface RuntimeChild {
  pid: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Resolves true once the runtime's queue is idle, false when `timeoutMs` passed first. */
  drain(timeoutMs: number): Promise<boolean>;
  /** Closes the runtime (letting it finish its jobs) for up to `graceMs`, then ends it by its PID. */
  stop(graceMs: number): Promise<void>;
  /** Lines the runtime logged at warn level or above. */
  warnings(): string[];
}

/**
 * Starts `runtime-process.ts` (or another script of this folder speaking its IPC) with the given
 * environment variables only, its output going to `logFile`.
 */
export async function startRuntimeChild(variables: Record<string, string>, logFile: string, script = "runtime-process.ts"): Promise<RuntimeChild> {
  const output = openSync(logFile, "a");
  const child: ChildProcess = fork(join(__dirname, script), [], {
    execArgv: ["--import", "tsx"],
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TMPDIR: process.env.TMPDIR ?? "/tmp", ...variables },
    stdio: ["ignore", output, output, "ipc"],
  });
  closeSync(output);
  // Should the benchmark itself fail, the runtime must not outlive it.
  const endWithParent = () => child.kill("SIGKILL");
  process.once("exit", endWithParent);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      process.off("exit", endWithParent);
      resolve(code);
    }),
  );

  const url = await new Promise<string>((resolve, reject) => {
    child.on("message", (message) => {
      const ready = Ready.safeParse(message);
      if (ready.success) resolve(ready.data.url);
    });
    void exited.then((code) => reject(new Error(`The local runtime exited with code ${code} before it was ready; its log:\n${tail(logFile)}`)));
  });

  let nextDrain = 0;
  return {
    pid: child.pid ?? 0,
    url,
    drain(timeoutMs) {
      const id = ++nextDrain;
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          child.off("message", listener);
          resolve(false);
        }, timeoutMs);
        const listener = (message: unknown) => {
          const drained = Drained.safeParse(message);
          if (!drained.success || drained.data.id !== id) return;
          clearTimeout(timer);
          child.off("message", listener);
          resolve(drained.data.error === undefined);
        };
        child.on("message", listener);
        child.send({ type: "drain", id });
      });
    },
    async stop(graceMs) {
      if (child.exitCode !== null) return;
      if (graceMs > 0) child.send({ type: "close" });
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
    warnings() {
      return readFileSync(logFile, "utf8")
        .split("\n")
        .filter((line) => /\b(WARN|ERROR|FATAL)\b/.test(line));
    },
  };
}

function tail(file: string): string {
  return readFileSync(file, "utf8").split("\n").slice(-30).join("\n");
}
