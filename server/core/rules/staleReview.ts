import type { FileRule } from './rule.ts';
import { finding, label } from './util.ts';
import { parseFrequency } from '../knowledge/frequency.ts';
import { isIsoDate } from './invalidDate.ts';

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400000);
}

export const staleReview: FileRule = {
  scope: 'file',
  code: 'stale-review',
  severity: 'warning',
  summary: 'A policy whose last review is older than its review frequency (annual when not stated), or that records no review.',
  check(file, ctx) {
    return file.entities.flatMap((e) => {
      if (e.kind !== 'policy') return [];
      if (!e.lastReviewed) return [finding('stale-review', 'info', file.path, e.idRange, `${label(e)} records no review: add 'last_reviewed: YYYY-MM-DD'`)];
      if (!isIsoDate(e.lastReviewed.text)) return [];
      const freq = e.frequency ? parseFrequency(e.frequency.text) : undefined;
      const period = freq?.days ?? 365;
      if (period === 0) return [];
      const age = daysBetween(e.lastReviewed.text, ctx.today);
      if (age < 0) return [finding('stale-review', 'warning', file.path, e.lastReviewed.range, `last_reviewed ${e.lastReviewed.text} is in the future (today is ${ctx.today})`)];
      if (age <= period) return [];
      const cadence = freq ? `${freq.name} (${period} days)` : 'annual by default (365 days)';
      return [finding('stale-review', 'warning', file.path, e.lastReviewed.range, `${label(e)} was last reviewed on ${e.lastReviewed.text}, ${age} days ago; its review frequency is ${cadence}: review it and update last_reviewed`)];
    });
  },
};
