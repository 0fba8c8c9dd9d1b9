import type { DeployResult } from "../../deploy/deploy-environment";
import type { HandOffResult } from "../../deploy/hand-off-deploy";
import type { CommandAnswer } from "./command-context";
import { BUILD_WAIT_MINUTES } from "./wait-for-build";

/** The reply to a `/deploy` or `/rollback`, from how the deploy ended. */
export function describeDeploy(result: DeployResult, what: { environment: string; sha: string; verb: "Deployed" | "Rolled back" }): CommandAnswer {
  const short = what.sha.slice(0, 7);
  switch (result.outcome) {
    case "deployed": {
      const previous = result.previousSha ? ` It replaced \`${result.previousSha.slice(0, 7)}\`; \`/rollback ${what.environment}\` puts that back.` : "";
      return {
        ok: true,
        environmentsChanged: true,
        body: `${what.verb} \`${short}\` to **${what.environment}**: ${result.url}${result.build.reused ? " (stored build, nothing rebuilt)" : ""}.${previous}`,
      };
    }
    case "busy":
      return { ok: false, body: `**${what.environment}** is being deployed by another request right now, so nothing was changed. Try again when it has finished.` };
    case "superseded":
      return { ok: false, body: `A later request deployed \`${result.currentSha.slice(0, 7)}\` to **${what.environment}** while this one ran, so \`${short}\` was not put live.` };
    case "failed":
      return { ok: false, body: `\`${short}\` could not be deployed to **${what.environment}**: ${result.reason}` };
    case "waiting":
      return {
        ok: false,
        body: `\`${short}\` was not deployed to **${what.environment}**: Slipway waited ${BUILD_WAIT_MINUTES} minutes for its build and it is still not there. ${result.reason} Comment the command again once the run has succeeded.`,
      };
  }
}

/** The reply to a `/deploy` or `/rollback` of an environment its repository's workflow deploys. */
export function describeHandOff(result: HandOffResult, what: { environment: string; sha: string; verb: "deploy" | "rollback" }): CommandAnswer {
  if (result.outcome === "busy") {
    return { ok: false, body: `**${what.environment}** is being deployed by another request right now, so nothing was changed. Try again when it has finished.` };
  }
  return {
    ok: true,
    handedOff: true,
    body: `Handed the ${what.verb} of \`${what.sha.slice(0, 7)}\` to **${what.environment}** to this repository's deploy workflow (GitHub Deployment ${result.deploymentId}). Slipway follows its statuses: 🚀 on this command when it succeeds, 😕 if it fails, and the table above.`,
  };
}
