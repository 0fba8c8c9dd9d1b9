import type { Command } from "./command";

/** The command in its canonical form (`/rollback production to abc1234`), for replies and the audit trail. */
export function canonicalCommand(parsed: Command): string {
  switch (parsed.name) {
    case "invalid":
      return parsed.input;
    case "preview-destroy":
      return "/preview destroy";
    case "preview-share":
      return ["/preview share", parsed.days].filter((part) => part !== undefined).join(" ");
    case "preview-unshare":
      return "/preview unshare";
    case "rollback":
      return ["/rollback", parsed.environment, parsed.to ? `to ${parsed.to}` : undefined].filter(Boolean).join(" ");
    case "deploy":
    case "lock":
    case "unlock":
      return [`/${parsed.name}`, parsed.environment].filter(Boolean).join(" ");
    default:
      return `/${parsed.name}`;
  }
}
