// Frequencies as people write them ("quarterly", "every 90 days", "twice a
// year", "at least annually") reduced to a period in days, so two statements
// can be compared: the shorter period is the stricter one.
import type { Frequency } from '../model/frequency.ts';

export type { Frequency };

export const CANONICAL_FREQUENCIES: ReadonlyArray<[string, number | undefined]> = [
  ['continuous', 0],
  ['daily', 1],
  ['weekly', 7],
  ['biweekly', 14],
  ['monthly', 30],
  ['quarterly', 91],
  ['semiannual', 182],
  ['annual', 365],
  ['biennial', 730],
  ['on-event', undefined],
];

const WORDS: Array<[RegExp, string]> = [
  [/^(?:continuous(?:ly)?|real[- ]?time|always[- ]on|automated|ongoing)$/, 'continuous'],
  [/^(?:daily|every ?day|each day|nightly|once (?:a|per) day)$/, 'daily'],
  [/^(?:weekly|every week|each week|once (?:a|per) week)$/, 'weekly'],
  [/^(?:bi-?weekly|fortnightly|every (?:two|2|other) weeks?)$/, 'biweekly'],
  [/^(?:monthly|every month|each month|once (?:a|per) month)$/, 'monthly'],
  [/^(?:quarterly|every quarter|each quarter|once (?:a|per) quarter|every (?:three|3) months)$/, 'quarterly'],
  [/^(?:semi-?annual(?:ly)?|bi-?annual(?:ly)?|half-?yearly|twice (?:a|per) year|every (?:six|6) months)$/, 'semiannual'],
  [/^(?:annual(?:ly)?|yearly|every year|each year|once (?:a|per) year|every (?:twelve|12) months)$/, 'annual'],
  [/^(?:biennial(?:ly)?|every (?:two|2|other) years?)$/, 'biennial'],
  [/^(?:on[- ]event|event[- ]driven|as needed|ad[- ]hoc|on demand|per (?:change|event|release|hire)|upon (?:hire|termination|change)|on (?:hire|change|termination))$/, 'on-event'],
];

const UNIT_DAYS: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };

export function parseFrequency(written: string): Frequency | undefined {
  let s = written.trim().toLowerCase().replace(/\s+/g, ' ');
  let atLeast = false;
  const prefix = /^(?:at least|no less (?:often |frequently )?than|not less (?:often |frequently )?than|(?:a )?minimum(?: of)?|at a minimum,?)\s+/.exec(s);
  if (prefix) {
    atLeast = true;
    s = s.slice(prefix[0].length);
  }
  for (const [re, name] of WORDS) if (re.test(s)) return known(name, atLeast);
  const every = /^(?:every|each|once every) (\d+) (day|week|month|year)s?$/.exec(s);
  if (every) return byDays(Number(every[1]) * UNIT_DAYS[every[2]!]!, atLeast);
  const times = /^(once|twice|\d+ times) (?:a|per|each) (week|month|year)$/.exec(s);
  if (times) {
    const n = times[1] === 'once' ? 1 : times[1] === 'twice' ? 2 : Number(times[1]!.split(' ')[0]);
    if (n > 0) return byDays(Math.round(UNIT_DAYS[times[2]!]! / n), atLeast);
  }
  return undefined;
}

function known(name: string, atLeast: boolean): Frequency {
  const days = CANONICAL_FREQUENCIES.find(([n]) => n === name)![1];
  return { name, days, atLeast };
}

/** Names a period by the nearest canonical frequency ("every 90 days" is quarterly). */
function byDays(days: number, atLeast: boolean): Frequency {
  let best: [string, number] = ['annual', 365];
  for (const [name, d] of CANONICAL_FREQUENCIES) {
    if (d === undefined || d === 0) continue;
    if (Math.abs(d - days) / d < Math.abs(best[1] - days) / best[1]) best = [name, d];
  }
  const exact = Math.abs(best[1] - days) / best[1] <= 0.1;
  return { name: exact ? best[0] : `every ${days} days`, days, atLeast };
}
