// FileSource over a directory on disk: the only place the analysis touches
// the file system. Never leaves the root (no symlinked directories, no '..'),
// and refuses files that are too large or not UTF-8 text, with a reason.
import { closeSync, constants as fsConstants, fstatSync, openSync, promises as fs, readSync, realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { FileSource } from '../core/types.ts';
import { MAX_TEXT_CHARS, tooLarge } from '../core/engine/project.ts';

const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

export class NodeFileSource implements FileSource {
  readonly root: string;
  /**
   * The root with its links resolved (a workspace opened through a symlinked path, or under
   * a linked /tmp): where a file really is is compared with this, and an editor may name files either way.
   */
  readonly realRoot: string;
  /** Paths listed as symbolic links: only these pay for resolving where they point. */
  private readonly links = new Set<string>();
  /** What the last list() found; other paths (created since, named by an editor) are resolved like links. */
  private listed = new Set<string>();

  /** Folders the last list() could not read, with the reason: their files are not in the catalogue, and the host says so. */
  unreadableFolders: Array<{ path: string; reason: string }> = [];

  /** The root with a separator at its end, to which listed paths are joined. */
  private readonly base: string;

  constructor(root: string) {
    this.root = nodePath.resolve(root);
    this.base = this.root.endsWith(nodePath.sep) ? this.root : this.root + nodePath.sep;
    let real = this.root;
    try {
      real = realpathSync(this.root);
    } catch {
      // A root that does not exist (yet) is reported when it is listed.
    }
    this.realRoot = real;
  }

  async list(): Promise<string[]> {
    const out: string[] = [];
    this.links.clear();
    this.unreadableFolders = [];
    const walk = async (dir: string, rel: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch (e) {
        this.unreadableFolders.push({ path: rel === '' ? '.' : rel, reason: (e as Error).message });
        return;
      }
      for (const e of entries) {
        const relPath = rel === '' ? e.name : `${rel}/${e.name}`;
        if (e.isDirectory()) {
          if (!SKIPPED_DIRS.has(e.name)) await walk(nodePath.join(dir, e.name), relPath);
        } else if (e.isFile() || e.isSymbolicLink()) {
          // Symlinks are listed but never followed into directories (no loops); read() checks where they point.
          if (e.isSymbolicLink()) this.links.add(relPath);
          out.push(relPath);
        }
      }
    };
    await walk(this.root, '');
    this.listed = new Set(out);
    return out.sort();
  }

  async read(path: string): Promise<string> {
    // A link, or a path nobody listed, can lead anywhere: it is resolved, and checked to be a file once open.
    const uncertain = this.links.has(path) || !this.listed.has(path);
    // A listed path is made of names read from the directories under the root, so it stays inside without checking.
    let real = uncertain ? this.resolve(path) : this.base + (nodePath.sep === '/' ? path : path.replaceAll('/', nodePath.sep));
    // A file that was not a link when listed may have become one: O_NOFOLLOW below refuses it then.
    if (uncertain) {
      real = await fs.realpath(real).catch((e: NodeJS.ErrnoException) => {
        throw new Error(
          e.code === 'ELOOP' ? 'it is a symbolic link loop' : e.code === 'ENOENT' && this.links.has(path) ? 'it is a link to nothing (the target does not exist)' : (e.message ?? String(e)),
        );
      });
      if (!isInside(this.realRoot, real)) throw new Error(`it links outside the repository (${real}); such files are not read`);
    }
    // Synchronous on purpose: catalogue files are small, and thousands of them through the
    // 4-thread libuv pool cost several times more than reading them in turn.
    // O_NONBLOCK: opening a named pipe (a link can point at one) must not wait for a writer; regular files ignore it.
    const fd = openSync(real, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0) | (this.links.has(path) ? 0 : (fsConstants.O_NOFOLLOW ?? 0)));
    try {
      if (uncertain && !fstatSync(fd).isFile()) throw new Error('it is not a regular file');
      // Into one buffer, never more than the limit and a byte: no allocation per file, no file read whole when too large.
      const n = readUpTo(fd, buffer);
      if (n > MAX_TEXT_CHARS) throw new Error(tooLarge(fstatSync(fd).size));
      return decodeUtf8(buffer.subarray(0, n));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EISDIR') throw new Error('it is not a regular file');
      throw e;
    } finally {
      closeSync(fd);
    }
  }

  resolve(path: string): string {
    const full = nodePath.resolve(this.root, path);
    if (!isInside(this.root, full)) throw new Error(`'${path}' is outside the repository`);
    return full;
  }

  relative(absolute: string): string | undefined {
    for (const root of this.realRoot === this.root ? [this.root] : [this.root, this.realRoot]) {
      const rel = nodePath.relative(root, absolute);
      if (rel !== '' && !rel.startsWith('..') && !nodePath.isAbsolute(rel)) return rel.split(nodePath.sep).join('/');
    }
    return undefined;
  }
}

/** Holds one file's bytes at a time; a byte over the limit tells a file that is too large. */
const buffer = Buffer.allocUnsafe(MAX_TEXT_CHARS + 1);

function readUpTo(fd: number, into: Buffer): number {
  let n = 0;
  while (n < into.length) {
    const want = into.length - n;
    const got = readSync(fd, into, n, want, null);
    n += got;
    // A regular file reads short only at its end: no second call to be told so.
    if (got < want) break;
  }
  return n;
}

// One decoder for every file: creating one per file was a tenth of the time spent reading.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new Error('it is not valid UTF-8 text');
  }
}

function isInside(root: string, p: string): boolean {
  const rel = nodePath.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !nodePath.isAbsolute(rel));
}
