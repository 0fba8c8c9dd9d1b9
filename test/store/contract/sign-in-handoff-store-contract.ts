import { createHash } from "node:crypto";
import type { SignInHandoff } from "../../../src/model/sign-in-handoff";
import type { StoreContext } from "./store-contract";
import { iso, minutesAfter, T0 } from "./fixtures";

const id = createHash("sha256").update("code").digest("hex");

function handoff(overrides: Partial<SignInHandoff> = {}): SignInHandoff {
  return { id, owner: "Octo-Org", repo: "Site", environment: "pr-12", session: "signed.session", nonce: "the-browser-nonce", to: "/docs/", expiresAt: iso(minutesAfter(1)), ...overrides };
}

export function describeSignInHandoffStoreContract(context: () => StoreContext): void {
  describe("SignInHandoffStore", () => {
    it("hands a session over once: the second take gets nothing", async () => {
      const { handoffs } = context().stores;
      await handoffs.put(handoff());
      expect(await handoffs.take(id, T0)).toEqual(handoff());
      expect(await handoffs.take(id, T0)).toBeUndefined();
    });

    it("gives exactly one of several racing takes the session", async () => {
      const { handoffs } = context().stores;
      await handoffs.put(handoff());
      const taken = await Promise.all(Array.from({ length: 5 }, () => handoffs.take(id, T0)));
      expect(taken.filter(Boolean)).toHaveLength(1);
    });

    it("gives nothing for an expired hand-off, and removes it", async () => {
      const { handoffs } = context().stores;
      await handoffs.put(handoff());
      expect(await handoffs.take(id, minutesAfter(1))).toBeUndefined();
      expect(await handoffs.take(id, T0)).toBeUndefined();
    });

    it("never overwrites a hand-off with the same id", async () => {
      const { handoffs } = context().stores;
      await handoffs.put(handoff());
      await expect(handoffs.put(handoff({ session: "another" }))).rejects.toThrow();
      expect((await handoffs.take(id, T0))?.session).toBe("signed.session");
    });
  });
}
