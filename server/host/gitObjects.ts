// Reads trees and files from a git repository's object store, for `diff` and
// the review history. A repository's own configuration can name programs git
// would run (core.fsmonitor, hooks, diff and filter drivers, a pager): only
// plumbing commands that never start any of them are used (rev-parse,
// ls-tree, cat-file, log without diffs), with the system and global
// configuration ignored and fsmonitor and hooks forced off on the command line.
import { spawnSync } from 'node:child_process';
import { devNull } from 'node:os';
import type { FileSource } from '../core/types.ts';
import { MAX_TEXT_CHARS, tooLarge } from '../core/engine/project.ts';
import { decodeUtf8 } from './nodeFiles.ts';

export class GitError extends Error {}

/** Settings that name a program, forced off whatever the repository says. */
const SAFE_CONFIG = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  `core.hooksPath=${devNull}`,
  '-c',
  'core.untrackedCache=false',
  '-c',
  'core.pager=cat',
  '-c',
  'diff.external=',
  '-c',
  'log.showSignature=false',
];

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // Only what git needs to run; GIT_* variables from the caller (GIT_DIR, GIT_EXTERNAL_DIFF...) are left out.
  for (const k of ['PATH', 'HOME', 'SYSTEMROOT', 'LANG', 'LC_ALL', 'TMPDIR', 'TEMP', 'TMP']) if (process.env[k] !== undefined) env[k] = process.env[k];
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: devNull, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat', GIT_NO_LAZY_FETCH: '1', LC_ALL: 'C' };
}

/** Runs one plumbing command in `cwd`; throws GitError with git's own message on failure. */
export function git(cwd: string, args: readonly string[], input?: string): Buffer {
  const r = spawnSync('git', [...SAFE_CONFIG, ...args], { cwd, env: gitEnv(), input, maxBuffer: 1 << 30, windowsHide: true });
  if (r.error)
    throw new GitError((r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed (or not on the PATH): diff and review history read the repository with it' : r.error.message);
  if (r.status !== 0) throw new GitError(r.stderr.toString('utf8').trim().split('\n')[0] || `git ${args[0]} failed`);
  return r.stdout;
}

export interface RepoInfo {
  /** The top of the work tree. */
  top: string;
  /** The catalogue folder relative to the top, '/'-separated, '' at the top. */
  prefix: string;
}

export function repoInfo(dir: string): RepoInfo {
  let out: string[];
  try {
    out = git(dir, ['rev-parse', '--show-toplevel', '--show-prefix']).toString('utf8').split('\n');
  } catch (e) {
    throw new GitError(`'${dir}' is not in a git repository (${(e as Error).message}); diff compares commits, so run it in a clone`);
  }
  return { top: out[0]!, prefix: (out[1] ?? '').replace(/\/$/, '') };
}

/** The commit a ref names; a ref this clone lacks gets an error saying how to fetch it. */
export function resolveCommit(top: string, ref: string): string {
  if (ref.startsWith('-')) throw new GitError(`'${ref}' is not a revision`);
  try {
    return git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])
      .toString('utf8')
      .trim();
  } catch {
    const shallow = (() => {
      try {
        return git(top, ['rev-parse', '--is-shallow-repository']).toString('utf8').trim() === 'true';
      } catch {
        return false;
      }
    })();
    if (shallow)
      throw new GitError(
        `'${ref}' is not in this clone, which is shallow: fetch it with 'git fetch --deepen=50' (or 'git fetch --unshallow', or 'git fetch origin ${ref}'); in GitHub Actions, give actions/checkout 'fetch-depth: 0'`,
      );
    throw new GitError(`unknown revision '${ref}': check its name, or fetch it with 'git fetch origin ${ref}'`);
  }
}

interface Blob {
  oid: string;
  size: number;
}

/** Files whose text is read in one batch when the first is asked for: what a catalogue is made of. */
const LIKELY_TEXT = /\.(?:ya?ml|md|markdown|json)$/i;

/** FileSource over the tree of one commit, below the catalogue's folder. */
export class GitTreeSource implements FileSource {
  private blobs: Map<string, Blob> | undefined;
  private texts: Map<string, string> | undefined;

  constructor(
    private readonly top: string,
    readonly commit: string,
    private readonly prefix: string,
  ) {}

  async list(): Promise<string[]> {
    return [...this.tree().keys()].sort();
  }

  async read(path: string): Promise<string> {
    const blob = this.tree().get(path);
    if (!blob) throw new Error(`it is not in commit ${this.commit.slice(0, 12)}`);
    if (blob.size > MAX_TEXT_CHARS) throw new Error(tooLarge(blob.size));
    const texts = (this.texts ??= this.readAll([...this.tree()].filter(([p, b]) => LIKELY_TEXT.test(p) && b.size <= MAX_TEXT_CHARS)));
    const known = texts.get(path);
    if (known !== undefined) return known;
    return decodeUtf8(git(this.top, ['cat-file', 'blob', blob.oid]));
  }

  private tree(): Map<string, Blob> {
    if (this.blobs) return this.blobs;
    const spec = this.prefix === '' ? `${this.commit}^{tree}` : `${this.commit}:${this.prefix}`;
    const out = new Map<string, Blob>();
    let listing: string;
    try {
      listing = git(this.top, ['ls-tree', '-r', '-z', '--long', '--end-of-options', spec]).toString('utf8');
    } catch {
      listing = ''; // the folder does not exist in that commit: an empty catalogue
    }
    for (const entry of listing.split('\0')) {
      const tab = entry.indexOf('\t');
      if (tab < 0) continue;
      const [mode, type, oid, size] = entry.slice(0, tab).split(/ +/);
      // Regular files only: symbolic links, submodules and the like are not catalogue files.
      if (type !== 'blob' || (mode !== '100644' && mode !== '100755')) continue;
      out.set(entry.slice(tab + 1), { oid: oid!, size: Number(size) });
    }
    this.blobs = out;
    return out;
  }

  /** Every file's text through one `cat-file --batch`; a file that is not UTF-8 is left to read() to report. */
  private readAll(entries: ReadonlyArray<[string, Blob]>): Map<string, string> {
    const texts = new Map<string, string>();
    if (entries.length === 0) return texts;
    const out = git(this.top, ['cat-file', '--batch'], entries.map(([, b]) => `${b.oid}\n`).join(''));
    let at = 0;
    for (const [path] of entries) {
      const nl = out.indexOf(0x0a, at);
      const header = out.subarray(at, nl).toString('utf8').split(' ');
      const size = Number(header[2]);
      const bytes = out.subarray(nl + 1, nl + 1 + size);
      at = nl + 1 + size + 1;
      try {
        texts.set(path, decodeUtf8(bytes));
      } catch {
        // read() decodes it again and reports why
      }
    }
    return texts;
  }
}

/**
 * For each path, the text it had in the last commit made on or before `date`
 * (YYYY-MM-DD, the end of that day in UTC); undefined when no such commit holds it.
 */
export function textAsOf(top: string, path: string, date: string): string | undefined {
  const commit = git(top, ['log', '-1', '--format=%H', `--before=${date}T23:59:59Z`, '--no-show-signature', '--end-of-options', 'HEAD', '--', path])
    .toString('utf8')
    .trim();
  if (commit === '') return undefined;
  try {
    return decodeUtf8(git(top, ['cat-file', 'blob', `${commit}:${path}`]));
  } catch {
    return undefined;
  }
}
