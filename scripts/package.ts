/**
 * `npm run package`: builds the deployment package (`.serverless/*.zip`) as a deploy would,
 * for the `ci` stage, without AWS credentials or a call to AWS.
 */
import { runServerless } from "./run-serverless";

runServerless(["package", "--stage", "ci", "--param=appId=1", ...process.argv.slice(2)]).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
