import { ManifestCreation } from "probot/lib/manifest-creation.js";
import type { PackageJson } from "probot/lib/types.js";
import { z } from "zod";
import { WEBHOOK_PATH } from "./webhook-path";

/** The part of Probot's generated manifest Slipway completes. */
const GeneratedManifest = z.looseObject({
  url: z.string().optional(),
  hook_attributes: z.looseObject({ url: z.string() }),
});

/**
 * Probot's app manifest (from `app.yml`, see its ManifestCreation), completed so that the app
 * it registers works without editing anything first:
 * - the webhook URL is Slipway's endpoint, `<address of the setup page>/api/github/webhooks`,
 *   where Probot would put the site root; a smee.io channel (WEBHOOK_PROXY_URL) is kept;
 * - a homepage, which GitHub requires: app.yml's `url` or package.json's when given, else the
 *   organisation's page on GitHub for an organisation's app (GH_ORG), else the address the
 *   setup page was opened at. It can be changed later in the app's settings.
 * Where the registration goes (the account or GH_ORG's organisation) is Probot's
 * `createAppUrl`.
 */
export class SlipwayManifestCreation extends ManifestCreation {
  override getManifest(pkg: PackageJson, baseUrl: string): string {
    const manifest = GeneratedManifest.parse(JSON.parse(super.getManifest(pkg, baseUrl)));
    if (manifest.hook_attributes.url === `${baseUrl}/`) manifest.hook_attributes.url = `${baseUrl}${WEBHOOK_PATH}`;
    manifest.url ??= organisationPage() ?? baseUrl;
    // Probot's page puts the manifest in a single-quoted HTML attribute: keep quotes and
    // markup out of it (JSON reads the escapes back as the same characters).
    return JSON.stringify(manifest).replace(/['&<>]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
  }
}

function organisationPage(): string | undefined {
  const org = process.env.GH_ORG;
  if (!org) return undefined;
  return `${process.env.GHE_PROTOCOL || "https"}://${process.env.GHE_HOST || "github.com"}/${encodeURIComponent(org)}`;
}
