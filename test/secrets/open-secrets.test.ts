import { loadSodium } from "../../src/secrets/sodium";
import { checkSecretReferences } from "../../src/secrets/check-secret-references";
import { openSecrets } from "../../src/secrets/open-secrets";
import { Redactor } from "../../src/secrets/redactor";
import { sealSecret } from "../../src/secrets/seal-secret";
import { formatSealedValue } from "../../src/secrets/sealed-value";
import { parseSlipwayConfig } from "../../src/config/slipway-config";
import { testKeyRing } from "./test-key-ring";

const repository = { owner: "acme", repo: "web" };

describe("opening a configuration's secrets", () => {
  it("opens secrets sealed for the repository or its owner, matching names case-insensitively, and registers them", async () => {
    const { ring } = await testKeyRing();
    const redactor = new Redactor();
    const config = {
      secrets: {
        NPM_TOKEN: await sealSecret({ scope: "acme/web", value: "npm_repo_token_123" }, ring.sealingKey),
        ORG_TOKEN: await sealSecret({ scope: "acme/*", value: "org-wide-token-456" }, ring.sealingKey),
        CASED: await sealSecret({ scope: "ACME/Web", value: "cased-token-789" }, ring.sealingKey),
      },
    };

    const opened = openSecrets(config, repository, ring, redactor);

    expect(opened.problems).toEqual([]);
    expect(Object.fromEntries(opened.values)).toEqual({ NPM_TOKEN: "npm_repo_token_123", ORG_TOKEN: "org-wide-token-456", CASED: "cased-token-789" });
    expect(redactor.mask("npm_repo_token_123 org-wide-token-456 cased-token-789")).toBe("*** *** ***");
  });

  it("refuses a secret copied into another repository, or sealed for another owner", async () => {
    const { ring } = await testKeyRing();
    const redactor = new Redactor();
    const config = {
      secrets: {
        COPIED: await sealSecret({ scope: "acme/api", value: "copied-secret-value" }, ring.sealingKey),
        OTHER_ORG: await sealSecret({ scope: "evil/*", value: "other-org-value" }, ring.sealingKey),
      },
    };

    const opened = openSecrets(config, repository, ring, redactor);

    expect(opened.values.size).toBe(0);
    expect(opened.problems).toEqual([
      {
        key: "secrets.COPIED",
        message:
          "is sealed for acme/api, not for acme/web: a sealed secret opens only in the repositories its scope names. To use it here, seal the secret again with `npm run seal -- --repo acme/web` (or `--repo acme/*` for every repository of acme) and replace the value.",
      },
      { key: "secrets.OTHER_ORG", message: expect.stringMatching(/^is sealed for evil\/\*, not for acme\/web/) },
    ]);
    expect(redactor.size).toBe(0);
  });

  it("says which key an unknown key id names, and which keys this Slipway holds", async () => {
    const { ring } = await testKeyRing();
    const { ring: elsewhere } = await testKeyRing();
    const config = { secrets: { NPM_TOKEN: await sealSecret({ scope: "acme/web", value: "sealed-elsewhere" }, elsewhere.sealingKey) } };

    const { problems } = openSecrets(config, repository, ring, new Redactor());

    expect(problems).toEqual([
      {
        key: "secrets.NPM_TOKEN",
        message: `was sealed with key ${elsewhere.sealingKey.id}, which this Slipway does not hold (it opens ${ring.sealingKey.id}): seal the secret again with \`npm run seal -- --repo acme/web\` (or \`--repo acme/*\` for every repository of acme) and replace the value, or list that key in SLIPWAY_SEALING_KEY again.`,
      },
    ]);
  });

  it("reports a damaged value, a value that is not sealed and a box without a Slipway payload, never quoting them", async () => {
    const { ring } = await testKeyRing();
    const sodium = await loadSodium();
    const sealed = await sealSecret({ scope: "acme/web", value: "the-real-secret" }, ring.sealingKey);
    const box = Buffer.from(sealed.split(":")[3] ?? "", "base64");
    box[box.length - 1] = (box[box.length - 1] ?? 0) ^ 1;
    const config = {
      secrets: {
        DAMAGED: formatSealedValue(ring.sealingKey.id, box),
        PLAIN: "npm_plaintext_token_oops",
        CUT: sealed.slice(0, sealed.length - 8),
        NOT_JSON: formatSealedValue(ring.sealingKey.id, sodium.crypto_box_seal("not json", ring.sealingKey.publicKey)),
        NO_SCOPE: formatSealedValue(ring.sealingKey.id, sodium.crypto_box_seal(JSON.stringify({ value: "x" }), ring.sealingKey.publicKey)),
      },
    };

    const { problems, values } = openSecrets(config, repository, ring, new Redactor());

    expect(values.size).toBe(0);
    expect(problems.map((problem) => [problem.key, problem.message.split(":")[0]])).toEqual([
      ["secrets.DAMAGED", `cannot be opened with key ${ring.sealingKey.id}`],
      ["secrets.PLAIN", "is not a sealed value (sealed"],
      ["secrets.CUT", `cannot be opened with key ${ring.sealingKey.id}`],
      ["secrets.NOT_JSON", "opens, but does not hold a Slipway secret (a scope and a value)"],
      ["secrets.NO_SCOPE", "opens, but does not hold a Slipway secret (a scope and a value)"],
    ]);
    expect(problems.find((problem) => problem.key === "secrets.PLAIN")?.message).toMatch(/revoke it/);
    for (const { message } of problems) {
      expect(message).not.toContain("npm_plaintext_token_oops");
      expect(message).not.toContain(sealed.slice(30));
    }
  });

  it("reads `secrets:` from the configuration file, with names checked", () => {
    const result = parseSlipwayConfig({ secrets: { NPM_TOKEN: "sealed:v1:0123456789abcdef:AAAA", npm_token: "sealed:v1:x" } });

    expect(result).toEqual({
      ok: false,
      problems: [{ key: "secrets.npm_token", message: "secret names are upper-case letters, digits and '_', starting with a letter" }],
    });
    expect(parseSlipwayConfig({})).toMatchObject({ ok: true, config: { secrets: {} } });
  });
});

describe("checking the secrets a configuration refers to", () => {
  it("names each reference to an undefined secret at its key, with a hint", () => {
    const config = { secrets: { NPM_TOKEN: "sealed:v1:…", MIRROR_KEY_ID: "sealed:v1:…" } };

    const problems = checkSecretReferences(config, [
      { name: "NPM_TOKEN", key: "publish.targets.npm.token" },
      { name: "Npm_Token", key: "publish.targets.next.token" },
      { name: "PYPI_TOKEN", key: "publish.targets.pypi.token" },
    ]);

    expect(problems).toEqual([
      {
        key: "publish.targets.next.token",
        message: expect.stringMatching(/^names the secret Npm_Token, which `secrets:` does not define \(did you mean NPM_TOKEN\?\): seal it with `npm run seal`/),
      },
      {
        key: "publish.targets.pypi.token",
        message: expect.stringMatching(/^names the secret PYPI_TOKEN, which `secrets:` does not define \(defined: NPM_TOKEN, MIRROR_KEY_ID\)/),
      },
    ]);
    expect(checkSecretReferences({ secrets: {} }, [{ name: "TOKEN", key: "a.b" }])[0]?.message).toMatch(/\(no secrets are defined\)/);
    expect(checkSecretReferences({ secrets: {} }, [{ name: "constructor", key: "a.b" }])).toHaveLength(1);
  });
});
