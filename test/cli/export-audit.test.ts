import { AuditUsageError, formatAudit, parseAuditArgs } from "../../src/cli/export-audit";
import type { AuditRecord } from "../../src/model/records";
import { auditEntry } from "../store/contract/fixtures";

const deploy: AuditRecord = auditEntry({ buildKey: "k", at: "2026-01-02T10:00:00.000Z" });
const refusal: AuditRecord = auditEntry({
  id: "audit-2",
  environment: undefined,
  action: "refusal",
  actor: "hubot",
  trigger: "/rollback production",
  sha: undefined,
  previousSha: undefined,
  buildKey: undefined,
  result: "refused",
  detail: 'needs "maintain", has write',
  link: undefined,
  at: "2026-01-03T10:00:00.000Z",
});

describe("formatAudit", () => {
  it("writes CSV with a header row, CRLF line ends and empty cells for absent fields", () => {
    expect(formatAudit([deploy, refusal], "csv")).toBe(
      "at,owner,repo,environment,action,actor,trigger,sha,previousSha,result,detail,link\r\n" +
        `2026-01-02T10:00:00.000Z,Octo-Org,Site,production,deploy,mona,/deploy production,${"a".repeat(40)},${"b".repeat(40)},success,,https://github.com/Octo-Org/Site/pull/12#issuecomment-2\r\n` +
        '2026-01-03T10:00:00.000Z,Octo-Org,Site,,refusal,hubot,/rollback production,,,refused,"needs ""maintain"", has write",\r\n',
    );
  });

  it("quotes cells with commas, quotes and line breaks (RFC 4180)", () => {
    const csv = formatAudit([{ ...deploy, detail: "line one\nline two, \"quoted\"\r\nend" }], "csv");
    expect(csv.endsWith(',"line one\nline two, ""quoted""\r\nend",https://github.com/Octo-Org/Site/pull/12#issuecomment-2\r\n')).toBe(true);
  });

  it.each(["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd"])("neutralises a cell a spreadsheet would run as a formula: %j", (value) => {
    const row = formatAudit([{ ...deploy, actor: value, detail: undefined, link: undefined }], "csv").split("\r\n")[1] ?? "";
    const cells = row.split(",");
    const actor = cells[5] ?? "";
    expect(actor.replace(/^"|"$/g, "").replace(/""/g, '"')).toBe(`'${value}`);
  });

  it("writes the header alone when there are no entries", () => {
    expect(formatAudit([], "csv")).toBe("at,owner,repo,environment,action,actor,trigger,sha,previousSha,result,detail,link\r\n");
    expect(formatAudit([], "jsonl")).toBe("");
  });

  it("writes JSONL as one whole entry a line, formulas untouched", () => {
    const formula = { ...refusal, detail: "=1+1\nsecond line" };
    const lines = formatAudit([deploy, formula], "jsonl").split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    expect(JSON.parse(lines[0] ?? "")).toEqual(deploy);
    expect(JSON.parse(lines[1] ?? "")).toEqual(formula);
  });
});

describe("parseAuditArgs", () => {
  it("reads the repository, a day as UTC midnight, and the format", () => {
    expect(parseAuditArgs(["--repo", "octo-org/site.io", "--since", "2026-01-01", "--format", "csv"])).toEqual({
      owner: "octo-org", repo: "site.io", since: new Date("2026-01-01T00:00:00.000Z"), format: "csv",
    });
  });

  it("defaults to JSONL and all time, and takes --name=value and ISO times with a zone", () => {
    expect(parseAuditArgs(["--repo=Octo-Org/Site"])).toEqual({ owner: "Octo-Org", repo: "Site", format: "jsonl" });
    expect(parseAuditArgs(["--repo=o/r", "--since=2026-01-01T12:00:00+02:00"]).since).toEqual(new Date("2026-01-01T10:00:00.000Z"));
  });

  it.each([
    [[], /--repo is required/],
    [["--repo", "octo-org"], /--repo must be owner\/name/],
    [["--repo", "-octo/site"], /--repo must be owner\/name/],
    [["--repo", "octo/si te"], /--repo must be owner\/name/],
    [["--repo", "octo/.."], /--repo must name a repository/],
    [["--repo", "o/r", "--since", "2026-02-30"], /--since must be a day \(2026-01-01\) or an ISO time with a zone/],
    [["--repo", "o/r", "--since", "2026-01-01T10:00:00"], /--since must be a day/],
    [["--repo", "o/r", "--format", "xml"], /--format must be csv or jsonl/],
    [["--repo"], /--repo needs a value/],
    [["--repo", "--format", "csv"], /--repo needs a value/],
    [["--repo", "o/r", "--repo", "o/s"], /--repo is given more than once/],
    [["--repo", "o/r", "--until", "2026-01-01"], /unknown option --until/],
    [["o/r"], /unexpected argument "o\/r"/],
  ])("refuses %j, saying what is wrong and showing the usage", (argv, problem) => {
    let thrown: unknown;
    try {
      parseAuditArgs(argv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AuditUsageError);
    expect(thrown).toHaveProperty("message", expect.stringMatching(problem));
    expect(thrown).toHaveProperty("message", expect.stringContaining("Usage: npm run --silent audit -- --repo <owner/name>"));
  });
});
