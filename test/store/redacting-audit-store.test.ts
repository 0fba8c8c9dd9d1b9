import { secretRedactor } from "../../src/secrets/secret-redactor";
import { testStores } from "../helpers/test-stores";

const SECRET = "AKIAIOSFODNN7EXAMPLE-wJalrXUtnFEMI";

// The stores as the runtime creates them, on DynamoDB Local: the audit trail keeps no secret
// the process has opened, whoever appends the entry.
describe("the audit trail of the stores the runtime creates", () => {
  it("masks opened secrets in every entry appended", async () => {
    const { stores, close } = await testStores();
    try {
      secretRedactor.register(SECRET);
      await stores.audit.append({
        id: "publish-1",
        owner: "acme",
        repo: "web",
        action: "deploy",
        actor: "octocat",
        trigger: "release v1.2.3",
        result: "failure",
        detail: `s3 refused key ${SECRET}`,
        link: `https://example.test/?key=${encodeURIComponent(SECRET)}`,
        at: "2026-03-01T10:00:00.000Z",
      });

      const [entry] = await stores.audit.list("acme", "web");

      expect(entry).toMatchObject({ id: "publish-1", detail: "s3 refused key ***", link: "https://example.test/?key=***" });
      expect(JSON.stringify(entry)).not.toContain("AKIAIOSFODNN7EXAMPLE");
    } finally {
      close();
    }
  });
});
