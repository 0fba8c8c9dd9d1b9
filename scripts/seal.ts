/**
 * `npm run seal -- --repo owner/repo [--app URL]`: reads a secret from standard input and
 * prints it sealed for `.github/slipway.yml` (see `runSeal`).
 */
import { runSeal } from "../src/secrets/run-seal";
import { exitWithCode } from "./exit-with-code";

exitWithCode(
  runSeal(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }),
);
