import { z } from "zod";
import { InstallationPart, RepositoryPart } from "./payload-parts";

/** What `planCheckRun` reads of a `check_run` delivery. */
export const CheckRunPayload = z.object({
  action: z.string().min(1),
  installation: InstallationPart,
  repository: RepositoryPart.extend({ private: z.boolean() }),
  check_run: z.object({
    id: z.number().int().positive(),
    name: z.string(),
    external_id: z.string().nullish(),
    completed_at: z.string().nullish(),
  }),
  /** Only on `requested_action`: which button was pressed. */
  requested_action: z.object({ identifier: z.string() }).nullish(),
  sender: z.object({ login: z.string().min(1) }),
});
