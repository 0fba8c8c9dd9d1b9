import { z } from "zod";
import { InstallationPart, RepositoryPart } from "./payload-parts";

/** What `planRelease` reads of a `release` delivery. */
export const ReleasePayload = z.object({
  action: z.string().min(1),
  installation: InstallationPart,
  repository: RepositoryPart.extend({ private: z.boolean() }),
  release: z.object({
    id: z.number().int().positive(),
    tag_name: z.string().min(1),
    draft: z.boolean(),
    author: z.object({ login: z.string().min(1) }).nullish(),
  }),
  sender: z.object({ login: z.string().min(1) }),
});
