import { z } from "zod";

/**
 * Which environment a shortened host label names. Labels of names that fit DNS read back by
 * themselves (`pr-12--web--acme`); a label shortened with a hash cannot, so the deploy that
 * first serves the environment records it here.
 */
export const SiteHostRecordSchema = z.object({
  label: z.string().min(1).max(63),
  owner: z.string().min(1),
  repo: z.string().min(1),
  environment: z.string().min(1),
});
export type SiteHostRecord = z.infer<typeof SiteHostRecordSchema>;
