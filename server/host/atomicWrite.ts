// Writing the files crosswalk produces (--output, baselines) and fixes (--fix)
// without replacing what should not be replaced: a regular file is replaced
// whole or not at all (a temporary file beside it, then a rename) keeping its
// mode and owner; a file with other hard links, a character device, a named
// pipe and /dev/stdout are written in place; a symbolic link is written
// through to the regular file it names (inside the repository, for catalogue
// files) and never replaced; anything else is refused with the reason.
import { rmSync, promises as fs, type Stats } from 'node:fs';
import * as nodePath from 'node:path';

/** Why a path cannot be written; the message completes "cannot write 'x': ". */
export class WriteRefused extends Error {}

type Plan = { how: 'replace'; path: string; old?: Stats } | { how: 'in-place'; path: string; append: boolean };

/** The process's own streams, by whatever name: written in place, appended (never truncating what the shell opened). */
const STREAM_PATH = /^\/(?:dev\/(?:stdout|stderr|fd\/\d+)|proc\/(?:self|\d+)\/fd\/\d+)$/;

function inside(root: string, p: string): boolean {
  const rel = nodePath.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !nodePath.isAbsolute(rel));
}

function kind(s: Stats): string {
  return s.isDirectory() ? 'a directory' : s.isBlockDevice() ? 'a block device' : s.isSocket() ? 'a socket' : 'not a regular file';
}

interface WriteOptions {
  /** Only regular files (catalogue files): a link must lead to one inside this folder (a real path). */
  within?: string;
}

async function plan(path: string, o: WriteOptions): Promise<Plan> {
  if (o.within === undefined && STREAM_PATH.test(path)) return { how: 'in-place', path, append: true };
  const own = await fs.lstat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (own === undefined) return { how: 'replace', path };
  let target = path;
  let s = own;
  if (own.isSymbolicLink()) {
    const real = await fs.realpath(path).catch((e: NodeJS.ErrnoException) => {
      throw new WriteRefused(e.code === 'ENOENT' ? 'it is a symbolic link to a file that does not exist: give the file itself' : e.code === 'ELOOP' ? 'it is a symbolic link loop' : e.message);
    });
    if (o.within !== undefined && !inside(o.within, real)) throw new WriteRefused(`it is a symbolic link to ${real}, outside the repository; it is not written: fix that file by hand`);
    target = real;
    s = await fs.stat(real);
  }
  if (s.isFile()) return s.nlink > 1 ? { how: 'in-place', path: target, append: false } : { how: 'replace', path: target, old: s };
  if (o.within === undefined && (s.isCharacterDevice() || s.isFIFO())) return { how: 'in-place', path, append: true };
  throw new WriteRefused(`it is ${kind(s)}: give ${o.within === undefined ? 'a regular file, a new path, a character device or a named pipe' : 'a regular file'}`);
}

/**
 * Writes `text` to `path` as the header says. Throws WriteRefused for a path
 * it will not write, and the file system's error when writing fails.
 */
export async function writeFileSafely(path: string, text: string, o: WriteOptions = {}): Promise<void> {
  const p = await plan(path, o);
  if (p.how === 'in-place') await fs.writeFile(p.path, text, { encoding: 'utf8', flag: p.append ? 'a' : 'w' });
  else await replaceFile(p.path, text, p.old);
}

async function replaceFile(path: string, text: string, old: Stats | undefined): Promise<void> {
  const dir = nodePath.dirname(path);
  const tmp = nodePath.join(dir, `.${nodePath.basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const release = holdTemporary(tmp);
  try {
    await fs.writeFile(tmp, text, { encoding: 'utf8', flag: 'wx', mode: 0o600 });
    if (old !== undefined) {
      // chmod, unlike the mode given at creation, is not narrowed by the umask.
      await fs.chmod(tmp, old.mode & 0o7777);
      if (old.uid !== process.getuid?.() || old.gid !== process.getgid?.()) await fs.chown(tmp, old.uid, old.gid).catch(() => undefined);
    }
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    // The temporary file's name means nothing to the user: say what is wrong with the folder.
    const err = e as NodeJS.ErrnoException;
    if (err.path === tmp) throw new Error(err.code === 'ENOENT' ? `the folder ${dir} does not exist` : `cannot create a file in ${dir} (${err.code ?? err.message})`);
    throw e;
  } finally {
    release();
  }
}

// Temporary files being written, removed if the process is stopped by SIGINT or SIGTERM
// (kill -9 cannot be caught: the file then stays, named after the process and the time).
const temporaries = new Set<string>();
const SIGNALS = { SIGINT: 130, SIGTERM: 143 } as const;

function onSignal(signal: keyof typeof SIGNALS): void {
  for (const t of temporaries) rmSync(t, { force: true });
  temporaries.clear();
  process.exit(SIGNALS[signal]);
}

/** Records a temporary file until the returned function is called. */
export function holdTemporary(path: string): () => void {
  if (temporaries.size === 0) for (const s of Object.keys(SIGNALS) as Array<keyof typeof SIGNALS>) process.on(s, onSignal);
  temporaries.add(path);
  return () => {
    temporaries.delete(path);
    if (temporaries.size === 0) for (const s of Object.keys(SIGNALS) as Array<keyof typeof SIGNALS>) process.off(s, onSignal);
  };
}
