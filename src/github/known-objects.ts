import type { GitHubObjectStore } from "../store/stores";
import type { KnownObjects } from "./create-once";

/** The GitHub objects Slipway made in one repository, as recorded in the state table. */
export function knownObjects(store: GitHubObjectStore, owner: string, repo: string, now: () => Date = () => new Date()): KnownObjects {
  return {
    get: (key) => store.get(owner, repo, key),
    markCreating: (key) => store.markCreating(owner, repo, key, now()),
    saveCreated: (key, object) => store.saveCreated(owner, repo, key, object, now()),
    forget: (key) => store.forget(owner, repo, key),
  };
}
