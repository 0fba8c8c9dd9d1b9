import { z } from "zod";
import type { GitHubRequest } from "./user-request";

const UserSchema = z.object({ login: z.string().min(1) });

/** The login of the person a user token belongs to (`GET /user`). */
export async function getAuthenticatedUser(request: GitHubRequest, token: string): Promise<string> {
  const { data } = await request("GET /user", { headers: { authorization: `token ${token}` } });
  return UserSchema.parse(data).login;
}
