/**
 * `npm run seal -- --repo owner/repo [--app URL]`: reads a secret from standard input and
 * prints it sealed for `.github/slipway.yml` (see `runSeal`).
 */
import { runSeal } from "../src/secrets/run-seal";

runSeal(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
