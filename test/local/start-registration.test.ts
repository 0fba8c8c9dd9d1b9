import { readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import type { Server } from "probot";
import { startRegistration } from "../../src/local/start-registration";
import { capturedLog } from "../helpers/captured-log";
import { freePort } from "../helpers/free-port";

const appYml = yaml.load(readFileSync(join(__dirname, "..", "..", "app.yml"), "utf8")) as Record<string, unknown>;
const SETTINGS = ["GH_ORG", "WEBHOOK_PROXY_URL", "NO_SMEE_SETUP", "GHE_HOST", "PROJECT_DOMAIN"] as const;

// The page `npm start` shows before the app exists, served by Probot's setup app with
// Slipway's manifest: what GitHub is asked to register, read back from the form a person
// submits.
describe("registering the GitHub App", () => {
  let server: Server;
  let port: number;
  const saved = Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]]));

  beforeAll(async () => {
    for (const name of SETTINGS) delete process.env[name];
    // No smee.io channel: the tests reach nothing but loopback.
    process.env.NO_SMEE_SETUP = "true";
    port = await freePort();
    server = await startRegistration({ PORT: port }, capturedLog().log);
  });
  afterAll(async () => {
    await server.stop();
    for (const name of SETTINGS) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });
  afterEach(() => {
    delete process.env.GH_ORG;
    delete process.env.WEBHOOK_PROXY_URL;
  });

  /** The setup page as opened through `https://<host>` (a tunnel or reverse proxy). */
  async function setupPage(host = "slipway.example.test") {
    const response = await fetch(`http://127.0.0.1:${port}/probot`, { headers: { "x-forwarded-host": host, "x-forwarded-proto": "https" } });
    const html = await response.text();
    const action = /<form action="([^"]+)" method="post"/.exec(html)?.[1];
    const manifest = /name="manifest" id="manifest" value='([^']*)'/.exec(html)?.[1];
    if (!action || !manifest) throw new Error(`no registration form on the setup page:\n${html}`);
    return { status: response.status, action, manifest: JSON.parse(manifest) as Record<string, unknown> };
  }

  it("registers an app on the signed-in account, whose webhooks reach Slipway's endpoint", async () => {
    const { status, action, manifest } = await setupPage();

    expect(status).toBe(200);
    expect(action).toBe("https://github.com/settings/apps/new");
    expect(manifest).toMatchObject({
      name: "Slipway",
      url: "https://slipway.example.test",
      hook_attributes: { url: "https://slipway.example.test/api/github/webhooks" },
      redirect_url: "https://slipway.example.test/probot/setup",
      public: false,
    });
  });

  it("registers an app owned by the organisation GH_ORG names, with its page as the homepage", async () => {
    process.env.GH_ORG = "acme";

    const { action, manifest } = await setupPage();

    expect(action).toBe("https://github.com/organizations/acme/settings/apps/new");
    expect(manifest).toMatchObject({
      url: "https://github.com/acme",
      hook_attributes: { url: "https://slipway.example.test/api/github/webhooks" },
      public: false,
    });
  });

  it("asks for exactly the permissions and events app.yml lists", async () => {
    const { manifest } = await setupPage();

    expect(manifest.default_permissions).toEqual(appYml.default_permissions);
    expect(manifest.default_events).toEqual(appYml.default_events);
    expect(manifest.description).toBe(appYml.description);
  });

  it("keeps a smee.io channel as the webhook URL when one forwards deliveries", async () => {
    process.env.WEBHOOK_PROXY_URL = "https://smee.io/slipway-test-channel";

    const { manifest } = await setupPage("localhost:3000");

    expect(manifest.hook_attributes).toEqual({ url: "https://smee.io/slipway-test-channel" });
    expect(manifest.redirect_url).toBe("https://localhost:3000/probot/setup");
  });

  it("sends the person from the site root to the setup page", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/`, { redirect: "manual" });

    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/probot");
  });
});
