import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface PrivateS3rver {
  endpoint: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * An s3rver of this test file's own, started with OpenSSL's legacy provider. s3rver encrypts
 * ListObjectsV2 continuation tokens with DES, which Node's default OpenSSL 3 refuses, so the
 * shared test server fails every listing that has a second page.
 */
export async function startPrivateS3rver(): Promise<PrivateS3rver> {
  const [port, directory] = await Promise.all([freePort(), mkdtemp(join(tmpdir(), "slipway-s3rver-paged-"))]);
  const child = spawn(
    process.execPath,
    ["--openssl-legacy-provider", require.resolve("s3rver/bin/s3rver.js"), "--directory", directory, "--address", "127.0.0.1", "--port", String(port), "--silent"],
    { stdio: "ignore" },
  );
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await rm(directory, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15000;
  while (!(await isListening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`s3rver did not listen on port ${port}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { endpoint: `http://127.0.0.1:${port}`, stop };
}
