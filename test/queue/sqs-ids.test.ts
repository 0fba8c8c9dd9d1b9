import { deduplicationId, messageGroupId } from "../../src/queue/sqs-ids";

describe("deduplicationId", () => {
  it("is the job id, with the suffix of a deliberate re-send", () => {
    expect(deduplicationId({ jobId: "abc123", group: "g" })).toBe("abc123");
    expect(deduplicationId({ jobId: "abc123", group: "g", dedupSuffix: "sweep-2" })).toBe("abc123-sweep-2");
  });

  it("replaces an id SQS would reject with a stable hash", () => {
    const long = { jobId: "a".repeat(100), group: "g", dedupSuffix: "b".repeat(40) };
    const spaced = { jobId: "abc", group: "g", dedupSuffix: "re send é" };
    expect(deduplicationId(long)).toMatch(/^[0-9a-f]{64}$/);
    expect(deduplicationId(long)).toBe(deduplicationId({ ...long }));
    expect(deduplicationId(spaced)).toMatch(/^[0-9a-f]{64}$/);
    expect(deduplicationId(spaced)).not.toBe(deduplicationId({ ...spaced, dedupSuffix: "re send e" }));
  });

  it("keeps an id of exactly 128 allowed characters", () => {
    const jobId = `${"x".repeat(120)}!#$%&'()`;
    expect(deduplicationId({ jobId, group: "g" })).toBe(jobId);
  });
});

describe("messageGroupId", () => {
  it("is the job's group when SQS accepts it", () => {
    expect(messageGroupId({ jobId: "j", group: "186853002-branch-main" })).toBe("186853002-branch-main");
    expect(messageGroupId({ jobId: "j", group: "intake-186853002-pr-7" })).toBe("intake-186853002-pr-7");
  });

  it("replaces a group SQS would reject (a long or non-ASCII branch name) with a stable hash", () => {
    const long = { jobId: "j", group: `intake-186853002-branch-${"feature/".repeat(20)}` };
    const accented = { jobId: "j", group: "186853002-branch-café" };
    expect(messageGroupId(long)).toMatch(/^[0-9a-f]{64}$/);
    expect(messageGroupId({ ...long, jobId: "other" })).toBe(messageGroupId(long));
    expect(messageGroupId(accented)).toMatch(/^[0-9a-f]{64}$/);
    expect(messageGroupId(accented)).not.toBe(messageGroupId({ ...accented, group: "186853002-branch-cafe" }));
  });
});
