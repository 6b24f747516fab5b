// What every subcommand writes to, and the two ways it stops on bad input.
import fs from 'node:fs/promises';
import * as nodePath from 'node:path';
import { jsonText, plainText } from '../format/neutralise.ts';
import { writeFileSafely } from '../host/atomicWrite.ts';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** What kind of failure an exit status 2 was, in the JSON error object. */
export type FailureCode = 'usage' | 'input';

/** Whether the command line asks for JSON (`--format json` or `--format=json`), read before it is parsed: a usage error is reported in it too. */
export function wantsJson(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
}

/** The JSON error object printed on stdout, with the message on stderr, when the output was to be JSON. */
export function jsonError(code: FailureCode, message: string): string {
  return jsonText({ error: { code, message } });
}

/** Reports a usage error (the message, then the usage text) on stderr; returns exit status 2. */
export function usageFailure(io: Io, message: string, usage: string, json: boolean): number {
  io.stderr(`crosswalk: ${plainText(message)}\n\n${usage}\n`);
  if (json) io.stdout(jsonError('usage', message));
  return 2;
}

/** Reports bad input on stderr (and as a JSON error object on stdout when the output is JSON); returns exit status 2. */
export function failer(io: Io, json = false): (message: string) => number {
  return (message) => {
    io.stderr(`crosswalk: error: ${plainText(message)}\n`);
    if (json) io.stdout(jsonError('input', message));
    return 2;
  };
}

/** Why `dir` cannot hold a catalogue, or undefined when it is a directory. */
export async function notADirectory(dir: string): Promise<string | undefined> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (stat === undefined) return `directory '${dir}' does not exist`;
  if (!stat.isDirectory()) return `'${dir}' is not a directory: give the folder that holds the catalogue (and its crosswalk.yaml)`;
  return undefined;
}

/** The names of this process's stdout and stderr, which may be a socket that cannot be opened by name. */
const OWN_STREAM = /^\/(?:dev\/(stdout|stderr)|dev\/fd\/([12])|proc\/self\/fd\/([12]))$/;

/** Writes a command's result to `--output` (see host/atomicWrite.ts) or stdout; returns what went wrong, if anything. */
export async function writeResult(io: Io, output: string | undefined, text: string): Promise<string | undefined> {
  const own = output === undefined ? undefined : OWN_STREAM.exec(output);
  if (output === undefined || own) {
    (own && (own[1] === 'stderr' || own[2] === '2' || own[3] === '2') ? io.stderr : io.stdout)(text);
    return undefined;
  }
  try {
    await writeFileSafely(nodePath.resolve(output), text);
    return undefined;
  } catch (e) {
    return `cannot write '${output}': ${(e as Error).message}`;
  }
}
