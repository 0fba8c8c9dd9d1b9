import { isOvertaken } from "../../src/model/newest-head";

const A = "a".repeat(40);
const B = "b".repeat(40);
const T1 = "2026-11-20T10:00:00.000Z";
const T2 = "2026-11-20T10:00:01.000Z";

describe("whether a job's commit was overtaken", () => {
  it("is overtaken by another commit with a later timestamp", () => {
    expect(isOvertaken({ headSha: B, eventAt: T2, sequence: 1 }, { headSha: A, eventAt: T1, sequence: 5 })).toBe(true);
  });

  it("is not overtaken by an older event, whatever its sequence", () => {
    expect(isOvertaken({ headSha: B, eventAt: T1, sequence: 9 }, { headSha: A, eventAt: T2, sequence: 1 })).toBe(false);
  });

  it("orders commits of the same second by the order their deliveries were received", () => {
    expect(isOvertaken({ headSha: B, eventAt: T1, sequence: 3 }, { headSha: A, eventAt: T1, sequence: 2 })).toBe(true);
    expect(isOvertaken({ headSha: B, eventAt: T1, sequence: 3 }, { headSha: A, eventAt: T1, sequence: 3 })).toBe(false);
  });

  it("is never overtaken by its own commit, unless the pull request closed later", () => {
    expect(isOvertaken({ headSha: A, eventAt: T2, sequence: 4, state: "open" }, { headSha: A, eventAt: T1, sequence: 1 })).toBe(false);
    expect(isOvertaken({ headSha: A, eventAt: T2, sequence: 4, state: "closed" }, { headSha: A, eventAt: T1, sequence: 1 })).toBe(true);
  });

  it("leaves a job without a sequence (a maintainer's /preview) to timestamps alone", () => {
    expect(isOvertaken({ headSha: B, eventAt: T1, sequence: 7 }, { headSha: A, eventAt: T1 })).toBe(false);
  });
});
