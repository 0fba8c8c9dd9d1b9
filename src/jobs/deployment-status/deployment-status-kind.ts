import { defineJobKind } from "../job-kind";
import { deploymentStatusShape } from "./deployment-status-job";
import { runDeploymentStatus } from "./run-deployment-status";

export const deploymentStatusKind = defineJobKind(deploymentStatusShape, { run: runDeploymentStatus });
