import { isProductionEnvironment } from "../../model/environment-name";
import type { SlipwayConfig } from "../../config/slipway-config";
import type { CommandJob } from "./command-job";
import type { JobContext } from "../job-context";
import type { Octokit } from "../../github/octokit";

/** What every command handler gets: the job, the worker's context, GitHub and the trusted config. */
export interface CommandContext {
  ctx: JobContext;
  octokit: Octokit;
  job: CommandJob;
  /** `.github/slipway.yml` of the default branch: a pull request cannot change who may deploy. */
  config: SlipwayConfig;
  /** Reacts 👀 on the command (once): Slipway has it. Deploys do it once the environment has moved. */
  acknowledge(): Promise<void>;
}

/** A command's answer: the reply's markdown, and whether it did what was asked. */
export interface CommandAnswer {
  ok: boolean;
  body: string;
  /** The command changed an environment: refresh the sticky comment's table. */
  environmentsChanged?: boolean;
  /**
   * The deploy was handed to the repository's workflow (`deployer: workflow`): 🚀 or 😕 comes
   * with the status it posts, not now.
   */
  handedOff?: boolean;
}

/** The settings of an environment, named in the config or not (then: `write`, no check gate). */
export function environmentSettings(config: SlipwayConfig, environment: string) {
  return config.environments[environment] ?? { permission: "write" as const, require_checks: false };
}

/** `/deploy` without an environment: the first non-production one configured, else `staging`. */
export function defaultDeployEnvironment(config: SlipwayConfig): string {
  return Object.keys(config.environments).find((name) => !isProductionEnvironment(name)) ?? "staging";
}

export { DEFAULT_GUARDED_ENVIRONMENT } from "../../model/environment-name";
