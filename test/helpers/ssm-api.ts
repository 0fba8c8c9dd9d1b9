import nock from "nock";

/** SSM's regional endpoint, answered by nock (SSM has no local stand-in to run the tests on). */
export const SSM_API = "https://ssm.us-east-1.amazonaws.com";

/** The JSON body and target (`AmazonSSM.<Operation>`) of one SSM request. */
export interface SsmCall {
  target: string;
  body: Record<string, unknown>;
}

/**
 * Answers SSM's JSON protocol from an in-memory parameter store: GetParameters, GetParameter
 * and PutParameter, as many times as asked; `calls` lists what was asked.
 */
export function mockSsm(parameters: Map<string, string>): { scope: nock.Scope; calls: SsmCall[] } {
  const calls: SsmCall[] = [];
  const scope = nock(SSM_API)
    .persist()
    .post("/")
    .reply(function answer(_uri, requestBody) {
      const target = String(this.req.headers["x-amz-target"] ?? "");
      const body = (typeof requestBody === "string" ? JSON.parse(requestBody) : requestBody) as Record<string, unknown>;
      calls.push({ target, body });
      const json = { "content-type": "application/x-amz-json-1.1" };
      const parameter = (name: string) => ({ Name: name, Type: "SecureString", Value: parameters.get(name), Version: 1 });
      switch (target) {
        case "AmazonSSM.GetParameters": {
          const names = body.Names as string[];
          return [200, { Parameters: names.filter((name) => parameters.has(name)).map(parameter), InvalidParameters: names.filter((name) => !parameters.has(name)) }, json];
        }
        case "AmazonSSM.GetParameter": {
          const name = String(body.Name);
          if (!parameters.has(name)) return [400, { __type: "ParameterNotFound", message: `Parameter ${name} not found.` }, json];
          return [200, { Parameter: parameter(name) }, json];
        }
        case "AmazonSSM.PutParameter": {
          const name = String(body.Name);
          if (parameters.has(name) && body.Overwrite !== true) return [400, { __type: "ParameterAlreadyExists", message: "The parameter already exists." }, json];
          parameters.set(name, String(body.Value));
          return [200, { Version: 1, Tier: "Standard" }, json];
        }
        default:
          return [400, { __type: "InvalidAction", message: `not answered here: ${target}` }, json];
      }
    });
  return { scope, calls };
}
