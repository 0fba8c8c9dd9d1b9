import { readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { EnvSchema, parseEnv } from "../../src/config/env";
import { SECRET_PARAMETERS, secretsPath } from "../../src/config/secret-parameters";
import { SQS_MAX_RECEIVE_COUNT } from "../../src/queue/record-deferral";
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

interface IamStatement {
  Effect: string;
  Action: string[];
  Resource: unknown[];
}

interface ServerlessYml {
  params: { default: Record<string, unknown> };
  provider: { runtime: string; environment: Record<string, unknown>; iam: { role: { statements: IamStatement[] } } };
  custom: { esbuild: { target: string } };
  functions: Record<string, { handler: string; timeout?: number; environment?: Record<string, unknown>; events?: Record<string, Record<string, unknown>>[] }>;
  resources: { Conditions: Record<string, unknown>; Resources: Record<string, Resource & { Condition?: string }>; Outputs: Record<string, { Condition?: string; Value: unknown }> };
}

const text = readFileSync(join(__dirname, "..", "..", "serverless.yml"), "utf8");
const config = yaml.load(text, {
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
  if (text === "${param:appId}") return "12345";
  if (text.startsWith("${param:logLevel")) return "info";
  if (text.startsWith("${param:siteDomain")) return "";
  return text.replace("${sls:stage}", "prod");
}

describe("serverless.yml", () => {
  it("sets only environment variables Slipway reads, for every function", () => {
    const known = Object.keys(EnvSchema.in.shape);
    const set = [config.provider.environment, ...Object.values(config.functions).map((fn) => fn.environment ?? {})].flatMap((environment) => Object.keys(environment));
    const unknown = set.filter((name) => name !== "NODE_OPTIONS" && !known.includes(name));

    expect(unknown).toEqual([]);
  });

  it("gives no function the OAuth client secret or the session key in its environment: they come from SSM at cold start", () => {
    for (const [name, settings] of Object.entries(config.functions)) {
      for (const secret of ["GITHUB_CLIENT_SECRET", "SLIPWAY_SESSION_KEY"]) expect([name, settings.environment ?? {}]).not.toEqual([name, expect.objectContaining({ [secret]: expect.anything() })]);
    }
    for (const name of ["GITHUB_CLIENT_SECRET", "SLIPWAY_SESSION_KEY"]) expect(config.provider.environment).not.toHaveProperty(name);
    expect(SECRET_PARAMETERS.map(({ variable }) => variable)).toEqual(expect.arrayContaining(["SLIPWAY_SESSION_KEY", "GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET"]));
    const env = parseEnv(Object.fromEntries(Object.entries(config.provider.environment).map(([name, value]) => [name, deployedValue(value)])));
    expect(env.SITE_DOMAIN).toBeUndefined();
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

  it("runs on Node.js 22, and bundles for it", () => {
    expect(config.provider.runtime).toBe("nodejs22.x");
    expect(config.custom.esbuild.target).toBe("node22");
  });

  it("puts no secret in the functions' environment or the template: they name where SSM keeps them", () => {
    const secrets = SECRET_PARAMETERS.map(({ variable }) => variable);

    expect(Object.keys(config.provider.environment).filter((name) => (secrets as readonly string[]).includes(name))).toEqual([]);
    expect(config.provider.environment.SLIPWAY_SECRETS_PATH).toBe(secretsPath("${sls:stage}"));
    expect(config.provider.environment.APP_ID).toBe("${param:appId}");
    // Not resolved at deploy time either: an `${ssm:…}` variable would copy the value into the template.
    expect(text).not.toMatch(/\$\{ssm:/);
  });

  it("lets the functions read exactly the stage's secret parameters", () => {
    const reads = config.provider.iam.role.statements.filter((statement) => statement.Action.some((action) => action.startsWith("ssm:")));

    expect(reads).toEqual([
      {
        Effect: "Allow",
        Action: ["ssm:GetParameters"],
        Resource: SECRET_PARAMETERS.map(({ name }) => ({
          "Fn::Sub": `arn:\${AWS::Partition}:ssm:\${AWS::Region}:\${AWS::AccountId}:parameter${secretsPath("${sls:stage}")}/${name}`,
        })),
      },
    ]);
    expect(config.provider.iam.role.statements.flatMap((statement) => statement.Action).filter((action) => action.startsWith("kms:"))).toEqual([]);
  });

  it("reads, at cold start, what the template leaves out: the environment plus SSM's secrets parses", () => {
    const deployed = Object.fromEntries(Object.entries(config.provider.environment).map(([name, value]) => [name, deployedValue(value)]));
    const fromSsm = Object.fromEntries(SECRET_PARAMETERS.map(({ variable }) => [variable, variable === "SLIPWAY_SESSION_KEY" ? "a-session-key-of-at-least-32-characters" : "from-ssm"]));

    expect(parseEnv({ ...deployed, ...fromSsm })).toMatchObject({ WEBHOOK_SECRET: "from-ssm", PRIVATE_KEY: "from-ssm", SLIPWAY_SEALING_KEY: "from-ssm", SLIPWAY_SECRETS_PATH: "/slipway/prod" });
  });

  it("creates the table the stores are written for, with TTL on their expiry attribute", () => {
    const table = resources.Table!.Properties;

    expect(table.KeySchema).toEqual(TABLE_DEFINITION.KeySchema);
    expect(table.AttributeDefinitions).toEqual(TABLE_DEFINITION.AttributeDefinitions);
    expect(table.GlobalSecondaryIndexes).toEqual(TABLE_DEFINITION.GlobalSecondaryIndexes);
    expect(table.BillingMode).toBe(TABLE_DEFINITION.BillingMode);
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
  });

  it("keeps a message hidden for six worker timeouts and dead-letters it only after every attempt and many deferrals", () => {
    const queue = resources.JobQueue!.Properties;
    const workerTimeout = config.functions.worker!.timeout!;
    const attemptsAllowed = (value: number) => EnvSchema.in.shape.SLIPWAY_MAX_ATTEMPTS.safeParse(String(value)).success;
    const mostAttempts = 20;
    expect([attemptsAllowed(mostAttempts), attemptsAllowed(mostAttempts + 1)]).toEqual([true, false]);

    expect(queue.FifoQueue).toBe(true);
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * workerTimeout);
    expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: { "Fn::GetAtt": ["JobDeadLetterQueue", "Arn"] }, maxReceiveCount: SQS_MAX_RECEIVE_COUNT });
    // Deferred receives count towards maxReceiveCount: the most failed attempts allowed must leave room for them.
    expect(SQS_MAX_RECEIVE_COUNT - mostAttempts).toBeGreaterThanOrEqual(80);
    expect(resources.JobDeadLetterQueue!.Properties.FifoQueue).toBe(true);
  });

  it("lets the functions put a received job back on the queue for a while", () => {
    const onQueue = config.provider.iam.role.statements.filter((statement) => JSON.stringify(statement.Resource).includes('"JobQueue"')).flatMap((statement) => statement.Action);

    expect(onQueue).toEqual(expect.arrayContaining(["sqs:SendMessage", "sqs:ChangeMessageVisibility"]));
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
