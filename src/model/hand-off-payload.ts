import { z } from "zod";

/**
 * What a Deployment handed to the repository's workflow (`deployer: workflow`) carries in its
 * `payload`: what to do, who asked and where to answer, and Slipway's marks (`slipway`, the job
 * that made it). The deploy workflow reads it as `github.event.deployment.payload`;
 * `deployment_status` deliveries bring it back, and anyone who may create Deployments can write
 * one, so it is parsed, never cast, and the job checks Slipway really made that Deployment.
 */
export const HandOffPayloadSchema = z.object({
  slipway: z.literal(true),
  slipway_job: z.string().min(1),
  action: z.enum(["deploy", "rollback"]),
  actor: z.string().min(1),
  trigger: z.string().min(1),
  pull_request: z.number().int().positive().optional(),
  comment_id: z.number().int().positive().optional(),
  comment_url: z.string().min(1).optional(),
});
export type HandOffPayload = z.infer<typeof HandOffPayloadSchema>;
