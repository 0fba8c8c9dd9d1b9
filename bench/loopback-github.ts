import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import repository from "../fixtures/github/repository.json";
import user from "../fixtures/github/user.json";
import accessToken from "../fixtures/github/oauth-access-token.json";

/**
 * A stand-in for GitHub on a loopback port, as GitHub Enterprise Server's paths lay it out
 * (`/login/oauth/…`, `/api/v3/…`): the OAuth token exchange, `GET /user` and
 * `GET /repos/{owner}/{repo}`, answered at once from recorded answers. Real HTTP, so what is
 * timed includes the connection and parsing a real request costs. `calls` counts requests by route.
 */
export async function startLoopbackGitHub(): Promise<{ host: string; calls: Map<string, number>; close(): Promise<void> }> {
  const calls = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const route = `${request.method ?? "GET"} ${(request.url ?? "/").split("?")[0] ?? "/"}`;
    calls.set(route, (calls.get(route) ?? 0) + 1);
    request.resume();
    request.on("end", () => {
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/json; charset=utf-8", date: new Date().toUTCString() });
        response.end(JSON.stringify(body));
      };
      if (route === "POST /login/oauth/access_token") return json(200, accessToken);
      if (route === "GET /api/v3/user") return json(200, user);
      if (route === `GET /api/v3/repos/${repository.full_name}`) return json(200, repository);
      return json(404, { message: "Not Found" });
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
