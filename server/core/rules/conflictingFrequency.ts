import type { Fix, Finding, RelatedLocation } from '../types.ts';
import type { Statement } from '../model/facts.ts';
import type { Frequency } from '../knowledge/frequency.ts';
import { workspaceRule } from './rule.ts';
import { MAX_NAMED, MAX_RELATED } from './util.ts';
import { itemsWithKey } from './groupedBy.ts';
import { firstAndMore } from '../text/lists.ts';

/** Prose that can replace a frequency phrase in a sentence. */
const ADVERB: Record<string, string> = {
  continuous: 'continuously',
  daily: 'daily',
  weekly: 'weekly',
  biweekly: 'every two weeks',
  monthly: 'monthly',
  quarterly: 'quarterly',
  semiannual: 'semi-annually',
  annual: 'annually',
  biennial: 'every two years',
};

/**
 * Two statements agree when equal (within 10%: "every 90 days" is quarterly),
 * event-driven, or one is a minimum the other meets ("at least monthly" vs "weekly").
 */
export function compatible(a: Frequency, b: Frequency): boolean {
  if (a.days === undefined || b.days === undefined || a.name === b.name) return true;
  if (Math.abs(a.days - b.days) <= 0.1 * Math.max(a.days, b.days)) return true;
  if (a.atLeast && b.days <= a.days) return true;
  if (b.atLeast && a.days <= b.days) return true;
  return false;
}

/**
 * Statements of one activity are about the same task unless each names it with a verb, and the verbs
 * are of different kinds: reviewing the risk assessment quarterly and updating it annually agree.
 */
function sameTask(a: Statement, b: Statement): boolean {
  return a.verb === undefined || b.verb === undefined || a.verb === b.verb;
}

function describe(f: Frequency): string {
  return f.name.startsWith('every ') ? f.name : `${f.atLeast ? 'at least ' : ''}${f.name}`;
}

interface Located {
  path: string;
  s: Statement;
  /** A control's own frequency: two of them (one id defined twice) are duplicate-id's business, not a conflict. */
  own: boolean;
}

/**
 * What a statement is about. A control's own frequency and what policies
 * prescribe for its id meet under the control; others under the activity and
 * the object it is done to (access reviews of the HR system are not those of
 * the production database). Policy review cadence is each policy's own: only
 * compared within that policy.
 */
function key(s: Statement): string {
  if (s.control !== undefined) return `control\u0000${s.control}`;
  if (s.activity === 'policy review') return `policy review\u0000${s.owner ?? ''}`;
  return s.object ? `${s.activity}\u0000${s.object.key}` : s.activity;
}

/** The statement's subject in messages: "control AC-01", "access review (HR systems)". */
function subject(s: Statement): string {
  if (s.control !== undefined) return `control ${s.control}`;
  return s.object ? `${s.activity} (${s.object.text})` : s.activity;
}

export const conflictingFrequency = workspaceRule({
  code: 'conflicting-frequency',
  severity: 'warning',
  summary: 'The same activity on the same object, or the same control, stated with different frequencies in two places (policies, or a policy and a control).',
  *keys(file) {
    for (const s of file.statements ?? []) yield key(s);
  },
  // Its statements under the key, and whether it is a control file (a control's own frequency).
  reads: (file, k) => JSON.stringify([file.kind, itemsWithKey(file.statements, k, key)]),
  check(k, _index, _ctx, members, finding) {
    const all: Located[] = [];
    for (const file of members) for (const s of itemsWithKey(file.statements, k, key)) all.push({ path: file.path, s, own: file.kind === 'controls' && s.control !== undefined });
    if (all.length < 2) return [];
    const out: Finding[] = [];
    const stricter = (best: Located, x: Located): Located => ((x.s.frequency.days ?? Infinity) < (best.s.frequency.days ?? Infinity) ? x : best);
    // The strictest of the statements about the same task, per verb (a few kinds): linear in the group.
    const winners = new Map<string, { strictest: Located; strictestPrescribed: Located | undefined }>();
    const winnersFor = (x: Located): { strictest: Located; strictestPrescribed: Located | undefined } => {
      const v = x.s.verb ?? '';
      let w = winners.get(v);
      if (!w) {
        const same = all.filter((y) => sameTask(x.s, y.s));
        const prescribed = same.filter((y) => !y.own);
        winners.set(v, (w = { strictest: same.reduce(stricter), strictestPrescribed: prescribed.length > 0 ? prescribed.reduce(stricter) : undefined }));
      }
      return w;
    };
    // Statements grouped by how they read and their verb, so a large group costs O(statements x distinct frequencies).
    const byFrequency = new Map<string, Located[]>();
    for (const x of all) {
      const k = `${describe(x.s.frequency)}\u0000${x.s.verb ?? ''}`;
      const list = byFrequency.get(k);
      if (list) list.push(x);
      else byFrequency.set(k, [x]);
    }
    // What clashes with a statement depends only on its frequency and verb: worked out once per pair.
    const where = (y: Located): string => `${y.path}:${y.s.range.start.line + 1}${y.s.owner ? ` (${y.s.owner})` : ''}`;
    const clashesOf = new Map<string, { clashes: Located[]; others: string; related: RelatedLocation[] }>();
    for (const x of all) {
      const freq = x.s.frequency;
      const fk = `${freq.name}\u0000${freq.days}\u0000${freq.atLeast}\u0000${x.own}\u0000${x.s.verb ?? ''}`;
      let known = clashesOf.get(fk);
      if (!known) {
        const clashes = [...byFrequency.values()]
          .filter((g) => !compatible(freq, g[0]!.s.frequency) && sameTask(x.s, g[0]!.s))
          .flat()
          .filter((y) => !(x.own && y.own));
        // One list of related places per frequency, shared by its findings: not one copy per member.
        const related = clashes.slice(0, MAX_RELATED).map((y) => ({ path: y.path, range: y.s.range, message: `${subject(y.s)}: ${describe(y.s.frequency)}` }));
        clashesOf.set(fk, (known = { clashes, others: clashes.length === 0 ? '' : firstAndMore(clashes, MAX_NAMED, (y) => `${describe(y.s.frequency)} in ${where(y)}`, '; '), related }));
      }
      const { clashes, others, related } = known;
      if (clashes.length === 0) continue;
      const activity = subject(x.s);
      const { strictest, strictestPrescribed } = winnersFor(x);
      const wins = x.own ? strictestPrescribed! : strictest;
      const weaker = x !== wins && !compatible(x.s.frequency, wins.s.frequency);
      const advice = weaker ? `the stricter frequency wins: make it ${wins.s.frequency.name}` : `the stricter frequency (this one) wins: align the others`;
      const fixes: Fix[] = [];
      if (weaker) {
        const target = wins.s.frequency;
        const text = x.s.source === 'field' ? target.name : `${x.s.frequency.atLeast ? 'at least ' : ''}${ADVERB[target.name] ?? target.name}`;
        fixes.push({ title: `Use the stricter frequency: ${target.name}`, edits: [{ path: x.path, range: x.s.range, newText: text }], preferred: true });
      }
      const f = finding(x.path, x.s.range, `${activity}: ${describe(x.s.frequency)} here, but ${others}; ${advice}`, fixes);
      f.related = related;
      out.push(f);
    }
    return out;
  },
});
