import { readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { EnvSchema, parseEnv } from "../../src/config/env";
import { TABLE_DEFINITION, TTL_ATTRIBUTE } from "../../src/store/table";

// serverless.yml uses CloudFormation's short forms; read them as their long forms.
const CLOUDFORMATION_TAGS = [
  new yaml.Type("!Ref", { kind: "scalar", construct: (name: string) => ({ Ref: name }) }),
  new yaml.Type("!GetAtt", { kind: "scalar", construct: (path: string) => ({ "Fn::GetAtt": path.split(".") }) }),
  new yaml.Type("!Sub", { kind: "scalar", construct: (template: string) => ({ "Fn::Sub": template }) }),
];

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
}

interface ServerlessYml {
  provider: { environment: Record<string, unknown> };
  functions: Record<string, { handler: string; timeout?: number; events?: Record<string, Record<string, unknown>>[] }>;
  resources: { Resources: Record<string, Resource> };
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
  if (text.startsWith("${param:")) return "from-ssm";
  return text;
}

describe("serverless.yml", () => {
  it("sets only environment variables Slipway reads", () => {
    const known = Object.keys(EnvSchema.in.shape);
    const unknown = Object.keys(config.provider.environment).filter((name) => name !== "NODE_OPTIONS" && !known.includes(name));

    expect(unknown).toEqual([]);
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

  it("answers GET /api/slipway/public-key from its own function, and never puts the sealing key in the template", () => {
    const routes = Object.entries(config.functions).flatMap(([name, fn]) =>
      (fn.events ?? []).flatMap((event) => (event.httpApi ? [{ name, handler: fn.handler, method: event.httpApi.method, path: event.httpApi.path }] : [])),
    );

    expect(routes.filter((route) => route.path === "/api/slipway/public-key")).toEqual([
      { name: "publicKey", handler: "handlers/public-key.handler", method: "GET", path: "/api/slipway/public-key" },
    ]);
    expect(Object.keys(config.provider.environment)).not.toContain("SLIPWAY_SEALING_KEY");
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
