import { spawn } from "node:child_process";
import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import pino from "pino";
import { createLocalServer } from "../../src/local/http-server";
import type { KeyRing } from "../../src/secrets/key-ring";
import { openSealedValue } from "../../src/secrets/open-sealed-value";
import { publicKeyResponse } from "../../src/secrets/public-key-response";
import { readSecret } from "../../src/secrets/read-secret";
import { runSeal, SEAL_EXIT } from "../../src/secrets/run-seal";
import { freePort } from "../helpers/free-port";
import { testKeyRing } from "./test-key-ring";

const root = join(__dirname, "..", "..");

/** The local HTTP server with its public-key route, on loopback; the other routes are not used here. */
async function startApp(keyRing: KeyRing): Promise<{ url: string; server: Server }> {
  const server = createLocalServer({
    webhookPath: "/api/github/webhooks",
    webhook: async () => ({ statusCode: 404, body: "{}" }),
    sitePath: "/sites",
    site: async () => ({ status: 404, headers: {}, body: Buffer.alloc(0) }),
    publicKey: (request) => publicKeyResponse(keyRing.sealingKey, request),
    log: pino({ level: "silent" }),
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** `runSeal` with standard input from `input`, what it printed collected. */
async function seal(argv: string[], input: string | Readable) {
  const out = { stdout: "", stderr: "" };
  const stdin = typeof input === "string" ? Readable.from([Buffer.from(input)]) : input;
  const code = await runSeal(argv, { stdin, stdout: (text) => (out.stdout += text), stderr: (text) => (out.stderr += text) });
  return { code, ...out };
}

describe("npm run seal", () => {
  let ring: KeyRing;
  let app: { url: string; server: Server };
  beforeAll(async () => {
    ({ ring } = await testKeyRing());
    app = await startApp(ring);
  });
  afterAll(async () => {
    await new Promise((resolve) => app.server.close(resolve));
  });

  it("seals standard input for the repository with the app's key, end to end through the script", async () => {
    const child = spawn(process.execPath, [join(root, "node_modules", "tsx", "dist", "cli.mjs"), join(root, "scripts", "seal.ts"), "--repo", "acme/web", "--app", app.url], {
      cwd: root,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end("npm_token_from_stdin\n");
    const [code] = (await once(child, "close")) as [number];

    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^sealed:v1:${ring.sealingKey.id}:[A-Za-z0-9+/]+=*\\n$`));
    expect(stderr).toContain(`Sealed for acme/web with key ${ring.sealingKey.id}`);
    expect(stdout + stderr).not.toContain("npm_token_from_stdin");
    expect(openSealedValue(stdout, ring, { owner: "acme", repo: "web" })).toEqual({ ok: true, value: "npm_token_from_stdin", scope: "acme/web" });
    expect(openSealedValue(stdout, ring, { owner: "acme", repo: "api" })).toMatchObject({ ok: false, reason: "scope" });
  });

  it("seals an organisation-wide secret that opens in every repository of the owner", async () => {
    const result = await seal(["--repo", "acme/*", "--app", `${app.url}/`], "org-secret\r\n");

    expect(result.code).toBe(SEAL_EXIT.ok);
    expect(openSealedValue(result.stdout, ring, { owner: "Acme", repo: "anything" })).toEqual({ ok: true, value: "org-secret", scope: "acme/*" });
    expect(openSealedValue(result.stdout, ring, { owner: "other", repo: "anything" })).toMatchObject({ ok: false, reason: "scope" });
  });

  it("says what is wrong with a missing or invalid --repo, with the usage", async () => {
    const missing = await seal(["--app", app.url], "x");
    const invalid = await seal(["--repo", "acme", "--app", app.url], "x");
    const unknown = await seal(["--repo", "acme/web", "--registry", "x"], "x");

    expect(missing).toMatchObject({ code: SEAL_EXIT.usage, stdout: "" });
    expect(missing.stderr).toMatch(/^--repo is required/);
    expect(missing.stderr).toContain("Usage: npm run --silent seal");
    expect(invalid.stderr).toMatch(/^--repo "acme" must be owner\/repo or owner\/\*/);
    expect(unknown).toMatchObject({ code: SEAL_EXIT.usage });
    expect(unknown.stderr).toMatch(/registry/);
  });

  it("refuses an empty secret", async () => {
    const result = await seal(["--repo", "acme/web", "--app", app.url], "\n");

    expect(result).toMatchObject({ code: SEAL_EXIT.usage, stdout: "" });
    expect(result.stderr).toMatch(/^The secret is empty/);
  });

  it("says how to reach the app when nothing answers at --app, before reading the secret", async () => {
    const port = await freePort();
    const result = await seal(["--repo", "acme/web", "--app", `http://127.0.0.1:${port}`], "never-read");

    expect(result).toMatchObject({ code: SEAL_EXIT.failed, stdout: "" });
    expect(result.stderr).toMatch(new RegExp(`^Could not reach Slipway at http://127\\.0\\.0\\.1:${port} \\(.+\\): start it with \`npm start\`, or pass its URL with --app\\.`));
  });

  it("refuses an answer that is not Slipway's public key", async () => {
    const result = await seal(["--repo", "acme/web", "--app", `${app.url}/sites`], "x");

    expect(result).toMatchObject({ code: SEAL_EXIT.failed, stdout: "" });
    expect(result.stderr).toMatch(/answered HTTP 404: check that --app is Slipway's URL/);
  });

  it("reads a secret typed at a terminal without echoing it", async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, modes: [] as boolean[], setRawMode(mode: boolean) { terminal.modes.push(mode); } });
    let shown = "";
    const reading = readSecret(terminal, (text) => (shown += text));
    terminal.write("hunter22");
    terminal.write("x\u007f!\r");

    await expect(reading).resolves.toBe("hunter22!");
    expect(shown).toBe("Secret (typing is not shown; Enter to finish): \n");
    expect(terminal.modes).toEqual([true, false]);
  });

  it("cancels at Ctrl-C at the terminal", async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
    const reading = readSecret(terminal, () => undefined);
    terminal.write("abc\u0003");

    await expect(reading).rejects.toThrow("Cancelled: nothing was sealed.");
  });
});
