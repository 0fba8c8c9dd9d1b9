import { secretRedactor } from "../../secrets/secret-redactor";
import type { PublishTarget } from "./targets/bind-target";
import type { TargetRunContext } from "./targets/common/target";

/** A target whose credentials were refused, and why (never the secret). */
export interface CredentialFailure {
  name: string;
  detail: string;
  log: string[];
}

/**
 * Checks the credentials of every target with its read-only call, all at once, before anything
 * is published: a release either starts publishing with every credential good, or not at all.
 */
export async function verifyAllCredentials(targets: readonly PublishTarget[], ctx: Omit<TargetRunContext, "log">): Promise<CredentialFailure[]> {
  const checks = await Promise.all(
    targets.map(async (target) => {
      const log: string[] = [];
      try {
        const verified = await target.verifyCredentials({ ...ctx, log: (line) => log.push(secretRedactor.mask(line)) });
        log.push(secretRedactor.mask(`credentials: ${verified.detail}`));
        return undefined;
      } catch (error) {
        const detail = secretRedactor.mask(`credentials refused: ${error instanceof Error ? error.message : String(error)}`);
        return { name: target.name, detail, log: [...log, detail] };
      }
    }),
  );
  return checks.filter((failure) => failure !== undefined);
}
