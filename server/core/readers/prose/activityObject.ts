// What an activity is done to: "access review of the production database",
// "HR system access reviews". Teams review different systems at different
// cadences, so two statements about one activity only conflict when they are
// about the same thing (or both about none in particular).
import type { StatementObject } from '../../model/facts.ts';

/** Words that end the name of an object: verbs, prepositions, conjunctions, frequency words. */
const STOP = new Set(
  (
    'is are was were will shall must should may can be been being has have had ' +
    'perform performs performed performing conduct conducts conducted complete completes completed run runs carry carries carried do does done ' +
    'hold holds held undertake undertakes execute executes schedule schedules scheduled require requires required include includes ensure ensures ' +
    'review reviews reviewed approve approves manage manages own owns lead leads oversee oversees happen happens occur occurs take takes ' +
    'at by with and or nor but from in into on onto to of for within using via through against across over under after before during ' +
    'every each once twice per than least minimum basis which that who whom whose where when while so as if then also ' +
    'annual annually yearly quarterly monthly weekly daily nightly biweekly fortnightly biennial biennially semiannual semiannually biannual biannually continuous continuously ' +
    'we they it he she you i this these those there here not no'
  ).split(' '),
);

/** Leading words that say nothing about which object. */
const DETERMINERS = new Set('the a an all our its their your each every any both company organisation organization'.split(' '));

/** Objects that stand for everything the activity covers: "access reviews of all systems" is an access review in general. */
const GENERIC = new Set(
  'system application app account user access right privilege permission employee staff personnel asset resource service data information entitlement role group identity'.split(' '),
);

/** Activity phrases that start with a verb ("reviews access"): the words before them are a subject, not an object. */
const VERB_FIRST = /^(?:review|test|scan|assess|rotate)/i;

const MAX_WORDS = 5;
/** How far around an activity an object is looked for: a few words, never the whole text. */
const WINDOW = 160;

const WORD = /^[A-Za-z0-9][A-Za-z0-9&/'-]*$/;

/**
 * The object of the activity named at `at`..`end` of `text`: a phrase after
 * it ("of the HR system", "for production databases", after "are performed
 * quarterly" too), else the words right before a noun phrase ("HR system
 * access reviews"). Undefined when none is named, or only a generic one.
 */
export function activityObject(text: string, at: number, end: number): StatementObject | undefined {
  return after(text, at, end) ?? before(text, at, end);
}

const LEAD_IN =
  /^\s+(?:(?:is|are|will be|shall be|must be|should be)\s+(?:performed|conducted|completed|carried out|done|held|run)\s+)?(?:(?:at least |no less than |a minimum of )?(?:annually|yearly|quarterly|monthly|weekly|daily|semi-?annually|bi-?annually|on an? [a-z-]+ basis|(?:once|twice) (?:a|per|each) [a-z]+|every [a-z0-9]+(?: [a-z]+)?)\s+)?(of|for|on|over|across|to)\s+/i;

function after(text: string, at: number, end: number): StatementObject | undefined {
  const rest = text.slice(end, end + WINDOW);
  const lead = LEAD_IN.exec(rest);
  if (!lead) return undefined;
  // "access to X" names X; "reviews to ensure ..." names a purpose.
  if (lead[1]!.toLowerCase() === 'to' && !/(?:access|rights|privileges)$/i.test(text.slice(at, end))) return undefined;
  const words = rest
    .slice(lead[0].length)
    .split(/[.,;:()!?|\n\r]/, 1)[0]!
    .split(/\s+/)
    .filter((w) => w !== '');
  let i = 0;
  while (i < words.length && DETERMINERS.has(words[i]!.toLowerCase())) i++;
  const kept: string[] = [];
  for (; i < words.length && kept.length < MAX_WORDS; i++) {
    const w = words[i]!;
    if (!WORD.test(w) || STOP.has(w.toLowerCase())) break;
    kept.push(w);
  }
  return objectOf(kept);
}

function before(text: string, at: number, end: number): StatementObject | undefined {
  if (VERB_FIRST.test(text.slice(at, end))) return undefined;
  const words = text
    .slice(Math.max(0, at - WINDOW), at)
    .split(/[.,;:()!?|\n\r]/)
    .pop()!
    .split(/\s+/)
    .filter((w) => w !== '');
  const kept: string[] = [];
  for (let i = words.length - 1; i >= 0 && kept.length < MAX_WORDS; i--) {
    const w = words[i]!;
    const lower = w.toLowerCase();
    if (!WORD.test(w) || STOP.has(lower) || DETERMINERS.has(lower) || lower.endsWith('ly')) break;
    kept.unshift(w);
  }
  return objectOf(kept);
}

function objectOf(words: string[]): StatementObject | undefined {
  const key = words
    .map(stem)
    .filter((w) => !GENERIC.has(w))
    .join(' ');
  return key === '' ? undefined : { text: words.join(' '), key };
}

/** Lower case, possessive and plural dropped: "Systems'" and "system" are one word. */
function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s?$/, '');
  if (w.length > 3 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return w;
}
