import { createHash } from "node:crypto";
import type { JobPayload } from "../model/job-record";
import type { JobContext, JobOutcome } from "./job-context";
import type { JobKind, JobShape } from "./job-kind";

/** A stored job that no registered kind accepts: retrying cannot fix it. */
export class InvalidJobError extends Error {
  override name = "InvalidJobError";
}

/** A job validated against its kind, with its identity. */
export interface NamedJob {
  job: JobPayload;
  /** Deterministic: the same job always has the same id (see {@link JobShape.identity}). */
  id: string;
  group: string;
}

/** A named job with its kind's behaviour bound to it. */
export interface LoadedJob extends NamedJob {
  run(ctx: JobContext): Promise<JobOutcome>;
  reportGaveUp(ctx: JobContext, reason: string): Promise<void>;
}

/** What submitting jobs needs of a registry: to validate, name and group a job. */
export interface JobNamer {
  load(raw: JobPayload): NamedJob;
}

/** The families of jobs a function knows, by `kind`; validation and naming are shared. */
abstract class Registry<Loaded extends NamedJob> implements JobNamer {
  private readonly loaders = new Map<string, (raw: JobPayload) => Loaded>();

  protected add(kind: string, loader: (raw: JobPayload) => Loaded): this {
    if (this.loaders.has(kind)) throw new Error(`The job kind "${kind}" is registered twice.`);
    this.loaders.set(kind, loader);
    return this;
  }

  /** Validates a job against its kind; throws {@link InvalidJobError} for an unknown kind or a bad job. */
  load(raw: JobPayload): Loaded {
    const loader = this.loaders.get(raw.kind);
    if (!loader) throw new InvalidJobError(`No job kind "${raw.kind}" is registered (known: ${[...this.loaders.keys()].join(", ")}).`);
    return loader(raw);
  }

  /** The kinds registered, in registration order. */
  kinds(): string[] {
    return [...this.loaders.keys()];
  }
}

/** The job shapes the webhook path and the sweeper name and group the jobs they submit with. */
export class JobShapes extends Registry<NamedJob> {
  register<Job extends { kind: string }>(shape: JobShape<Job>): this {
    return this.add(shape.kind, (raw) => nameJob(shape, raw));
  }
}

/** The job kinds the worker validates and runs. */
export class JobRegistry extends Registry<LoadedJob> {
  register<Job extends { kind: string }>(kind: JobKind<Job>): this {
    return this.add(kind.kind, (raw) => {
      const named = nameJob(kind, raw);
      return {
        ...named,
        run: (ctx) => kind.run(named.job, ctx),
        reportGaveUp: async (ctx, reason) => kind.reportGaveUp?.(named.job, ctx, reason),
      };
    });
  }
}

function nameJob<Job extends { kind: string }>(shape: JobShape<Job>, raw: JobPayload): NamedJob & { job: Job } {
  const parsed = shape.schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(job)"}: ${issue.message}`).join("; ");
    throw new InvalidJobError(`The ${shape.kind} job is malformed (${problems}).`);
  }
  const job = parsed.data;
  return { job, id: jobIdOf([shape.kind, ...shape.identity(job)]), group: shape.group(job) };
}

/** A job's id from its kind and identity: the same job always gets the same id. */
export function jobIdOf(identity: ReadonlyArray<string | number>): string {
  return createHash("sha256").update(identity.join("\u0000")).digest("hex").slice(0, 32);
}
