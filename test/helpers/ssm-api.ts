import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The JSON body and target (`AmazonSSM.<Operation>`) of one SSM request. */
export interface SsmCall {
  target: string;
  body: Record<string, unknown>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function reply(response: ServerResponse, status: number, body: unknown, contentType = "application/x-amz-json-1.1"): void {
  response.writeHead(status, { "content-type": contentType }).end(typeof body === "string" ? body : JSON.stringify(body));
}

/**
 * A loopback HTTP server speaking SSM Parameter Store's JSON protocol (GetParameters,
 * GetParameter, PutParameter) over an in-memory store, for the real SSM client to talk to:
 * AWS has no local SSM to run, and nock cannot follow the SDK's requests across test files.
 */
export async function startFakeSsm(parameters: Map<string, string>): Promise<{ endpoint: string; calls: SsmCall[]; close(): Promise<void> }> {
  const calls: SsmCall[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((text) => {
      const target = String(request.headers["x-amz-target"] ?? "");
      const body = JSON.parse(text) as Record<string, unknown>;
      calls.push({ target, body });
      const parameter = (name: string) => ({ Name: name, Type: "SecureString", Value: parameters.get(name), Version: 1 });
      switch (target) {
        case "AmazonSSM.GetParameters": {
          const names = body.Names as string[];
          return reply(response, 200, { Parameters: names.filter((name) => parameters.has(name)).map(parameter), InvalidParameters: names.filter((name) => !parameters.has(name)) });
        }
        case "AmazonSSM.GetParameter": {
          const name = String(body.Name);
          if (!parameters.has(name)) return reply(response, 400, { __type: "ParameterNotFound", message: `Parameter ${name} not found.` });
          return reply(response, 200, { Parameter: parameter(name) });
        }
        case "AmazonSSM.PutParameter": {
          const name = String(body.Name);
          if (parameters.has(name) && body.Overwrite !== true) return reply(response, 400, { __type: "ParameterAlreadyExists", message: "The parameter already exists." });
          parameters.set(name, String(body.Value));
          return reply(response, 200, { Version: 1, Tier: "Standard" });
        }
        default:
          return reply(response, 400, { __type: "InvalidAction", message: `not answered here: ${target}` });
      }
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * A loopback CloudFormation (query protocol, XML answers) that knows one stack and its
 * outputs: enough for DescribeStacks.
 */
export async function startFakeCloudFormation(stackName: string, outputs: Record<string, string>): Promise<{ endpoint: string; described: string[]; close(): Promise<void> }> {
  const described: string[] = [];
  const server = createServer((request, response) => {
    void readBody(request).then((text) => {
      const form = new URLSearchParams(text);
      if (form.get("Action") !== "DescribeStacks") return reply(response, 400, "<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>", "text/xml");
      described.push(form.get("StackName") ?? "");
      if (form.get("StackName") !== stackName) {
        return reply(response, 400, `<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${form.get("StackName")} does not exist</Message></Error></ErrorResponse>`, "text/xml");
      }
      const members = Object.entries(outputs).map(([key, value]) => `<member><OutputKey>${key}</OutputKey><OutputValue>${value}</OutputValue></member>`).join("");
      return reply(
        response,
        200,
        `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member><StackName>${stackName}</StackName><StackStatus>UPDATE_COMPLETE</StackStatus><CreationTime>2026-12-01T00:00:00Z</CreationTime><Outputs>${members}</Outputs></member></Stacks></DescribeStacksResult></DescribeStacksResponse>`,
        "text/xml",
      );
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    described,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
