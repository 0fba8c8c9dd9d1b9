import { resolve } from "node:path";
import { build } from "esbuild";

const root = resolve(__dirname, "..", "..");

/** The packages an entry's Lambda bundle is made of, as serverless-esbuild bundles it. */
async function bundledPackages(entry: string): Promise<Set<string>> {
  const result = await build({
    entryPoints: [resolve(root, entry)],
    bundle: true,
    platform: "node",
    external: ["@aws-sdk/*"],
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const packages = Object.keys(result.metafile.inputs).flatMap((input) => {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    return match?.[1] ? [match[1]] : [];
  });
  return new Set(packages);
}

describe("the Lambda bundles", () => {
  it.each(["handlers/site.ts", "handlers/sweeper.ts", "handlers/public-key.ts"])("%s carries no Probot", async (entry) => {
    const packages = await bundledPackages(entry);
    expect([...packages].filter((name) => name.startsWith("probot") || name.startsWith("@probot/"))).toEqual([]);
  });

  // The worker builds, packs, publishes and seals; the functions that only submit jobs do none of it.
  const WORKER_ONLY = ["@npmcli/arborist", "pacote", "libnpmpublish", "tar", "tar-stream", "yauzl", "libsodium-wrappers"];

  it.each(["handlers/webhook.ts", "handlers/sweeper.ts"])("%s carries none of the worker's build and publish packages", async (entry) => {
    const packages = await bundledPackages(entry);
    expect(WORKER_ONLY.filter((name) => packages.has(name))).toEqual([]);
  });

  it("the worker function carries them (the check above names real packages)", async () => {
    const packages = await bundledPackages("handlers/worker.ts");
    expect(WORKER_ONLY.filter((name) => !packages.has(name))).toEqual([]);
  });

  it("the webhook function carries Probot, which verifies deliveries", async () => {
    expect(await bundledPackages("handlers/webhook.ts")).toContain("probot");
  });
});
