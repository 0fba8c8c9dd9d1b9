import { z } from "zod";
import { InstallationPart, RepositoryPart, Timestamp } from "./payload-parts";

/** What the release planners (publish and propagation) read of a `release` delivery. */
export const ReleasePayload = z.object({
  action: z.string().min(1),
  installation: InstallationPart,
  repository: RepositoryPart.extend({ private: z.boolean() }),
  sender: z.object({ login: z.string().min(1) }),
  release: z.object({
    id: z.number().int().positive(),
    tag_name: z.string().min(1),
    html_url: z.string().min(1),
    draft: z.boolean(),
    prerelease: z.boolean(),
    // Null on a draft; a published release has it.
    published_at: Timestamp.nullable(),
    author: z.object({ login: z.string().min(1) }).nullish(),
  }),
});
