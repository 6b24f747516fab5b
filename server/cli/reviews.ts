// `crosswalk reviews [dir]`: policies by review due date, and, when the folder
// is in a git clone with history, the policies whose text changed after their
// last review.
import { CONFIG_FILE } from '../core/knowledge/config/config.ts';
import { isIsoDate } from '../core/rules/invalidDate.ts';
import { BUCKET_TITLE, policyTextChanged, reviewSchedule, type DueBucket, type ReviewItem } from '../core/review/reviews.ts';
import { GitError, repoInfo, textAsOf } from '../host/gitObjects.ts';
import { NodeFileSource } from '../host/nodeFiles.ts';
import { today as localToday } from '../host/bundled.ts';
import { analyseSource } from './analyseSource.ts';
import { failer, notADirectory, usageFailure, wantsJson, type Io } from './io.ts';
import { jsonText, textLines } from '../format/neutralise.ts';

export const REVIEWS_USAGE = `Usage: crosswalk reviews [dir] [--format text|json] [--today YYYY-MM-DD] [--no-history]

Lists the policies by review due date (last_reviewed plus review_frequency, annual when not stated):
overdue, due within 30, 60 and 90 days, later, and those recording no review. In a git clone, a
policy whose text (below its front matter) differs from the version committed on or before its
last_reviewed date is marked as changed since its review. --no-history skips reading git.`;

interface ReviewsOptions {
  dir: string;
  format: 'text' | 'json';
  today: string;
  history: boolean;
}

function parse(argv: readonly string[]): ReviewsOptions | 'help' | string {
  const o: ReviewsOptions = { dir: '.', format: 'text', today: localToday(), history: true };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    if (name === '-h' || name === '--help') return 'help';
    if (name === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json') return `'reviews' has no format '${f ?? ''}' (formats: text, json)`;
      o.format = f;
    } else if (name === '--today') {
      const d = value();
      if (d === undefined || !isIsoDate(d)) return `--today takes a date as YYYY-MM-DD, not '${d ?? ''}'`;
      o.today = d;
    } else if (name === '--no-history') o.history = false;
    else if (name.startsWith('-')) return `unknown option '${name}'`;
    else positional.push(arg);
  }
  if (positional.length > 1) return `unexpected argument '${positional[1]}': give one directory`;
  if (positional[0] !== undefined) o.dir = positional[0];
  return o;
}

export async function runReviews(argv: readonly string[], io: Io): Promise<number> {
  const opts = parse(argv);
  if (opts === 'help') {
    io.stdout(`${REVIEWS_USAGE}\n`);
    return 0;
  }
  if (typeof opts === 'string') {
    return usageFailure(io, opts, REVIEWS_USAGE, wantsJson(argv));
  }
  const fail = failer(io, opts.format === 'json');
  const notDir = await notADirectory(opts.dir);
  if (notDir !== undefined) return fail(notDir);
  const { project, texts } = await analyseSource(new NodeFileSource(opts.dir), opts.today);
  if (project.config.path === undefined && project.fileCount() === 0) return fail(`no catalogue in '${opts.dir}': there is no ${CONFIG_FILE} and no policy or control file`);

  let changed: ((path: string, lastReviewed: string) => boolean | undefined) | undefined;
  if (opts.history) {
    try {
      const repo = repoInfo(opts.dir);
      changed = (path, lastReviewed) => {
        const current = texts.get(path);
        const reviewed = textAsOf(repo.top, repo.prefix === '' ? path : `${repo.prefix}/${path}`, lastReviewed);
        return current === undefined || reviewed === undefined ? undefined : policyTextChanged(reviewed, current);
      };
    } catch (e) {
      if (!(e instanceof GitError)) throw e;
      changed = undefined; // not a clone: the schedule alone
    }
  }
  const policies = [...project.catalogue.files()].flatMap((f) => f.entities.map((entity) => ({ path: f.path, entity })));
  let items: ReviewItem[];
  try {
    items = reviewSchedule(policies, opts.today, changed);
  } catch (e) {
    if (e instanceof GitError) return fail(e.message);
    throw e;
  }
  io.stdout(opts.format === 'json' ? jsonText({ today: opts.today, history: changed !== undefined, policies: items }) : reviewsText(items, opts.today, changed !== undefined));
  return 0;
}

export function reviewsText(items: readonly ReviewItem[], today: string, history: boolean): string {
  const out: string[] = [`Policy reviews as of ${today}: ${items.length} polic${items.length === 1 ? 'y' : 'ies'}`];
  for (const bucket of Object.keys(BUCKET_TITLE) as DueBucket[]) {
    const list = items.filter((i) => i.bucket === bucket);
    if (list.length === 0) continue;
    out.push('', `${BUCKET_TITLE[bucket]} (${list.length}):`);
    for (const i of list) {
      const when =
        i.due === undefined
          ? 'no last_reviewed'
          : `due ${i.due} (${i.daysLeft! < 0 ? `${-i.daysLeft!} days overdue` : i.daysLeft === 0 ? 'today' : `in ${i.daysLeft} days`}), last reviewed ${i.lastReviewed}, ${i.frequency}`;
      out.push(`  ${i.path}:${i.line}: ${i.id ?? '(no id)'}: ${when}`);
    }
  }
  const changed = items.filter((i) => i.changedSinceReview);
  if (changed.length > 0) {
    out.push('', `Changed since their review (${changed.length}):`);
    for (const i of changed) out.push(`  ${i.path}:${i.line}: info: ${i.id ?? 'this policy'} changed after its review on ${i.lastReviewed}: review the new text and update last_reviewed`);
  }
  if (!history) out.push('', 'No git history read: changes since each review are not shown.');
  return textLines(out);
}
