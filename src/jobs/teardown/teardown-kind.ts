import { defineJobKind } from "../job-kind";
import { teardownShape } from "./teardown-job";
import { runTeardown } from "./run-teardown";

export const teardownKind = defineJobKind(teardownShape, { run: runTeardown });
