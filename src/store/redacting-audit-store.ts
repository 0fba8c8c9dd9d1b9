import type { Redactor } from "../secrets/redactor";
import type { AuditStore } from "./stores";

/** The audit store with opened secrets masked in every entry appended, whoever appends it. */
export function redactingAuditStore(store: AuditStore, redactor: Redactor): AuditStore {
  return {
    append: (record) => store.append(redactor.maskDeep(record)),
    list: (owner, repo, options) => store.list(owner, repo, options),
    listForEnvironment: (owner, repo, environment, limit) => store.listForEnvironment(owner, repo, environment, limit),
  };
}
