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
    end();
  },
  (e: unknown) => {
    process.stderr.write(`crosswalk: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
    end();
  },
);

/**
 * Exits once what was written to stdout and stderr is out. Everything else is done: waiting for the
 * event loop to empty (the YAML worker's termination) and for the heap of a large catalogue to be torn
 * down only kept the shell waiting.
 */
function end(): void {
  // After a turn of the event loop, so that a write's failure has been reported (and made the exit status 2).
  process.stdout.write('', () => process.stderr.write('', () => setImmediate(() => process.exit())));
}
