// A comply procedure's `cron:` schedule as a frequency phrase the frequency
// rules read. comply uses six fields with seconds first
// (`sec min hour day-of-month month day-of-week`); five-field cron is read too.

export type CronReading = { phrase: string } | { problem: string };

const FIELD = /^(?:\*|\?|[\d]+(?:[-,/][\d]+)*|\*\/\d+|[A-Za-z]{3}(?:[-,][A-Za-z]{3})*)$/;

export function cronPhrase(written: string): CronReading {
  const fields = written.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) {
    return { problem: `has ${fields.length} field${fields.length === 1 ? '' : 's'}; comply schedules have six (seconds minutes hours day-of-month month day-of-week), e.g. "0 0 0 1 * *" for monthly` };
  }
  const bad = fields.find((f) => !FIELD.test(f));
  if (bad !== undefined) return { problem: `has a field '${bad.length > 20 ? `${bad.slice(0, 20)}…` : bad}' that is not a number, a range, a list, a step or '*'` };
  const [, minute, hour, dom, month, dow] = fields.length === 6 ? fields : ['0', ...fields];
  const any = (f: string | undefined): boolean => f === '*' || f === '?';
  const step = (f: string | undefined): number | undefined => (f && /^\*\/\d+$/.test(f) ? Number(f.slice(2)) : undefined);
  const count = (f: string | undefined): number => (f ? f.split(',').length : 1);
  if (!any(month)) {
    const every = step(month);
    if (every !== undefined) return { phrase: every === 1 ? 'monthly' : `every ${every} months` };
    const n = count(month);
    if (/-/.test(month!)) return { phrase: 'monthly' };
    // Once a year, or n times a year on the months listed.
    return { phrase: n === 1 ? 'annually' : n === 2 ? 'semiannually' : n === 4 ? 'quarterly' : `${n} times a year` };
  }
  if (!any(dom)) return { phrase: step(dom) !== undefined ? `every ${step(dom)} days` : count(dom) === 1 && !/-/.test(dom!) ? 'monthly' : 'weekly' };
  if (!any(dow)) return { phrase: count(dow) === 1 && !/-/.test(dow!) ? 'weekly' : 'daily' };
  if (any(hour) || step(hour) !== undefined || any(minute)) return { phrase: 'continuous' };
  return { phrase: 'daily' };
}
