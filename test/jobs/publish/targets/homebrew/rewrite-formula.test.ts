import { FormulaShapeError, readFormula, rewriteFormula } from "../../../../../src/jobs/publish/targets/homebrew/rewrite-formula";

const release = { url: "https://github.com/acme/site/releases/download/v1.2.3/site-1.2.3-darwin-arm64.tar.gz", sha256: "a".repeat(64), version: "1.2.3" };

/** A formula as taps write them: top-level stanzas, then blocks with their own url and sha256. */
const formula = `# typed: false
class Site < Formula
  desc "Ships static sites"
  homepage "https://acme.test/site"
  url "https://github.com/acme/site/releases/download/v1.2.2/site-1.2.2-darwin-arm64.tar.gz", using: :curl
  sha256 "${"b".repeat(64)}"
  version "1.2.2"
  license "MIT"

  bottle do
    sha256 cellar: :any_skip_relocation, arm64_sonoma: "${"c".repeat(64)}"
  end

  resource "docs" do
    url "https://acme.test/docs-1.0.tar.gz"
    sha256 "${"d".repeat(64)}"
  end

  def install
    bin.install "site"
  end
end
`;

describe("rewriteFormula", () => {
  it("sets the top-level url, sha256 and version, and leaves blocks, options and everything else as they were", () => {
    expect(rewriteFormula(formula, release)).toBe(
      formula
        .replace("https://github.com/acme/site/releases/download/v1.2.2/site-1.2.2-darwin-arm64.tar.gz", release.url)
        .replace(`sha256 "${"b".repeat(64)}"`, `sha256 "${release.sha256}"`)
        .replace('version "1.2.2"', 'version "1.2.3"'),
    );
  });

  it("adds no version line to a formula that has none", () => {
    const withoutVersion = formula.replace('  version "1.2.2"\n', "");
    expect(rewriteFormula(withoutVersion, release)).not.toContain("version");
    expect(readFormula(rewriteFormula(withoutVersion, release))).toEqual({ url: release.url, sha256: release.sha256 });
  });

  it("reads the current top-level stanzas", () => {
    expect(readFormula(formula)).toEqual({ url: "https://github.com/acme/site/releases/download/v1.2.2/site-1.2.2-darwin-arm64.tar.gz", sha256: "b".repeat(64), version: "1.2.2" });
  });

  it("refuses a formula whose download is inside a block", () => {
    const stable = `class Site < Formula\n  desc "x"\n  stable do\n    url "https://acme.test/a.tar.gz"\n    sha256 "${"e".repeat(64)}"\n  end\nend\n`;
    expect(() => rewriteFormula(stable, release)).toThrow(FormulaShapeError);
    expect(() => rewriteFormula(stable, release)).toThrow("it has no top-level `url \"…\"` line");
  });

  it("refuses a file that is not a formula", () => {
    expect(() => readFormula("puts 'hello'\n")).toThrow("it has no `class … < Formula` line");
  });
});
