import { mkdir } from "node:fs/promises";
import { fork } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { assertDatabaseFree } from "./assert-database-free";

/** Raised when the embedded DynamoDB server cannot listen, usually because the port is taken. */
export class EmbeddedDynamoStartError extends Error {
  override name = "EmbeddedDynamoStartError";
}

export interface EmbeddedDynamo {
  /** `http://127.0.0.1:<port>`, for `createDynamoClients({ endpoint })`. */
  endpoint: string;
  /** Stops accepting requests and closes the database. */
  close(): Promise<void>;
}

/** Where the embedded server keeps its LevelDB data under a data folder. */
export function embeddedDynamoPath(dataDir: string): string {
  return join(dataDir, "dynamodb");
}

/**
 * Starts a DynamoDB-compatible server in this process (dynalite), keeping its data under
 * `<dataDir>/dynamodb` so it survives restarts. The stores talk to it over HTTP exactly as they
 * talk to DynamoDB, so local runs exercise the same code. Listens on loopback only; port 0 (the
 * default) picks a free port. Fails with `EmbeddedDynamoLockedError` when another process is
 * using the same data folder.
 */
function portTaken(port: number, error: Error): EmbeddedDynamoStartError {
  return new EmbeddedDynamoStartError(`The embedded DynamoDB server could not listen on 127.0.0.1:${port} (${error.message}); choose a free port or stop the process using it.`);
}

async function assertPortFree(port: number): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", (error) => reject(portTaken(port, error)));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

export async function startEmbeddedDynamo(options: { dataDir: string; port?: number }): Promise<EmbeddedDynamo> {
  const path = embeddedDynamoPath(options.dataDir);
  await mkdir(options.dataDir, { recursive: true });
  await assertDatabaseFree(path);
  // dynalite opens its database as soon as it is created, and its close leaves the database
  // open when the server never listened: so a taken port is found before it is created.
  if (options.port) await assertPortFree(options.port);
  const child = fork(join(__dirname, "dynalite-process.mjs"), [], { stdio: ["ignore", "ignore", "inherit", "ipc"], execArgv: [] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message: { port?: number; error?: string }) => {
      if (message.port) resolve(message.port);
      else reject(portTaken(options.port ?? 0, new Error(message.error ?? "no address")));
    });
    child.once("exit", (code) => reject(new EmbeddedDynamoStartError(`The embedded DynamoDB server stopped before it listened (exit code ${String(code)}).`)));
    child.send({ path, port: options.port ?? 0 });
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.send("stop");
      }),
  };
}
