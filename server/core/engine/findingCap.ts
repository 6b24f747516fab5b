// A bound on what one rule reports in one file. A file can hold hundreds of
// thousands of bad ids; an editor cannot show them, CI logs drown in them, and
// each costs memory. The first MAX_PER_RULE findings of a rule in a file are
// kept in document order; the rest become one finding that says how many.
import type { Finding } from '../types.ts';
import { compareRanges } from '../text/lineIndex.ts';

/** Findings of one rule listed per file; docs/rules.md states it. */
export const MAX_PER_RULE = 1000;

/** Summary findings, and how many findings each stands for (kept off the plain data that crosses threads). */
const standsFor = new WeakMap<Finding, number>();

/** How many findings `f` stands for: 1, or the count a summary replaced. */
function weight(f: Finding): number {
  return standsFor.get(f) ?? 1;
}

/**
 * The findings with at most MAX_PER_RULE per rule and path, plus one summary
 * per rule and path for the rest. Lists under the bound are returned as they are.
 */
export function capPerRule(findings: Finding[]): Finding[] {
  if (findings.length <= MAX_PER_RULE) return findings;
  const counts = new Map<string, number>();
  let over = false;
  for (const f of findings) {
    const k = `${f.path}\u0000${f.rule}`;
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    if (n > MAX_PER_RULE) over = true;
  }
  if (!over) return findings;
  const sorted = [...findings].sort((a, b) => compareRanges(a.range, b.range));
  const kept = new Map<string, number>();
  const summaries = new Map<string, Finding>();
  const out: Finding[] = [];
  for (const f of sorted) {
    const k = `${f.path}\u0000${f.rule}`;
    if (counts.get(k)! <= MAX_PER_RULE) {
      out.push(f);
      continue;
    }
    const n = kept.get(k) ?? 0;
    if (n < MAX_PER_RULE && !standsFor.has(f)) {
      kept.set(k, n + 1);
      out.push(f);
      continue;
    }
    let s = summaries.get(k);
    if (!s) {
      s = { rule: f.rule, severity: f.severity, path: f.path, range: f.range, message: '' };
      summaries.set(k, s);
      standsFor.set(s, 0);
      out.push(s);
    }
    standsFor.set(s, standsFor.get(s)! + weight(f));
    if (RANK[f.severity] > RANK[s.severity]) s.severity = f.severity;
  }
  for (const s of summaries.values()) s.message = moreMessage(s.rule, standsFor.get(s)!);
  return out;
}

const RANK: Record<Finding['severity'], number> = { error: 3, warning: 2, info: 1, hint: 0 };

function moreMessage(rule: string, n: number): string {
  return `and ${n.toLocaleString('en-US')} more ${rule} finding${n === 1 ? '' : 's'} in this file, not listed (at most ${MAX_PER_RULE.toLocaleString('en-US')} per rule and file are): fix the ones listed and check again`;
}
