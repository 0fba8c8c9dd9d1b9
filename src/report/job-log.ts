/**
 * A job's log: what it did, step by step, for the check run's tail and the stored full log.
 * Only messages Slipway writes go in: never tokens, URLs with credentials or raw payloads.
 */
export class JobLog {
  private readonly lines: string[] = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Appends one line, stamped with the time. */
  add(message: string): void {
    this.lines.push(`${this.now().toISOString()}  ${message}`);
  }

  text(): string {
    return this.lines.join("\n");
  }
}
