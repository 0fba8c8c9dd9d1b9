// Lambda entry (schedule): wiring only; see src/runtime/aws-runtime.ts.
import { awsSweeper } from "../src/runtime/aws-sweeper";
import type { SweepResult } from "../src/sweeper/sweep";

export async function handler(): Promise<SweepResult> {
  return (await awsSweeper())();
}
