// Entry point of the `crosswalk` executable.
import { run } from './main.ts';
import { usePlainEnv } from '../host/plainEnv.ts';

usePlainEnv();

run(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`crosswalk: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
