// Scratch git repositories for tests: made in a temp folder with a fixed
// identity and no user or system configuration.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import * as nodePath from 'node:path';

const made: string[] = [];

export function removeScratch(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(nodePath.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function gitIn(dir: string, args: string[]): string {
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: devNull,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  };
  const r = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(nodePath.dirname(nodePath.join(dir, p)), { recursive: true });
    writeFileSync(nodePath.join(dir, p), text);
  }
}

/** A repository with one commit per entry, each writing its files; dated when `date` is given (YYYY-MM-DD). */
export function gitRepo(commits: Array<{ files: Record<string, string>; message: string; date?: string }>, prefix = 'crosswalk-git-'): string {
  const dir = scratchDir(prefix);
  gitIn(dir, ['init', '-q', '-b', 'main']);
  for (const c of commits) {
    writeFiles(dir, c.files);
    gitIn(dir, ['add', '-A']);
    const date = c.date ? [`--date=${c.date}T12:00:00Z`] : [];
    if (c.date) process.env.GIT_COMMITTER_DATE = `${c.date}T12:00:00Z`;
    try {
      gitIn(dir, ['commit', '-q', '-m', c.message, ...date]);
    } finally {
      delete process.env.GIT_COMMITTER_DATE;
    }
  }
  return dir;
}
