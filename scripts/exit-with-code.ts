/**
 * Ends a command line script with the exit code its run promises; an unexpected error prints
 * its message (no stack: the message says what to do) and exits 1.
 */
export function exitWithCode(run: Promise<number>): void {
  run.then(
    // exitCode rather than exit(): piped output is written out in full before the process ends.
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
