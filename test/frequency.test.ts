import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFrequency } from '../server/core/knowledge/frequency.ts';
import { readPhrase } from '../server/core/readers/prose/statements.ts';
import { compatible } from '../server/core/rules/conflictingFrequency.ts';

test('canonical and written frequencies are read to a period in days', () => {
  const cases: Array<[string, string, number | undefined, boolean]> = [
    ['quarterly', 'quarterly', 91, false],
    ['Quarterly', 'quarterly', 91, false],
    ['at least annually', 'annual', 365, true],
    ['every 90 days', 'quarterly', 90, false],
    ['twice a year', 'semiannual', 182, false],
    ['bi-weekly', 'biweekly', 14, false],
    ['fortnightly', 'biweekly', 14, false],
    ['monthly', 'monthly', 30, false],
    ['every 12 months', 'annual', 365, false],
    ['continuous', 'continuous', 0, false],
    ['on hire', 'on-event', undefined, false],
    ['every 45 days', 'every 45 days', 45, false],
    ['4 times a year', 'quarterly', 91, false],
  ];
  for (const [text, name, days, atLeast] of cases) {
    assert.deepEqual(parseFrequency(text), { name, days, atLeast }, text);
  }
});

test('text that is not a frequency is not read as one', () => {
  for (const text of ['sometimes', 'when we remember', '', 'every', 'quarterlyish', 'every 0 banana']) assert.equal(parseFrequency(text), undefined, text);
});

test('minimums as prose writes them; a stricter cadence meets a minimum, a looser one does not', () => {
  const cases: Array<[string, string, number]> = [
    ['at least monthly', 'monthly', 30],
    ['on at least a monthly basis', 'monthly', 30],
    ['at least on a monthly basis', 'monthly', 30],
    ['no less than quarterly', 'quarterly', 91],
    ['no less frequently than quarterly', 'quarterly', 91],
    ['at a minimum, annually', 'annual', 365],
  ];
  for (const [text, name, days] of cases) assert.deepEqual(readPhrase(text), { name, days, atLeast: true }, text);
  assert.deepEqual(readPhrase('on a monthly basis'), { name: 'monthly', days: 30, atLeast: false });
  assert.deepEqual(parseFrequency('no less frequently than quarterly'), { name: 'quarterly', days: 91, atLeast: true });
  const minimum = readPhrase('at least quarterly')!;
  assert.equal(compatible(minimum, parseFrequency('monthly')!), true);
  assert.equal(compatible(parseFrequency('monthly')!, minimum), true);
  assert.equal(compatible(minimum, parseFrequency('annually')!), false);
  assert.equal(compatible(parseFrequency('quarterly')!, parseFrequency('monthly')!), false);
});
