import { z } from "zod";

/**
 * A slash command, as parsed from the first line of a pull request comment. Environments left
 * out are resolved by the worker from the repository's configuration.
 */
export const CommandSchema = z.discriminatedUnion("name", [
  z.object({ name: z.literal("deploy"), environment: z.string().optional() }),
  z.object({ name: z.literal("rollback"), environment: z.string().optional(), to: z.string().optional() }),
  z.object({ name: z.literal("preview") }),
  z.object({ name: z.literal("preview-destroy") }),
  /** A share link of the preview, valid for `days` (default and bounds: `SHARE_DAYS`). */
  z.object({ name: z.literal("preview-share"), days: z.number().int().min(1).max(30).optional() }),
  z.object({ name: z.literal("preview-unshare") }),
  z.object({ name: z.literal("lock"), environment: z.string().optional(), reason: z.string().optional() }),
  z.object({ name: z.literal("unlock"), environment: z.string().optional() }),
  z.object({ name: z.literal("status") }),
  z.object({ name: z.literal("help") }),
  /** Looked like a command but was not a valid one: the reply explains and shows the usage. */
  z.object({ name: z.literal("invalid"), input: z.string(), problem: z.string() }),
]);
export type Command = z.infer<typeof CommandSchema>;
export type CommandName = Exclude<Command["name"], "invalid">;
