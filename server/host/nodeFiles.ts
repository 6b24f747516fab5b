// FileSource over a directory on disk: the only place the analysis touches
// the file system. Never leaves the root (no symlinked directories, no '..'),
// and refuses files that are too large or not UTF-8 text, with a reason.
import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import type { FileSource } from '../core/types.ts';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);

export class NodeFileSource implements FileSource {
  readonly root: string;

  constructor(root: string) {
    this.root = nodePath.resolve(root);
  }

  async list(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string, rel: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return; // unreadable directory: its files simply do not exist for the catalogue
      }
      for (const e of entries) {
        const relPath = rel === '' ? e.name : `${rel}/${e.name}`;
        if (e.isDirectory()) {
          if (!SKIPPED_DIRS.has(e.name)) await walk(nodePath.join(dir, e.name), relPath);
        } else if (e.isFile() || e.isSymbolicLink()) {
          // Symlinks are listed but never followed into directories (no loops); read() checks where they point.
          out.push(relPath);
        }
      }
    };
    await walk(this.root, '');
    return out.sort();
  }

  async read(path: string): Promise<string> {
    const full = this.resolve(path);
    const real = await fs.realpath(full);
    if (!isInside(this.root, real)) throw new Error(`it links outside the repository (${real}); such files are not read`);
    const stat = await fs.stat(real);
    if (!stat.isFile()) throw new Error('it is not a regular file');
    if (stat.size > MAX_FILE_BYTES) throw new Error(`it is ${(stat.size / 1048576).toFixed(1)} MiB; catalogue files over ${MAX_FILE_BYTES / 1048576} MiB are skipped`);
    return decodeUtf8(await fs.readFile(real));
  }

  resolve(path: string): string {
    const full = nodePath.resolve(this.root, path);
    if (!isInside(this.root, full)) throw new Error(`'${path}' is outside the repository`);
    return full;
  }

  relative(absolute: string): string | undefined {
    const rel = nodePath.relative(this.root, absolute);
    if (rel === '' || rel.startsWith('..') || nodePath.isAbsolute(rel)) return undefined;
    return rel.split(nodePath.sep).join('/');
  }
}

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('it is not valid UTF-8 text');
  }
}

function isInside(root: string, p: string): boolean {
  const rel = nodePath.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !nodePath.isAbsolute(rel));
}
