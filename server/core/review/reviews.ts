// Policies by review due date, for `crosswalk reviews`: overdue, due within
// 30, 60 or 90 days, later, or recording no review. Whether a policy's text
// changed after its review comes in as data (the CLI reads it from git), so
// this stays a pure function of the catalogue.
import type { Entity } from '../model/facts.ts';
import { parseFrequency } from '../knowledge/frequency.ts';
import { isIsoDate } from '../rules/invalidDate.ts';
import { daysBetween } from '../rules/staleReview.ts';
import { findHeader } from '../syntax/frontMatter.ts';

export type DueBucket = 'overdue' | 'due-30' | 'due-60' | 'due-90' | 'later' | 'no-review';

export const BUCKET_TITLE: Record<DueBucket, string> = {
  overdue: 'Overdue',
  'due-30': 'Due within 30 days',
  'due-60': 'Due within 60 days',
  'due-90': 'Due within 90 days',
  later: 'Due later',
  'no-review': 'No review recorded',
};

export interface ReviewItem {
  id?: string;
  title?: string;
  path: string;
  /** 1-based line of its id (or front matter). */
  line: number;
  lastReviewed?: string;
  /** The review frequency as written, or 'annual (default)'. */
  frequency: string;
  due?: string;
  /** Days from today to the due date; negative when overdue. */
  daysLeft?: number;
  bucket: DueBucket;
  /** Its text changed after its last review (known only when history was given). */
  changedSinceReview?: boolean;
}

export interface ReviewInput {
  path: string;
  entity: Entity;
}

/**
 * `changed(path, lastReviewed)` answers whether the policy's text changed after that date:
 * true, false, or undefined when the history does not tell.
 */
export function reviewSchedule(policies: readonly ReviewInput[], today: string, changed?: (path: string, lastReviewed: string) => boolean | undefined): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const { path, entity: e } of policies) {
    if (e.kind !== 'policy') continue;
    const freq = e.frequency ? parseFrequency(e.frequency.text) : undefined;
    const period = freq?.days || 365; // continuous and event-driven reviews: once a year at the least
    const item: ReviewItem = { path, line: e.idRange.start.line + 1, frequency: e.frequency ? e.frequency.text : 'annual (default)', bucket: 'no-review' };
    if (e.id !== undefined) item.id = e.id;
    if (e.title !== undefined) item.title = e.title.text;
    const last = e.lastReviewed?.text;
    if (last !== undefined && isIsoDate(last)) {
      item.lastReviewed = last;
      item.due = addDays(last, period);
      item.daysLeft = daysBetween(today, item.due);
      item.bucket = item.daysLeft < 0 ? 'overdue' : item.daysLeft <= 30 ? 'due-30' : item.daysLeft <= 60 ? 'due-60' : item.daysLeft <= 90 ? 'due-90' : 'later';
      const c = changed?.(path, last);
      if (c !== undefined) item.changedSinceReview = c;
    }
    items.push(item);
  }
  const order: DueBucket[] = ['overdue', 'due-30', 'due-60', 'due-90', 'later', 'no-review'];
  return items.sort((a, b) => order.indexOf(a.bucket) - order.indexOf(b.bucket) || (a.due ?? '').localeCompare(b.due ?? '') || a.path.localeCompare(b.path));
}

/** Whether two versions of a policy differ in what it says: the body, not the front matter (where last_reviewed lives). */
export function policyTextChanged(reviewed: string, current: string): boolean {
  return body(reviewed) !== body(current);
}

function body(text: string): string {
  const fm = findHeader(text.replace(/^\uFEFF/, ''));
  const rest = fm ? text.replace(/^\uFEFF/, '').slice(fm.bodyStart) : text;
  return rest.replace(/\r\n/g, '\n').trim();
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10);
}
