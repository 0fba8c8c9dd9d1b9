import type { GitHubObjectRecord } from "../model/records";
import { githubErrorStatus } from "./github-error";

/** What Slipway remembers of the GitHub objects it made in one repository, by identity. */
export interface KnownObjects {
  get(key: string): Promise<GitHubObjectRecord | undefined>;
  markCreating(key: string): Promise<void>;
  saveCreated(key: string, object: CreatedObject): Promise<void>;
  forget(key: string): Promise<void>;
}

export interface CreatedObject {
  id: number;
  url?: string;
  digest?: string;
  status?: string;
}

/**
 * A create that failed this way may still have landed: GitHub answered 5xx after doing it, or
 * the answer never arrived (a timeout, a dropped connection).
 */
export function mayHaveLanded(error: unknown): boolean {
  const status = githubErrorStatus(error);
  return status === undefined ? error instanceof Error : status >= 500;
}

/**
 * Creates a GitHub object once, never blind:
 * 1. an object already recorded is returned as it is (no listing);
 * 2. one whose creation was begun but never recorded (a crash, a failed answer) is looked for
 *    first (`find`: listing by its identity), and created only if it is not there;
 * 3. the intent is recorded before the create request, the id after it;
 * 4. a create that failed in a way that may have landed is looked for before the error is
 *    passed on, so the retry that follows never makes a second one.
 * `create` must not be retried by the HTTP client (see `SlipwayOctokit`).
 */
export async function createOnce(
  known: KnownObjects,
  key: string,
  steps: { find(): Promise<CreatedObject | undefined>; create(): Promise<CreatedObject> },
): Promise<CreatedObject & { created: boolean }> {
  const recorded = await known.get(key);
  if (recorded?.state === "created" && recorded.id !== undefined) {
    return { id: recorded.id, url: recorded.url, digest: recorded.digest, status: recorded.status, created: false };
  }
  if (recorded?.state === "creating") {
    const found = await steps.find();
    if (found) {
      await known.saveCreated(key, found);
      return { ...found, created: false };
    }
  }
  await known.markCreating(key);
  let made: CreatedObject;
  try {
    made = await steps.create();
  } catch (error) {
    if (!mayHaveLanded(error)) throw error;
    const found = await steps.find().catch(() => undefined);
    if (!found) throw error;
    await known.saveCreated(key, found);
    return { ...found, created: false };
  }
  await known.saveCreated(key, made);
  return { ...made, created: true };
}

/** Request options for a create: never retried by the HTTP client, since a retry could make a second object. */
export const NO_BLIND_RETRY = { request: { retries: 0 } } as const;
