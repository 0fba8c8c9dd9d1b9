import { Redactor } from "./redactor";

/**
 * The redactor of this process. Opening a configuration's secrets registers their values here,
 * and every channel that leaves the process masks with it: the log stream, the requests to
 * GitHub's API, the audit trail and the error messages shown to users.
 */
export const secretRedactor = new Redactor();
