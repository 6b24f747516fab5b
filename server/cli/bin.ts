// Entry point of the `crosswalk` executable.
import { run } from './main.ts';
import { usePlainEnv } from '../host/plainEnv.ts';
import { plainText } from '../format/neutralise.ts';

usePlainEnv();

// A report that did not reach its reader is a failure of the run (exit 2), whatever the findings:
// a full disk or /dev/full would otherwise pass as "errors found" or as a clean check.
let outputFailed = false;
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // `crosswalk check | head`: once the reader is gone, the rest of the output has nowhere to go.
  // Stop writing quietly; the exit code still says whether the check passed.
  if (e.code === 'EPIPE') return;
  if (!outputFailed) process.stderr.write(`crosswalk: error: cannot write the output to stdout: ${plainText(e.message)}\n`);
  outputFailed = true;
  process.exitCode = 2;
});
process.stderr.on('error', (e: NodeJS.ErrnoException) => {
  // Nowhere left to report to: only the exit code can say it.
  if (e.code !== 'EPIPE') process.exitCode = 2;
});

run(process.argv.slice(2), { stdout: (t) => (outputFailed ? undefined : process.stdout.write(t)), stderr: (t) => process.stderr.write(t) }).then(
  (code) => {
    process.exitCode = outputFailed || process.exitCode === 2 ? 2 : code;
  },
  (e: unknown) => {
    process.stderr.write(`crosswalk: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
