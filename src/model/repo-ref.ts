import { z } from "zod";

/** The repository a job acts on, as the webhook named it. */
export const RepoRefSchema = z.object({
  installationId: z.number().int().positive(),
  repoId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
  /** `repository.private` of the webhook; jobs stored before it was kept have none (treated as private). */
  private: z.boolean().optional(),
});
export type RepoRef = z.infer<typeof RepoRefSchema>;
