import { fileRule } from './rule.ts';
import { daysBetween } from './staleReview.ts';
import { isIsoDate } from './invalidDate.ts';

export const staleCrosswalk = fileRule({
  code: 'stale-crosswalk',
  severity: 'warning',
  summary: 'A crosswalk in use whose last review is over a year old.',
  check(file, ctx, finding) {
    // Reported once, on crosswalk.yaml, which chooses the crosswalks in use.
    if (file.kind !== 'config' || ctx.config.path === undefined) return [];
    return ctx.registry.crosswalks.flatMap((cw) => {
      const start = { line: 0, character: 0 };
      const at = { start, end: start };
      if (!cw.lastReviewed || !isIsoDate(cw.lastReviewed)) return [finding(file.path, at, `crosswalk ${cw.id} records no last_reviewed date: a mapping nobody reviews drifts from both frameworks`)];
      const age = daysBetween(cw.lastReviewed, ctx.today);
      return age > 365
        ? [finding(file.path, at, `crosswalk ${cw.id} was last reviewed on ${cw.lastReviewed}, ${age} days ago: review its pairs against both frameworks and update last_reviewed`)]
        : [];
    });
  },
});
