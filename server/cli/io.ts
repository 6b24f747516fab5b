// What every subcommand writes to, and the two ways it stops on bad input.
import fs from 'node:fs/promises';
import * as nodePath from 'node:path';
import { plainText } from '../format/neutralise.ts';
import { writeFileSafely } from '../host/atomicWrite.ts';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Reports bad input on stderr; returns exit status 2. */
export function failer(io: Io): (message: string) => number {
  return (message) => {
    io.stderr(`crosswalk: error: ${plainText(message)}\n`);
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
