// `crosswalk diff <base> [<head>]`: what a change does to the catalogue. Both
// trees are analysed by the engine `check` uses (the base, and a head commit,
// read from git objects; the default head is the working tree on disk), then
// compared in the core.
import type { Finding, Severity } from '../core/types.ts';
import { compareTrees } from '../core/review/compare.ts';
import { computeCoverage } from '../core/queries/coverage.ts';
import { isIsoDate } from '../core/rules/invalidDate.ts';
import { GitError, GitTreeSource, repoInfo, resolveCommit } from '../host/gitObjects.ts';
import { NodeFileSource } from '../host/nodeFiles.ts';
import { today as localToday } from '../host/bundled.ts';
import { diffJson, diffMarkdown, diffText } from '../format/diffFormats.ts';
import { analyseSource, type Analysed } from './analyseSource.ts';
import { failer, notADirectory, usageFailure, wantsJson, writeResult, type Io } from './io.ts';

export const DIFF_USAGE = `Usage: crosswalk diff <base-ref> [<head-ref>] [options]

Compares the catalogue at <base-ref> with <head-ref> (default: the working tree): the findings
introduced and fixed, and the coverage change per framework and requirement.

Options:
  --dir <dir>      the catalogue folder, inside the git work tree (default: the current directory)
  --format <f>     text (default), json, markdown
  --output <file>  write the result to a file (whole or not at all) instead of stdout
  --fail-on <s>    exit 1 when the change introduces findings of this severity or worse:
                   error (default), warning, info
  --today <date>   YYYY-MM-DD to use as today's date (for review-age rules)

Exit status: 0 nothing introduced at --fail-on, 1 introduced, 2 bad usage or input.`;

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

interface DiffOptions {
  base: string;
  head?: string;
  dir: string;
  format: 'text' | 'json' | 'markdown';
  output?: string;
  failOn: Severity;
  today: string;
}

class DiffUsage extends Error {}

function parseDiffArgs(argv: readonly string[]): DiffOptions | 'help' {
  const refs: string[] = [];
  const o: Partial<DiffOptions> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || (eq < 0 && v.startsWith('-'))) throw new DiffUsage(`${name} needs a value`);
      return v;
    };
    if (name === '-h' || name === '--help') return 'help';
    else if (name === '--dir') o.dir = value();
    else if (name === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json' && f !== 'markdown') throw new DiffUsage(`'diff' has no format '${f}' (formats: text, json, markdown)`);
      o.format = f;
    } else if (name === '--output' || name === '-o') o.output = value();
    else if (name === '--fail-on') {
      const s = value();
      if (s !== 'error' && s !== 'warning' && s !== 'info') throw new DiffUsage(`--fail-on takes error, warning or info, not '${s}'`);
      o.failOn = s;
    } else if (name === '--today') {
      const d = value();
      if (!isIsoDate(d)) throw new DiffUsage(`--today takes a date as YYYY-MM-DD, not '${d}'`);
      o.today = d;
    } else if (name.startsWith('-')) throw new DiffUsage(`unknown option '${name}'`);
    else refs.push(arg);
  }
  if (refs.length === 0) throw new DiffUsage('diff needs the base revision to compare with (a branch, tag or commit)');
  if (refs.length > 2) throw new DiffUsage(`unexpected argument '${refs[2]}': give a base and at most one head revision`);
  const out: DiffOptions = { base: refs[0]!, dir: o.dir ?? '.', format: o.format ?? 'text', failOn: o.failOn ?? 'error', today: o.today ?? localToday() };
  if (refs[1] !== undefined) out.head = refs[1];
  if (o.output !== undefined) out.output = o.output;
  return out;
}

export async function runDiff(argv: readonly string[], io: Io): Promise<number> {
  let opts: DiffOptions | 'help';
  try {
    opts = parseDiffArgs(argv);
  } catch (e) {
    if (!(e instanceof DiffUsage)) throw e;
    return usageFailure(io, e.message, DIFF_USAGE, wantsJson(argv));
  }
  if (opts === 'help') {
    io.stdout(`${DIFF_USAGE}\n`);
    return 0;
  }
  const fail = failer(io, opts.format === 'json');
  const notDir = await notADirectory(opts.dir);
  if (notDir !== undefined) return fail(notDir);

  let base: Analysed;
  let head: Analysed;
  try {
    const repo = repoInfo(opts.dir);
    const baseCommit = resolveCommit(repo.top, opts.base);
    const headCommit = opts.head === undefined ? undefined : resolveCommit(repo.top, opts.head);
    base = await analyseSource(new GitTreeSource(repo.top, baseCommit, repo.prefix), opts.today);
    head = await analyseSource(headCommit === undefined ? new NodeFileSource(opts.dir) : new GitTreeSource(repo.top, headCommit, repo.prefix), opts.today);
  } catch (e) {
    if (e instanceof GitError) return fail(e.message);
    return fail(`cannot analyse the catalogue: ${(e as Error).message}`);
  }
  const cmp = compareTrees(
    { findings: base.findings, fingerprints: base.fingerprints, coverage: computeCoverage(base.project) },
    { findings: head.findings, fingerprints: head.fingerprints, coverage: computeCoverage(head.project) },
  );
  const labels = { base: opts.base, head: opts.head ?? 'working tree' };
  const fingerprintOf = new Map<Finding, string>([...base.findings.map((f, i) => [f, base.fingerprints[i]!] as const), ...head.findings.map((f, i) => [f, head.fingerprints[i]!] as const)]);
  const text = opts.format === 'json' ? diffJson(cmp, labels, (f) => fingerprintOf.get(f) ?? '') : opts.format === 'markdown' ? diffMarkdown(cmp, labels) : diffText(cmp, labels);
  const unwritten = await writeResult(io, opts.output, text);
  if (unwritten !== undefined) return fail(unwritten);
  const threshold = RANK[opts.failOn];
  return cmp.introduced.some((f) => RANK[f.severity] >= threshold) ? 1 : 0;
}
