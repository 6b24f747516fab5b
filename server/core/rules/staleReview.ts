import { fileRule } from './rule.ts';
import { label } from './util.ts';
import { parseFrequency } from '../knowledge/frequency.ts';
import { isIsoDate } from './invalidDate.ts';

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

export const staleReview = fileRule({
  code: 'stale-review',
  severity: 'warning',
  // Nothing is overdue yet: the date is missing, which is a gap to fill in.
  otherSeverities: { 'no-review': 'info' },
  summary: 'A policy whose last review is older than its review frequency (annual when not stated), or that records no review.',
  check(file, ctx, finding) {
    return file.entities.flatMap((e) => {
      if (e.kind !== 'policy') return [];
      // comply documents record reviews as majorRevisions entries.
      const record = e.style === 'comply' ? `add a majorRevisions entry (- date: ..., comment: ...)` : `add 'last_reviewed: YYYY-MM-DD'`;
      // A comply procedure is a ticket template that is run, not a document that is reviewed.
      if (!e.lastReviewed && (e.document === 'procedure' || e.style === 'body')) return [];
      if (!e.lastReviewed) return [finding.as('no-review', file.path, e.idRange, `${label(e)} records no review: ${record}`)];
      if (!isIsoDate(e.lastReviewed.text)) return [];
      const freq = e.frequency ? parseFrequency(e.frequency.text) : undefined;
      const period = freq?.days ?? 365;
      if (period === 0) return [];
      const age = daysBetween(e.lastReviewed.text, ctx.today);
      if (age < 0) return [finding(file.path, e.lastReviewed.range, `last_reviewed ${e.lastReviewed.text} is in the future (today is ${ctx.today})`)];
      if (age <= period) return [];
      const cadence = freq ? `${freq.name} (${period} days)` : 'annual by default (365 days)';
      return [
        finding(
          file.path,
          e.lastReviewed.range,
          `${label(e)} was last reviewed on ${e.lastReviewed.text}, ${age} days ago; its review frequency is ${cadence}: review it and ${e.style === 'comply' ? 'add a majorRevisions entry' : e.style === 'body' ? 'update the review date it states' : 'update last_reviewed'}`,
        ),
      ];
    });
  },
});
