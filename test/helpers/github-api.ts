import { readFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";

export const API = "https://api.github.com";
export const CODELOAD = "https://codeload.github.com";

/** A recorded GitHub REST answer from fixtures/github. */
export function apiFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "github", `${name}.json`), "utf8")) as T;
}

/** `METHOD path` of every request a nock scope answered, in order, and the bodies sent. */
export interface CallLog {
  calls: string[];
  bodies: Array<{ call: string; body: Record<string, unknown> }>;
}

/** Records the requests that reach the given scopes, so a test can count and read a job's GitHub calls. */
export function recordCalls(...scopes: nock.Scope[]): CallLog {
  const log: CallLog = { calls: [], bodies: [] };
  for (const scope of scopes) {
    scope.on("request", (request: { method?: string; path?: string }, _interceptor: unknown, body?: string) => {
      const call = `${request.method ?? "GET"} ${decodeURIComponent((request.path ?? "").split("?")[0] ?? "")}`;
      log.calls.push(call);
      if (body) log.bodies.push({ call, body: JSON.parse(body) as Record<string, unknown> });
    });
  }
  return log;
}
