// A real Verdaccio (the npm registry the npm target publishes to in tests) with its own
// storage and an htpasswd file in a temporary folder, no uplinks (it never proxies to the
// public registry), and one user whose token the tests publish with.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { URL } from "node:url";

const require = createRequire(import.meta.url);

export const NPM_USER = { name: "slipway-publisher", password: "publisher-password-7c1e" };

/** The config file for a Verdaccio whose files all live under `dir`. */
export function writeVerdaccioConfig(dir) {
  const config = join(dir, "config.yaml");
  const everyone = "    access: $authenticated\n    publish: $authenticated\n    unpublish: $authenticated\n";
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(dir, "storage"))}`,
      "auth:",
      "  htpasswd:",
      `    file: ${JSON.stringify(join(dir, "htpasswd"))}`,
      "uplinks: {}",
      "web:",
      "  enable: false",
      "packages:",
      "  '@*/*':",
      everyone + "  '**':",
      everyone + "middlewares:",
      "  audit:",
      "    enabled: false",
      "log:",
      "  type: stdout",
      "  format: json",
      "  level: error",
      "",
    ].join("\n"),
  );
  return config;
}

/** `node <verdaccio> --config … --listen 127.0.0.1:<port>` */
export function verdaccioArgs(config, port) {
  return [require.resolve("verdaccio/bin/verdaccio"), "--config", config, "--listen", `127.0.0.1:${port}`];
}

/** Creates the test user (npm's `adduser` call) and returns the token Verdaccio issues for it. */
export async function createNpmUser(registry) {
  const response = await globalThis.fetch(new URL(`-/user/org.couchdb.user:${NPM_USER.name}`, registry), {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: NPM_USER.name, password: NPM_USER.password, type: "user", roles: [], date: new Date().toISOString() }),
  });
  const body = await response.json();
  if (!response.ok || typeof body.token !== "string") throw new Error(`Verdaccio refused to create the test user: HTTP ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}
