import { parseEnv } from "../../src/config/env";
import { writeBudgetSettings } from "../../src/config/write-budget-settings";

describe("writeBudgetSettings", () => {
  it("holds GitHub's documented limits, three concurrent writes and a 3 s wait by default", () => {
    expect(writeBudgetSettings(parseEnv({}))).toEqual({ limits: { perMinute: 80, perHour: 500, concurrent: 3 }, maxWaitMs: 3000 });
  });

  it("takes each limit from its variable, since GitHub changes them", () => {
    const env = parseEnv({ SLIPWAY_WRITES_PER_MINUTE: "60", SLIPWAY_WRITES_PER_HOUR: "400", SLIPWAY_CONCURRENT_WRITES: "5", SLIPWAY_WRITE_WAIT_SECONDS: "0" });
    expect(writeBudgetSettings(env)).toEqual({ limits: { perMinute: 60, perHour: 400, concurrent: 5 }, maxWaitMs: 0 });
  });

  it("refuses a limit that is not a positive whole number, naming the variable", () => {
    expect(() => parseEnv({ SLIPWAY_WRITES_PER_MINUTE: "0" })).toThrow(/SLIPWAY_WRITES_PER_MINUTE: /);
    expect(() => parseEnv({ SLIPWAY_CONCURRENT_WRITES: "2.5" })).toThrow(/SLIPWAY_CONCURRENT_WRITES: /);
  });
});
