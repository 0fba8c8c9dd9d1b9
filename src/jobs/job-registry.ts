import { createHash } from "node:crypto";
import type { JobPayload } from "../model/job-record";
import type { JobContext, JobOutcome } from "./job-context";
import type { JobKind } from "./job-kind";

/** A stored job that no registered kind accepts: retrying cannot fix it. */
export class InvalidJobError extends Error {
  override name = "InvalidJobError";
}

/** A job validated against its kind, with its identity and its kind's behaviour bound to it. */
export interface LoadedJob {
  job: JobPayload;
  /** Deterministic: the same job always has the same id (see {@link JobKind.identity}). */
  id: string;
  group: string;
  run(ctx: JobContext): Promise<JobOutcome>;
  reportGaveUp(ctx: JobContext, reason: string): Promise<void>;
}

/**
 * The job kinds this deployment runs, by `kind`. The webhook path and the sweeper use it to
 * name and group the jobs they submit, the worker to validate and run them.
 */
export class JobRegistry {
  private readonly loaders = new Map<string, (raw: JobPayload) => LoadedJob>();

  register<Job extends { kind: string }>(kind: JobKind<Job>): this {
    if (this.loaders.has(kind.kind)) throw new Error(`The job kind "${kind.kind}" is registered twice.`);
    this.loaders.set(kind.kind, (raw) => {
      const parsed = kind.schema.safeParse(raw);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(job)"}: ${issue.message}`).join("; ");
        throw new InvalidJobError(`The ${kind.kind} job is malformed (${problems}).`);
      }
      const job = parsed.data;
      return {
        job,
        id: jobIdOf([kind.kind, ...kind.identity(job)]),
        group: kind.group(job),
        run: (ctx) => kind.run(job, ctx),
        reportGaveUp: async (ctx, reason) => kind.reportGaveUp?.(job, ctx, reason),
      };
    });
    return this;
  }

  /** Validates a job against its kind; throws {@link InvalidJobError} for an unknown kind or a bad job. */
  load(raw: JobPayload): LoadedJob {
    const loader = this.loaders.get(raw.kind);
    if (!loader) throw new InvalidJobError(`No job kind "${raw.kind}" is registered (known: ${[...this.loaders.keys()].join(", ")}).`);
    return loader(raw);
  }

  /** The kinds registered, in registration order. */
  kinds(): string[] {
    return [...this.loaders.keys()];
  }
}

function jobIdOf(identity: ReadonlyArray<string | number>): string {
  return createHash("sha256").update(identity.join("\u0000")).digest("hex").slice(0, 32);
}
