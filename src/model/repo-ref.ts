import { z } from "zod";

/** The repository a job acts on, as the webhook named it. */
export const RepoRefSchema = z.object({
  installationId: z.number().int().positive(),
  repoId: z.number().int().positive(),
  owner: z.string().min(1),
  repo: z.string().min(1),
});
export type RepoRef = z.infer<typeof RepoRefSchema>;
