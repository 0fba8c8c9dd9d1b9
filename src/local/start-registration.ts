import type { Logger } from "pino";
import { Probot, Server } from "probot";
import { setupAppFactory } from "probot/lib/apps/setup.js";
import { setupView } from "probot/lib/views/setup.js";
import type { Env } from "../config/env";
import { SlipwayManifestCreation } from "./app-manifest";
import { requestBaseUrl } from "./request-base-url";

/**
 * `npm start` before the GitHub App exists: Probot's registration pages (setup, the code
 * exchange that writes `.env`, then GitHub's page to install the app on repositories), with
 * Slipway's manifest on the setup page (see {@link SlipwayManifestCreation}). GH_ORG registers
 * the app for that organisation instead of the signed-in account.
 */
export async function startRegistration(env: Pick<Env, "PORT">, log: Logger): Promise<Server> {
  const server = new Server({
    port: env.PORT,
    log,
    // Probot needs an app id and key to be built; registration is what produces them.
    Probot: Probot.defaults({ appId: 1, privateKey: "unused while registering", secret: "unused while registering", log }),
  });
  await server.load(async (app, options) => {
    if (!options.getRouter) throw new Error("Probot's server gave the registration no router");
    const setup = new SlipwayManifestCreation();
    const pkg = setup.pkg;
    // Mounted before Probot's setup routes, so this page is the one served at /probot.
    options.getRouter().get("/probot", (request, response) => {
      const manifest = setup.getManifest(pkg, requestBaseUrl(request));
      response.writeHead(200, { "content-type": "text/html" }).end(setupView({ name: "Slipway", version: pkg.version, description: pkg.description, createAppUrl: setup.createAppUrl, manifest }));
    });
    await setupAppFactory(undefined, env.PORT)(app, options);
  });
  await server.start();
  return server;
}
