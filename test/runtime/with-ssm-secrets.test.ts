import { MissingSecretError, withSsmSecrets } from "../../src/runtime/with-ssm-secrets";
import { startFakeSsm } from "../helpers/ssm-api";

const STORED = new Map([
  ["/slipway/prod/private-key", "-----BEGIN RSA PRIVATE KEY-----\nMII...\n-----END RSA PRIVATE KEY-----\n"],
  ["/slipway/prod/webhook-secret", "s3cret"],
  ["/slipway/prod/sealing-key", "c2VhbGluZy1rZXktb2YtMzItYnl0ZXMtZXhhY3RseSE="],
  ["/slipway/prod/session-key", "c2Vzc2lvbi1rZXktb2YtMzItYnl0ZXMtZXhhY3RseSE"],
  ["/slipway/prod/github-client-id", "Iv23liClientId"],
  ["/slipway/prod/github-client-secret", "client-secret-value"],
]);
const ALL = ["private-key", "webhook-secret", "sealing-key", "session-key", "github-client-id", "github-client-secret"].map((name) => `/slipway/prod/${name}`);

describe("withSsmSecrets", () => {
  let ssm: Awaited<ReturnType<typeof startFakeSsm>>;
  afterEach(async () => {
    await ssm.close();
  });

  /** The environment the deployment sets, pointed at the loopback SSM. */
  const deployed = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ SLIPWAY_SECRETS_PATH: "/slipway/prod", AWS_REGION: "us-east-1", SSM_ENDPOINT: ssm.endpoint, ...extra });
  it("fills every secret from SSM in one decrypted read", async () => {
    ssm = await startFakeSsm(new Map(STORED));

    const env = await withSsmSecrets(deployed({ APP_ID: "12" }));

    expect(env).toEqual({
      ...deployed({ APP_ID: "12" }),
      PRIVATE_KEY: STORED.get("/slipway/prod/private-key"),
      WEBHOOK_SECRET: "s3cret",
      SLIPWAY_SEALING_KEY: STORED.get("/slipway/prod/sealing-key"),
      SLIPWAY_SESSION_KEY: STORED.get("/slipway/prod/session-key"),
      GITHUB_CLIENT_ID: "Iv23liClientId",
      GITHUB_CLIENT_SECRET: "client-secret-value",
    });
    expect(ssm.calls).toEqual([{ target: "AmazonSSM.GetParameters", body: { Names: ALL, WithDecryption: true } }]);
  });

  it("keeps a variable that is already set and asks SSM only for the others", async () => {
    ssm = await startFakeSsm(new Map(STORED));

    const env = await withSsmSecrets(deployed({ WEBHOOK_SECRET: "from-env", PRIVATE_KEY: "" }));

    expect(env.WEBHOOK_SECRET).toBe("from-env");
    expect(env.PRIVATE_KEY).toBe(STORED.get("/slipway/prod/private-key"));
    expect(ssm.calls[0]?.body.Names).toEqual(ALL.filter((name) => !name.endsWith("/webhook-secret")));
  });

  it("leaves the environment alone without SLIPWAY_SECRETS_PATH, asking SSM nothing", async () => {
    ssm = await startFakeSsm(new Map(STORED));
    const source = { WEBHOOK_SECRET: "local", SSM_ENDPOINT: ssm.endpoint };

    expect(await withSsmSecrets(source)).toBe(source);
    expect(ssm.calls).toEqual([]);
  });

  it("names every missing parameter and says how to store them", async () => {
    const stored = new Map(STORED);
    stored.delete("/slipway/prod/sealing-key");
    stored.delete("/slipway/prod/webhook-secret");
    ssm = await startFakeSsm(stored);

    const reading = withSsmSecrets(deployed());

    await expect(reading).rejects.toThrow(MissingSecretError);
    await expect(reading).rejects.toThrow(/no \/slipway\/prod\/webhook-secret, \/slipway\/prod\/sealing-key in us-east-1: run `npm run deploy`/);
  });

  it("runs without the optional OAuth client, which only private previews' sign-in needs", async () => {
    const stored = new Map(STORED);
    stored.delete("/slipway/prod/github-client-id");
    stored.delete("/slipway/prod/github-client-secret");
    ssm = await startFakeSsm(stored);

    const env = await withSsmSecrets(deployed());

    expect(env.WEBHOOK_SECRET).toBe("s3cret");
    expect(env).not.toHaveProperty("GITHUB_CLIENT_SECRET");
  });

  it("refuses a path that is not an SSM path, naming the variable", async () => {
    ssm = await startFakeSsm(new Map(STORED));
    await expect(withSsmSecrets({ ...deployed(), SLIPWAY_SECRETS_PATH: "slipway/prod/" })).rejects.toThrow(/SLIPWAY_SECRETS_PATH: must be an SSM parameter path/);
    expect(ssm.calls).toEqual([]);
  });
});
