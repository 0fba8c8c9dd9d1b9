import { createPublicKey, createPrivateKey } from "node:crypto";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { SSMClient } from "@aws-sdk/client-ssm";
import { deployArguments } from "../../src/provision/deploy-arguments";
import { deployToAws, ServerlessDeployError } from "../../src/provision/deploy-to-aws";
import { MissingAppCredentialsError } from "../../src/provision/read-app-credentials";
import { startFakeCloudFormation, startFakeSsm } from "../helpers/ssm-api";
import { testPrivateKey } from "../helpers/test-probot";

const WEBHOOK_URL = "https://abc123.execute-api.us-east-1.amazonaws.com/api/github/webhooks";

/** `.env` as Probot's registration writes it: the key quoted with real line breaks. */
function dotEnv() {
  return { APP_ID: "123456", PRIVATE_KEY: testPrivateKey(), WEBHOOK_SECRET: "the-webhook-secret", GITHUB_CLIENT_ID: "Iv1.abc", GITHUB_CLIENT_SECRET: "the-client-secret" };
}

describe("npm run deploy", () => {
  let parameters: Map<string, string>;
  let aws: Awaited<ReturnType<typeof startFakeSsm>>;
  let stacks: Awaited<ReturnType<typeof startFakeCloudFormation>>;
  let ssm: SSMClient;
  let cloudformation: CloudFormationClient;
  let said: string[];
  let serverlessRuns: string[][];

  beforeEach(async () => {
    parameters = new Map();
    aws = await startFakeSsm(parameters);
    stacks = await startFakeCloudFormation("slipway-prod", { SiteBaseUrl: "https://abc123.execute-api.us-east-1.amazonaws.com/sites", WebhookUrl: WEBHOOK_URL });
    ssm = new SSMClient({ region: "us-east-1", endpoint: aws.endpoint });
    cloudformation = new CloudFormationClient({ region: "us-east-1", endpoint: stacks.endpoint });
    said = [];
    serverlessRuns = [];
  });
  afterEach(async () => {
    ssm.destroy();
    cloudformation.destroy();
    await aws.close();
    await stacks.close();
  });

  function deploy(env: NodeJS.ProcessEnv, exitCode = 0) {
    return deployToAws({
      stage: "prod",
      region: "us-east-1",
      env,
      ssm,
      cloudformation,
      runServerless: async (args) => {
        serverlessRuns.push(args);
        return exitCode;
      },
      say: (line) => said.push(line),
    });
  }

  it("stores the secrets as SecureStrings, creates a sealing key, deploys, and prints the webhook URL", async () => {
    const { webhookUrl } = await deploy(dotEnv());

    expect(webhookUrl).toBe(WEBHOOK_URL);
    expect(said.join("\n")).toContain(`Set the GitHub App's webhook URL (the app's settings, General, Webhook) to:\n  ${WEBHOOK_URL}`);
    expect(serverlessRuns).toEqual([["deploy", "--stage", "prod", "--region", "us-east-1", "--param=appId=123456"]]);
    const puts = aws.calls.filter((call) => call.target === "AmazonSSM.PutParameter").map((call) => call.body);
    expect(puts.map(({ Name, Type, Overwrite }) => ({ Name, Type, Overwrite }))).toEqual([
      { Name: "/slipway/prod/private-key", Type: "SecureString", Overwrite: true },
      { Name: "/slipway/prod/webhook-secret", Type: "SecureString", Overwrite: true },
      { Name: "/slipway/prod/github-client-id", Type: "SecureString", Overwrite: true },
      { Name: "/slipway/prod/github-client-secret", Type: "SecureString", Overwrite: true },
      { Name: "/slipway/prod/sealing-key", Type: "SecureString", Overwrite: false },
      { Name: "/slipway/prod/session-key", Type: "SecureString", Overwrite: false },
    ]);
    expect(parameters.get("/slipway/prod/github-client-secret")).toBe("the-client-secret");
    expect(Buffer.from(parameters.get("/slipway/prod/session-key") ?? "", "base64url")).toHaveLength(32);
    expect(parameters.get("/slipway/prod/private-key")).toBe(testPrivateKey());
    expect(parameters.get("/slipway/prod/webhook-secret")).toBe("the-webhook-secret");
    // A usable X25519 secret key: 32 raw bytes, from which node derives the public key.
    const sealingKey = Buffer.from(parameters.get("/slipway/prod/sealing-key") ?? "", "base64");
    expect(sealingKey).toHaveLength(32);
    const publicKey = createPublicKey(createPrivateKey({ key: Buffer.concat([Buffer.from("302e020100300506032b656e04220420", "hex"), sealingKey]), format: "der", type: "pkcs8" }));
    expect(publicKey.asymmetricKeyType).toBe("x25519");
    // No secret in what the deploy says.
    expect(said.join("\n")).not.toContain("the-webhook-secret");
    expect(said.join("\n")).not.toContain("the-client-secret");
    expect(said.join("\n")).not.toContain("PRIVATE KEY");
    expect(stacks.described).toEqual(["slipway-prod"]);
  });

  it("keeps the stage's sealing key on a later deploy, so sealed values stay readable", async () => {
    parameters.set("/slipway/prod/sealing-key", "ZXhpc3Rpbmcta2V5LW9mLTMyLWJ5dGVzLWV4YWN0bHkhIQ==");

    await deploy(dotEnv());

    expect(parameters.get("/slipway/prod/sealing-key")).toBe("ZXhpc3Rpbmcta2V5LW9mLTMyLWJ5dGVzLWV4YWN0bHkhIQ==");
    expect(aws.calls.filter((call) => call.body.Name === "/slipway/prod/sealing-key").map((call) => call.target)).toEqual(["AmazonSSM.GetParameter"]);
    expect(said).toContain("Stored the private key and webhook secret in SSM under /slipway/prod/; kept the sealing key; created the site session key.");
  });

  it("refuses before touching AWS when .env lacks the app's credentials, naming them", async () => {
    const deploying = deploy({ APP_ID: "123456" });

    await expect(deploying).rejects.toThrow(MissingAppCredentialsError);
    await expect(deploying).rejects.toThrow(/^PRIVATE_KEY \(or PRIVATE_KEY_PATH\), WEBHOOK_SECRET missing from \.env: register the GitHub App first/);
    expect(aws.calls).toEqual([]);
    expect(serverlessRuns).toEqual([]);
  });

  it("stops when serverless deploy fails, without asking for the stack's outputs", async () => {
    await expect(deploy(dotEnv(), 1)).rejects.toThrow(ServerlessDeployError);
    expect(stacks.described).toEqual([]);
  });
});

describe("npm run deploy's arguments", () => {
  it("defaults the stage to prod and the region to AWS_REGION", () => {
    expect(deployArguments([], { AWS_REGION: "eu-west-1" })).toEqual({ stage: "prod", region: "eu-west-1" });
    expect(deployArguments(["--stage", "staging", "--region", "us-east-2"], { AWS_REGION: "eu-west-1" })).toEqual({ stage: "staging", region: "us-east-2" });
    expect(deployArguments([], { AWS_DEFAULT_REGION: "ap-southeast-2" }).region).toBe("ap-southeast-2");
  });

  it("asks for a region when none is given", () => {
    expect(() => deployArguments([], {})).toThrow(/Which AWS region\? Pass --region/);
  });

  it("refuses a stage that cannot name a stack or an SSM path, and unknown options", () => {
    expect(() => deployArguments(["--stage", "Prod/1"], { AWS_REGION: "eu-west-1" })).toThrow(/--stage must start with a letter/);
    expect(() => deployArguments(["--stag", "x"], { AWS_REGION: "eu-west-1" })).toThrow(/Unknown option '--stag'[\s\S]*Usage: npm run deploy/);
  });
});
