import nock from "nock";
import collaborator from "../../fixtures/github/collaborator-permission.json";
import { getPermission, permissionAtLeast } from "../../src/github/get-permission";
import { testOctokit } from "./test-octokit";

const path = "/repos/acme/web/collaborators/octocat/permission";
const who = { owner: "acme", repo: "web", username: "octocat" } as const;

function answering(status: number, body: object) {
  return nock("https://api.github.com").get(path).reply(status, body);
}

describe("getPermission", () => {
  it("reads maintain from role_name, where the legacy field says write", async () => {
    const scope = answering(200, collaborator);

    expect(collaborator.permission).toBe("write");
    await expect(getPermission(testOctokit(), who)).resolves.toBe("maintain");
    scope.done();
  });

  it("reads triage from role_name, where the legacy field says read", async () => {
    const scope = answering(200, { ...collaborator, permission: "read", role_name: "triage" });

    await expect(getPermission(testOctokit(), who)).resolves.toBe("triage");
    scope.done();
  });

  it("falls back to the legacy field for a custom organisation role", async () => {
    const scope = answering(200, { ...collaborator, permission: "write", role_name: "deployer" });

    await expect(getPermission(testOctokit(), who)).resolves.toBe("write");
    scope.done();
  });

  it("grants nothing when neither field is a known permission", async () => {
    const scope = answering(200, { ...collaborator, permission: "owner", role_name: "deployer" });

    await expect(getPermission(testOctokit(), who)).resolves.toBe("none");
    scope.done();
  });

  it("answers none for a user who is not a collaborator (404)", async () => {
    const scope = answering(404, {
      message: "Not Found",
      documentation_url: "https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user",
      status: "404",
    });

    await expect(getPermission(testOctokit(), who)).resolves.toBe("none");
    scope.done();
  });

  it("throws other errors instead of reading them as no permission", async () => {
    const scope = answering(500, { message: "Server Error" });

    await expect(getPermission(testOctokit(), who)).rejects.toMatchObject({ status: 500 });
    scope.done();
  });
});

describe("permissionAtLeast", () => {
  it("orders none < read < triage < write < maintain < admin", () => {
    expect(permissionAtLeast("maintain", "write")).toBe(true);
    expect(permissionAtLeast("write", "write")).toBe(true);
    expect(permissionAtLeast("write", "maintain")).toBe(false);
    expect(permissionAtLeast("triage", "read")).toBe(true);
    expect(permissionAtLeast("read", "triage")).toBe(false);
    expect(permissionAtLeast("admin", "maintain")).toBe(true);
    expect(permissionAtLeast("none", "read")).toBe(false);
  });
});
