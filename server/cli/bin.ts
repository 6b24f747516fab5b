// Entry point of the `crosswalk` executable.
import { run } from './main.ts';
import { usePlainEnv } from '../host/plainEnv.ts';

usePlainEnv();

// `crosswalk check | head`: once the reader is gone, the rest of the output has nowhere to go.
// Stop writing quietly; the exit code still says whether the check passed.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

run(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`crosswalk: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
