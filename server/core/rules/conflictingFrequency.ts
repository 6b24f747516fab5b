import type { Fix, Finding, RelatedLocation } from '../types.ts';
import type { Statement } from '../model/facts.ts';
import type { Frequency } from '../knowledge/frequency.ts';
import { workspaceRule } from './rule.ts';
import { MAX_NAMED, MAX_RELATED } from './util.ts';
import { itemsWithKey } from './groupedBy.ts';
import { firstAndMore } from '../text/lists.ts';

/** Prose that can replace a frequency phrase in a sentence. */
const ADVERB: Record<string, string> = { continuous: 'continuously', daily: 'daily', weekly: 'weekly', biweekly: 'every two weeks', monthly: 'monthly', quarterly: 'quarterly', semiannual: 'semi-annually', annual: 'annually', biennial: 'every two years' };

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

function describe(f: Frequency): string {
  return f.name.startsWith('every ') ? f.name : `${f.atLeast ? 'at least ' : ''}${f.name}`;
}

interface Located {
  path: string;
  s: Statement;
}

/** Policy review cadence is each policy's own: only compare it within that policy. */
function key(s: Statement): string {
  return s.activity === 'policy review' ? `policy review\u0000${s.owner ?? ''}` : s.activity;
}

export const conflictingFrequency = workspaceRule({
  code: 'conflicting-frequency',
  severity: 'warning',
  summary: 'The same activity stated with different frequencies in two places (policies, or a policy and a control).',
  *keys(file) {
    for (const s of file.statements ?? []) yield key(s);
  },
  reads: (file, k) => JSON.stringify(itemsWithKey(file.statements, k, key)),
  check(k, _index, _ctx, members, finding) {
    const all: Located[] = [];
    for (const file of members) for (const s of itemsWithKey(file.statements, k, key)) all.push({ path: file.path, s });
    if (all.length < 2) return [];
    const out: Finding[] = [];
    const strictest = all.reduce((best, x) => ((x.s.frequency.days ?? Infinity) < (best.s.frequency.days ?? Infinity) ? x : best));
    // Statements grouped by how they read, so a large group costs O(statements x distinct frequencies).
    const byFrequency = new Map<string, Located[]>();
    for (const x of all) {
      const k = describe(x.s.frequency);
      const list = byFrequency.get(k);
      if (list) list.push(x);
      else byFrequency.set(k, [x]);
    }
    // What clashes with a statement depends only on its frequency: worked out once per frequency.
    const where = (y: Located): string => `${y.path}:${y.s.range.start.line + 1}${y.s.owner ? ` (${y.s.owner})` : ''}`;
    const clashesOf = new Map<string, { clashes: Located[]; others: string; related: RelatedLocation[] }>();
    for (const x of all) {
      const freq = x.s.frequency;
      const fk = `${freq.name}\u0000${freq.days}\u0000${freq.atLeast}`;
      let known = clashesOf.get(fk);
      if (!known) {
        const clashes = [...byFrequency.values()].filter((g) => !compatible(freq, g[0]!.s.frequency)).flat();
        // One list of related places per frequency, shared by its findings: not one copy per member.
        const related = clashes.slice(0, MAX_RELATED).map((y) => ({ path: y.path, range: y.s.range, message: `${y.s.activity}: ${describe(y.s.frequency)}` }));
        clashesOf.set(fk, (known = { clashes, others: clashes.length === 0 ? '' : firstAndMore(clashes, MAX_NAMED, (y) => `${describe(y.s.frequency)} in ${where(y)}`, '; '), related }));
      }
      const { clashes, others, related } = known;
      if (clashes.length === 0) continue;
      const activity = x.s.activity;
      const weaker = x !== strictest && !compatible(x.s.frequency, strictest.s.frequency);
      const advice = weaker ? `the stricter frequency wins: make it ${strictest.s.frequency.name}` : `the stricter frequency (this one) wins: align the others`;
      const fixes: Fix[] = [];
      if (weaker) {
        const target = strictest.s.frequency;
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
