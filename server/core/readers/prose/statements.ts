// "Access reviews are performed quarterly." -> (access review, quarterly).
// Sentences are split cheaply; within a sentence each frequency phrase is
// paired with the activity named closest before it (or, failing that, after).
import { parseFrequency, type Frequency } from '../../knowledge/frequency.ts';
import type { ActivityMatcher } from './activities.ts';
import type { ActivityVerb, StatementObject } from '../../model/facts.ts';
import { activityObject } from './activityObject.ts';
import { activityVerb } from './activityVerb.ts';

export interface RawStatement {
  activity: string;
  /** What the activity is done to, when the sentence names it. */
  object?: StatementObject;
  /** The kind of task the sentence names for it (review, update, perform), when one. */
  verb?: ActivityVerb;
  frequency: Frequency;
  /** The frequency phrase as written, and where (offsets in the scanned text). */
  phrase: string;
  start: number;
  end: number;
}

const NUM = '(?:\\d+|one|two|three|four|six|twelve|other)';
/** Words that make a frequency a minimum: "at least monthly", "no less frequently than quarterly". */
const MINIMUM = '(?:at least|no less (?:often |frequently )?than|not less (?:often |frequently )?than|a minimum of|at a minimum,?)';
const FREQ = new RegExp(
  [
    `(?:${MINIMUM} )?`,
    '(?:',
    [
      `on (?:${MINIMUM} )?an? (?:annual|yearly|quarterly|monthly|weekly|daily|semi-?annual|bi-?annual|bi-?weekly|continuous) basis`,
      'semi-?annually',
      'bi-?annually',
      'half-?yearly',
      'annually',
      'yearly',
      'quarterly',
      'monthly',
      'weekly',
      'daily',
      'nightly',
      'bi-?weekly',
      'fortnightly',
      'biennially',
      'continuously',
      `(?:once|twice|\\d+ times) (?:a|per|each) (?:year|quarter|month|week|day)`,
      `every ${NUM} (?:days?|weeks?|months?|years?)`,
      'every (?:year|quarter|month|week|day)',
      'each (?:year|quarter|month|week)',
    ].join('|'),
    ')',
  ].join(''),
  'gi',
);

/** A phrase the sentence rules out ("not annually, but monthly", "rather than yearly") states no frequency. */
const NEGATED = /\b(?:not|never|no longer|rather than|instead of)\s+$/i;

/** What joins two phrases offered as a choice ("[QUARTERLY/ANNUALLY]", "monthly or quarterly"): neither is stated. */
const ALTERNATIVE = /^\s*(?:\/|,?\s*or)\s*$/i;

/** The phrases of a sentence that are one of a choice of frequencies, by index in `freqs`. */
function alternatives(sentence: string, freqs: readonly RegExpMatchArray[]): Set<number> {
  const out = new Set<number>();
  for (let i = 1; i < freqs.length; i++) {
    const before = freqs[i - 1]!;
    if (ALTERNATIVE.test(sentence.slice(before.index! + before[0].length, freqs[i]!.index!))) out.add(i - 1).add(i);
  }
  return out;
}

const IS_MINIMUM = new RegExp(`^${MINIMUM} |^on ${MINIMUM} an? `);
const ON_BASIS = new RegExp(`^(?:${MINIMUM} )?on (?:${MINIMUM} )?an? (\\S+) basis$`);
const MINIMUM_FIRST = new RegExp(`^${MINIMUM} `);

const WORD_NUM: Record<string, string> = { one: '1', two: '2', three: '3', four: '4', six: '6', twelve: '12', other: '2' };

/** Reads a prose frequency phrase ("on an annual basis", "every three months"). */
export function readPhrase(phrase: string): Frequency | undefined {
  let s = phrase.toLowerCase().replace(/\s+/g, ' ');
  // "on at least a monthly basis" and "no less frequently than monthly" are "at least monthly".
  const minimum = IS_MINIMUM.test(s);
  s = s.replace(ON_BASIS, '$1').replace(MINIMUM_FIRST, '');
  if (minimum) s = `at least ${s}`;
  s = s.replace(/\b(one|two|three|four|six|twelve|other)\b/, (w) => WORD_NUM[w]!);
  s = s.replace(/^(.*)every (\d+) (day|week|month|year)$/, '$1every $2 $3s');
  s = s
    .replace(/\bnightly\b/, 'daily')
    .replace(/\bcontinuously\b/, 'continuous')
    .replace(/\bbiennially\b/, 'biennial');
  return parseFrequency(s);
}

/** Splits text into sentence spans (offsets), cheaply: punctuation, blank lines and list items. */
function sentences(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /[.!?](?=\s)|\n\s*\n|\n\s*(?:[-*+]|\d+\.)\s|\n#|\|/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push([start, m.index + 1]);
    start = m.index + 1;
  }
  out.push([start, text.length]);
  return out;
}

export function findStatements(text: string, matchers: ActivityMatcher): RawStatement[] {
  const out: RawStatement[] = [];
  FREQ.lastIndex = 0;
  if (!FREQ.test(text)) return out;
  for (const [s, e] of sentences(text)) {
    const sentence = text.slice(s, e);
    FREQ.lastIndex = 0;
    const freqs = [...sentence.matchAll(FREQ)];
    if (freqs.length === 0) continue;
    const acts = matchers.find(sentence);
    if (acts.length === 0) continue;
    acts.sort((a, b) => a.at - b.at);
    // Both lists are in text order: walk them together (a sentence of repeated phrases must not cost their product).
    let next = 0;
    const choice = freqs.length > 1 ? alternatives(sentence, freqs) : undefined;
    for (const [i, f] of freqs.entries()) {
      while (next < acts.length && acts[next]!.at < f.index!) next++;
      if (choice?.has(i)) continue;
      const frequency = readPhrase(f[0]);
      if (!frequency || NEGATED.test(sentence.slice(Math.max(0, f.index! - 16), f.index!))) continue;
      const activity = next > 0 ? acts[next - 1]! : acts[0]!;
      // One phrase belongs to one activity; several activities at the same place (overlapping synonyms) are one.
      const object = activityObject(sentence, activity.at, activity.end);
      const verb = activityVerb(sentence, activity.at, activity.end);
      out.push({ activity: activity.name, ...(object ? { object } : {}), ...(verb ? { verb } : {}), frequency, phrase: f[0], start: s + f.index!, end: s + f.index! + f[0].length });
    }
  }
  return out;
}
