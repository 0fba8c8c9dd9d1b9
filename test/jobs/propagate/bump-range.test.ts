import { bumpRange, rangeVersion, UnsupportedRangeError } from "../../../src/jobs/propagate/bump-range";
import { packageSlug, upgradeBranch } from "../../../src/jobs/propagate/package-slug";

describe("bumpRange", () => {
  it.each([
    ["^1.0.0", "^1.2.0"],
    ["~1.0.0", "~1.2.0"],
    ["1.0.0", "1.2.0"],
    [">=1.0.0", ">=1.2.0"],
    ["=1.0.0", "=1.2.0"],
    ["v1.0.0", "1.2.0"],
    [" ^1.0.0-beta.1 ", "^1.2.0"],
  ])("moves %s to %s, keeping its operator", (range, expected) => {
    expect(bumpRange(range, "1.2.0")).toBe(expected);
  });

  it.each(["^1.0.0 || ^2.0.0", "1.0.0 - 2.0.0", "latest", "github:acme/ds", "file:../ds", "*", "1.x"])("refuses %s, saying to update it by hand", (range) => {
    expect(() => bumpRange(range, "1.2.0")).toThrow(UnsupportedRangeError);
    expect(() => bumpRange(range, "1.2.0")).toThrow(/update it by hand/);
  });

  it("refuses a version that is not semantic", () => {
    expect(() => bumpRange("^1.0.0", "next")).toThrow(/next is not a semantic version/);
  });

  it("reads the version a range names", () => {
    expect(rangeVersion("^1.0.3")).toBe("1.0.3");
    expect(rangeVersion("latest")).toBeUndefined();
  });
});

describe("upgradeBranch", () => {
  it("names one branch per package under slipway/", () => {
    expect(packageSlug("@acme/design-system")).toBe("acme-design-system");
    expect(upgradeBranch("@Acme/Design System")).toBe("slipway/acme-design-system");
    expect(upgradeBranch("tokens")).toBe("slipway/tokens");
  });
});
