import { fileRule } from './rule.ts';
import { hasPlaceholder } from '../syntax/text.ts';

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export const invalidDate = fileRule({
  code: 'invalid-date',
  severity: 'error',
  summary: 'A last_reviewed date that is not a real YYYY-MM-DD date.',
  check(file, _ctx, finding) {
    return file.entities.flatMap((e) => {
      // A template's placeholder is filled in when the policy is made from it.
      if (!e.lastReviewed || isIsoDate(e.lastReviewed.text) || hasPlaceholder(e.lastReviewed.text)) return [];
      return [finding(file.path, e.lastReviewed.range, `'${e.lastReviewed.text}' is not a date: write last_reviewed as YYYY-MM-DD`)];
    });
  },
});
