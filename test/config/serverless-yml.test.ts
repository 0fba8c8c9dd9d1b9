import { readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { EnvSchema, parseEnv } from "../../src/config/env";
import { TABLE_DEFINITION, TTL_ATTRIBUTE } from "../../src/store/dynamo/table";

// serverless.yml uses CloudFormation's short forms; read them as their long forms.
const CLOUDFORMATION_TAGS = [
  new yaml.Type("!Not", { kind: "sequence", construct: (items: unknown[]) => ({ "Fn::Not": items }) }),
  new yaml.Type("!Equals", { kind: "sequence", construct: (items: unknown[]) => ({ "Fn::Equals": items }) }),
  new yaml.Type("!Ref", { kind: "scalar", construct: (name: string) => ({ Ref: name }) }),
  new yaml.Type("!GetAtt", { kind: "scalar", construct: (path: string) => ({ "Fn::GetAtt": path.split(".") }) }),
  new yaml.Type("!Sub", { kind: "scalar", construct: (template: string) => ({ "Fn::Sub": template }) }),
];

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}

interface ServerlessYml {
  params: { default: Record<string, unknown> };
  provider: { environment: Record<string, unknown> };
  functions: Record<string, { timeout?: number; environment?: Record<string, unknown>; events?: Record<string, Record<string, unknown>>[] }>;
  resources: { Conditions: Record<string, unknown>; Resources: Record<string, Resource & { Condition?: string }>; Outputs: Record<string, { Condition?: string; Value: unknown }> };
}

const config = yaml.load(readFileSync(join(__dirname, "..", "..", "serverless.yml"), "utf8"), {
  schema: yaml.DEFAULT_SCHEMA.extend(CLOUDFORMATION_TAGS),
}) as ServerlessYml;
const resources = config.resources.Resources;

/** What CloudFormation and the deploy-time variables turn each environment value into. */
function deployedValue(value: unknown): string {
  if (typeof value === "object" && value !== null) {
    if ("Ref" in value && value.Ref === "JobQueue") return "https://sqs.us-east-1.amazonaws.com/123456789012/slipway-jobs-prod.fifo";
    if ("Ref" in value) return `slipway-prod-${String(value.Ref).toLowerCase()}-1a2b3c`;
    if ("Fn::Sub" in value) {
      return String(value["Fn::Sub"])
        .replace("${HttpApi}", "abc123")
        .replace("${AWS::Region}", "us-east-1")
        .replace("${AWS::URLSuffix}", "amazonaws.com");
    }
  }
  const text = String(value);
  if (text.startsWith("${param:appId")) return "12345";
  if (text.startsWith("${param:logLevel")) return "info";
  if (text.startsWith("${param:siteDomain")) return "";
  if (text.startsWith("${param:sessionKey")) return "a-session-key-of-at-least-32-characters";
  if (text.startsWith("${param:")) return "from-ssm";
  return text;
}

describe("serverless.yml", () => {
  it("sets only environment variables Slipway reads, for every function", () => {
    const known = Object.keys(EnvSchema.in.shape);
    const set = [config.provider.environment, ...Object.values(config.functions).map((fn) => fn.environment ?? {})].flatMap((environment) => Object.keys(environment));
    const unknown = set.filter((name) => name !== "NODE_OPTIONS" && !known.includes(name));

    expect(unknown).toEqual([]);
  });

  it("gives the OAuth client secret and the session key to the site function only, from SSM", () => {
    const site = config.functions.site!.environment ?? {};
    expect(site).toEqual({
      GITHUB_CLIENT_ID: "${param:githubClientId, ssm:/slipway/${sls:stage}/github-client-id}",
      GITHUB_CLIENT_SECRET: "${param:githubClientSecret, ssm:/slipway/${sls:stage}/github-client-secret}",
      SLIPWAY_SESSION_KEY: "${param:sessionKey, ssm:/slipway/${sls:stage}/session-key}",
    });
    for (const name of ["GITHUB_CLIENT_SECRET", "SLIPWAY_SESSION_KEY"]) expect(config.provider.environment).not.toHaveProperty(name);
    const env = parseEnv(Object.fromEntries(Object.entries({ ...config.provider.environment, ...site }).map(([name, value]) => [name, deployedValue(value)])));
    expect(env.SITE_DOMAIN).toBeUndefined();
    expect(env.SLIPWAY_SESSION_KEY).toBeDefined();
  });

  it("attaches the wildcard domain *.<siteDomain> to the HTTP API only when a site domain is given, and routes its every path to the site function", () => {
    expect(config.params.default).toMatchObject({ siteDomain: "", siteCertificateArn: "" });
    expect(config.resources.Conditions.HasSiteDomain).toEqual({ "Fn::Not": [{ "Fn::Equals": ["${param:siteDomain}", ""] }] });
    expect(resources.SiteDomain).toMatchObject({
      Type: "AWS::ApiGatewayV2::DomainName",
      Condition: "HasSiteDomain",
      Properties: { DomainName: "*.${param:siteDomain}", DomainNameConfigurations: [{ CertificateArn: "${param:siteCertificateArn}", EndpointType: "REGIONAL" }] },
    });
    expect(resources.SiteDomainMapping).toMatchObject({ Condition: "HasSiteDomain", Properties: { ApiId: { Ref: "HttpApi" }, DomainName: { Ref: "SiteDomain" }, Stage: "$default" } });
    expect(config.resources.Outputs.SiteDomainTarget).toMatchObject({ Condition: "HasSiteDomain", Value: { "Fn::GetAtt": ["SiteDomain", "RegionalDomainName"] } });
    const routes = config.functions.site!.events!.map((event) => `${String(event.httpApi?.method)} ${String(event.httpApi?.path)}`);
    expect(routes).toEqual(expect.arrayContaining(["GET /", "GET /{proxy+}", "HEAD /{proxy+}", "GET /sites/{proxy+}"]));
  });

  it("sets an environment the app accepts, with the AWS parts selected", () => {
    const env = parseEnv(Object.fromEntries(Object.entries(config.provider.environment).map(([name, value]) => [name, deployedValue(value)])));

    expect(env).toMatchObject({ SLIPWAY_STORE: "dynamodb", SLIPWAY_QUEUE: "sqs", SLIPWAY_BLOBS: "s3", APP_ID: 12345 });
    expect(env.SITE_BASE_URL).toBe("https://abc123.execute-api.us-east-1.amazonaws.com/sites");
  });

  it("reads the app's credentials from SSM, never from the file", () => {
    const { APP_ID, WEBHOOK_SECRET, PRIVATE_KEY } = config.provider.environment;

    expect(APP_ID).toBe("${param:appId, ssm:/slipway/${sls:stage}/app-id}");
    expect(WEBHOOK_SECRET).toBe("${param:webhookSecret, ssm:/slipway/${sls:stage}/webhook-secret}");
    expect(PRIVATE_KEY).toBe("${param:privateKey, ssm:/slipway/${sls:stage}/private-key}");
  });

  it("creates the table the stores are written for, with TTL on their expiry attribute", () => {
    const table = resources.Table!.Properties;

    expect(table.KeySchema).toEqual(TABLE_DEFINITION.KeySchema);
    expect(table.AttributeDefinitions).toEqual(TABLE_DEFINITION.AttributeDefinitions);
    expect(table.GlobalSecondaryIndexes).toEqual(TABLE_DEFINITION.GlobalSecondaryIndexes);
    expect(table.BillingMode).toBe(TABLE_DEFINITION.BillingMode);
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
  });

  it("keeps a message hidden for six worker timeouts and dead-letters it after SLIPWAY_MAX_ATTEMPTS", () => {
    const queue = resources.JobQueue!.Properties;
    const workerTimeout = config.functions.worker!.timeout!;
    const maxAttempts = EnvSchema.in.shape.SLIPWAY_MAX_ATTEMPTS.parse(undefined);

    expect(queue.FifoQueue).toBe(true);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * workerTimeout);
    expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: { "Fn::GetAtt": ["JobDeadLetterQueue", "Arn"] }, maxReceiveCount: maxAttempts });
    expect(resources.JobDeadLetterQueue!.Properties.FifoQueue).toBe(true);
  });

  it("has the worker report partial batch failures from the job queue", () => {
    const sqs = config.functions.worker!.events!.map((event) => event.sqs).find(Boolean);

    expect(sqs).toMatchObject({ arn: { "Fn::GetAtt": ["JobQueue", "Arn"] }, functionResponseType: "ReportBatchItemFailures" });
  });

  it("blocks every kind of public access to the bucket", () => {
    expect(resources.Bucket!.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });
});
