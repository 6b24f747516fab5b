// What a sentence says is done with an activity: "Review the risk assessment
// quarterly" and "the risk assessment is updated annually" name one
// activity, but reviewing a document and revising it are two tasks, each at
// its own cadence. Three kinds of verb are told apart:
//
// - review: review, audit, inspect, examine (looking at what exists);
// - update: update, revise, refresh, amend (changing it);
// - perform: perform, conduct, complete, carry out, execute, undertake (doing the activity).
//
// The verb is read next to the activity: a passive after it ("risk
// assessments are updated annually"), else the verb a few words before it
// ("updates its risk assessment", "Review Hosting Risk Assessment"). A verb
// inside the activity's own phrase ("access is reviewed", "review access")
// names the activity itself, not a kind of task on it; a sentence that names
// none, or verbs of two kinds ("reviewed and updated"), gives no verb.
import type { ActivityVerb } from '../../model/facts.ts';

const KINDS: Array<[ActivityVerb, RegExp]> = [
  ['review', /^(?:review(?:s|ed|ing)?|audit(?:s|ed|ing)|inspect(?:s|ed|ing)?|examin(?:e|es|ed|ing))$/],
  ['update', /^(?:updat(?:e|es|ed|ing)|revis(?:e|es|ed|ing)|refresh(?:es|ed|ing)?|amend(?:s|ed|ing)?)$/],
  ['perform', /^(?:perform(?:s|ed|ing)?|conduct(?:s|ed|ing)?|complet(?:e|es|ed|ing)|execut(?:e|es|ed|ing)|undertak(?:e|es|en|ing)|undertook|carr(?:y|ies|ied|ying))$/],
];

/** Words that carry a passive after the activity: "are", "will be", "gets". */
const AUXILIARY = new Set('is are was were be been being gets get will shall must should can may to has have'.split(' '));
/** Words that end the search before the activity: a clause boundary or a word that belongs to another phrase. */
const BOUNDARY = new Set(
  'and or but nor by with from in into on onto to for within using via through against across over under after before during when while if that which who is are was were be been will shall must should may can'.split(
    ' ',
  ),
);
/** How many words before the activity a verb is looked for. */
const WORDS_BEFORE = 5;
/** How many words after it a passive is read. */
const WORDS_AFTER = 8;

function kindOf(word: string): ActivityVerb | undefined {
  const w = word.toLowerCase();
  for (const [kind, re] of KINDS) if (re.test(w)) return kind;
  return undefined;
}

const words = (text: string): string[] => text.split(/[^A-Za-z'-]+/).filter((w) => w !== '');

/** The kind of verb the sentence uses for the activity named at `at`..`end`, if one kind. */
export function activityVerb(text: string, at: number, end: number): ActivityVerb | undefined {
  const after = passiveAfter(text.slice(end, end + 120));
  if (after !== null) return after;
  return verbBefore(text.slice(Math.max(0, at - 120), at));
}

/** "are performed", "will be reviewed and updated": null when no passive follows. */
function passiveAfter(rest: string): ActivityVerb | undefined | null {
  const clause = rest.split(/[.;:!?|\n\r(]/, 1)[0]!;
  const ws = words(clause).slice(0, WORDS_AFTER);
  let i = 0;
  while (i < ws.length && AUXILIARY.has(ws[i]!.toLowerCase())) i++;
  if (i === 0) return null;
  const kinds = new Set<ActivityVerb>();
  for (; i < ws.length; i++) {
    const w = ws[i]!.toLowerCase();
    const kind = kindOf(w);
    if (kind) kinds.add(kind);
    else if (w !== 'and' && w !== 'or' && w !== 'then' && !w.endsWith('ly')) break;
  }
  if (kinds.size === 0) return null;
  return kinds.size === 1 ? [...kinds][0] : undefined;
}

/** "updates its Hosting", "Review", "review and update the": the verb in the words right before the activity. */
function verbBefore(before: string): ActivityVerb | undefined {
  const clause = before.split(/[.,;:!?|\n\r()]/).pop()!;
  const ws = words(clause).slice(-WORDS_BEFORE);
  for (let i = ws.length - 1; i >= 0; i--) {
    const w = ws[i]!;
    const kind = kindOf(w);
    // "audit" before an activity is mostly a modifier ("audit log reviews"); "audits", "audited" are verbs.
    if (kind && w.toLowerCase() !== 'audit') {
      const other = i >= 2 && (ws[i - 1]!.toLowerCase() === 'and' || ws[i - 1]!.toLowerCase() === 'or') ? kindOf(ws[i - 2]!) : undefined;
      return other === undefined || other === kind ? kind : undefined;
    }
    // Determiners and the object's own words ("its", "Hosting") lie between; a clause word ends the search.
    if (BOUNDARY.has(w.toLowerCase())) return undefined;
  }
  return undefined;
}
