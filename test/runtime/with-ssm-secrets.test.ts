import { MissingSecretError, withSsmSecrets } from "../../src/runtime/with-ssm-secrets";
import { mockSsm } from "../helpers/ssm-api";

const STORED = new Map([
  ["/slipway/prod/private-key", "-----BEGIN RSA PRIVATE KEY-----\nMII...\n-----END RSA PRIVATE KEY-----\n"],
  ["/slipway/prod/webhook-secret", "s3cret"],
  ["/slipway/prod/sealing-key", "c2VhbGluZy1rZXktb2YtMzItYnl0ZXMtZXhhY3RseSE="],
]);

describe("withSsmSecrets", () => {
  it("fills the private key, webhook secret and sealing key from SSM in one decrypted read", async () => {
    const ssm = mockSsm(new Map(STORED));

    const env = await withSsmSecrets({ SLIPWAY_SECRETS_PATH: "/slipway/prod", AWS_REGION: "us-east-1", APP_ID: "12" });

    expect(env).toEqual({
      SLIPWAY_SECRETS_PATH: "/slipway/prod",
      AWS_REGION: "us-east-1",
      APP_ID: "12",
      PRIVATE_KEY: STORED.get("/slipway/prod/private-key"),
      WEBHOOK_SECRET: "s3cret",
      SLIPWAY_SEALING_KEY: STORED.get("/slipway/prod/sealing-key"),
    });
    expect(ssm.calls).toEqual([
      { target: "AmazonSSM.GetParameters", body: { Names: ["/slipway/prod/private-key", "/slipway/prod/webhook-secret", "/slipway/prod/sealing-key"], WithDecryption: true } },
    ]);
  });

  it("keeps a variable that is already set and asks SSM only for the others", async () => {
    const ssm = mockSsm(new Map(STORED));

    const env = await withSsmSecrets({ SLIPWAY_SECRETS_PATH: "/slipway/prod", AWS_REGION: "us-east-1", WEBHOOK_SECRET: "from-env", PRIVATE_KEY: "" });

    expect(env.WEBHOOK_SECRET).toBe("from-env");
    expect(env.PRIVATE_KEY).toBe(STORED.get("/slipway/prod/private-key"));
    expect(ssm.calls[0]?.body.Names).toEqual(["/slipway/prod/private-key", "/slipway/prod/sealing-key"]);
  });

  it("leaves the environment alone without SLIPWAY_SECRETS_PATH, asking SSM nothing", async () => {
    const ssm = mockSsm(new Map(STORED));
    const source = { WEBHOOK_SECRET: "local" };

    expect(await withSsmSecrets(source)).toBe(source);
    expect(ssm.calls).toEqual([]);
  });

  it("names every missing parameter and says how to store them", async () => {
    const stored = new Map(STORED);
    stored.delete("/slipway/prod/sealing-key");
    stored.delete("/slipway/prod/webhook-secret");
    mockSsm(stored);

    const reading = withSsmSecrets({ SLIPWAY_SECRETS_PATH: "/slipway/prod", AWS_REGION: "us-east-1" });

    await expect(reading).rejects.toThrow(MissingSecretError);
    await expect(reading).rejects.toThrow(/no \/slipway\/prod\/webhook-secret, \/slipway\/prod\/sealing-key in us-east-1: run `npm run deploy`/);
  });

  it("refuses a path that is not an SSM path, naming the variable", async () => {
    await expect(withSsmSecrets({ SLIPWAY_SECRETS_PATH: "slipway/prod/" })).rejects.toThrow(/SLIPWAY_SECRETS_PATH: must be an SSM parameter path/);
  });
});
