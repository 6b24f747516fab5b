// What every subcommand writes to, and the two ways it stops on bad input.
import fs from 'node:fs/promises';
import { plainText } from '../format/neutralise.ts';

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
