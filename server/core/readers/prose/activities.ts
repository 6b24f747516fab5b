// Recurring security activities and the ways policies name them. A team adds
// its own (or more phrases) under `activities:` in crosswalk.yaml.
import { PhraseTrie } from '../../text/phraseTrie.ts';

export const ACTIVITIES: Record<string, string[]> = {
  'access review': [
    'user access reviews?',
    'access reviews?',
    'access recertifications?',
    'entitlement reviews?',
    'reviews? of (?:user )?access(?: rights)?',
    '(?:user )?access (?:rights )?(?:is|are|will be|shall be) reviewed',
    'review(?:s|ed)? (?:all )?(?:user )?access(?: rights)?',
  ],
  'backup test': [
    'backup (?:restore |restoration )?tests?',
    'restore tests?',
    'restoration tests?',
    'backups? (?:is|are|will be|shall be) tested',
    'test(?:s|ed)? (?:the )?(?:restoration of )?backups?',
  ],
  'vulnerability scan': ['vulnerability scans?', 'vulnerability scanning', 'scan(?:s|ned)? for vulnerabilities'],
  'penetration test': ['penetration tests?', 'penetration testing', 'pen ?tests?'],
  'risk assessment': ['risk assessments?', 'risks? (?:is|are|will be|shall be) assessed', 'assess(?:es|ed)? (?:information security )?risks?'],
  'security training': ['security (?:awareness )?training', 'awareness training', 'security awareness'],
  'vendor review': [
    'vendor (?:risk )?(?:reviews?|assessments?)',
    'supplier (?:risk )?(?:reviews?|assessments?)',
    'third[- ]party (?:risk )?(?:reviews?|assessments?)',
    '(?:vendors?|suppliers?) (?:is|are|will be|shall be) (?:re)?(?:reviewed|assessed)',
  ],
  'incident response test': ['incident response (?:plan )?(?:tests?|exercises?|drills?)', 'tabletop exercises?', 'incident response (?:plan )?(?:is|are|will be|shall be) tested'],
  'continuity test': [
    '(?:business )?continuity (?:plan )?(?:tests?|exercises?)',
    'disaster recovery (?:plan )?(?:tests?|exercises?)',
    'dr (?:tests?|exercises?)',
    '(?:business continuity|disaster recovery|continuity) plans? (?:is|are|will be|shall be) tested',
  ],
  'log review': ['log reviews?', '(?:security |audit |system )?logs? (?:is|are|will be|shall be) reviewed', 'review(?:s|ed)? (?:of )?(?:security |audit |system )?logs'],
  'firewall review': ['firewall (?:rule |rules |configuration )?reviews?', 'firewall rules? (?:is|are|will be|shall be) reviewed'],
  'internal audit': ['internal audits?'],
  'management review': ['management reviews?'],
  'key rotation': ['key rotation', '(?:encryption |cryptographic )?keys? (?:is|are|will be|shall be) rotated', 'rotate(?:s|d)? (?:encryption |cryptographic )?keys'],
  'policy review': ['(?:this )?polic(?:y|ies) (?:is|are|will be|shall be) reviewed', 'review(?:s|ed)? (?:of )?(?:this|the) policy', 'policy reviews?'],
};

/** One place an activity is named: `at` to `end` in the text. */
export interface ActivityHit {
  name: string;
  at: number;
  end: number;
}

/** Where activities are named in a text. */
export interface ActivityMatcher {
  /** Every place an activity is named (per activity, matches do not overlap), in no particular order. */
  find(text: string): ActivityHit[];
  /** The activities in the order they are listed (built-in first), for a text that names several. */
  readonly names: readonly string[];
}

const BUILT_IN = Object.entries(ACTIVITIES).map(([name, phrases]) => ({ name, re: new RegExp(`\\b(?:${phrases.join('|')})\\b`, 'gi') }));
/** Matches where any built-in activity is named: most texts name none, and one test then stands for sixteen searches. */
const ANY_BUILT_IN = new RegExp(`\\b(?:${Object.values(ACTIVITIES).flat().join('|')})\\b`, 'i');

const cache = new WeakMap<Record<string, string[]>, ActivityMatcher>();

/**
 * The built-in activities (vetted patterns) plus a team's own. A team's
 * phrases are plain text, however many: they go into one trie of words, never
 * into a regular expression.
 */
export function activityMatchers(extra: Record<string, string[]>): ActivityMatcher {
  const hit = cache.get(extra);
  if (hit) return hit;
  const names = BUILT_IN.map((b) => b.name);
  const trie = new PhraseTrie();
  for (const [raw, phrases] of Object.entries(extra)) {
    const name = raw.toLowerCase();
    let at = names.indexOf(name);
    if (at === -1) at = names.push(name) - 1;
    for (const p of phrases) trie.add(p, at);
    trie.add(name, at);
  }
  const matcher: ActivityMatcher = {
    names,
    find(text) {
      const out: ActivityHit[] = [];
      if (ANY_BUILT_IN.test(text)) {
        for (const b of BUILT_IN) {
          // exec, not matchAll: matchAll copies the expression at every call. No phrase matches an empty text.
          b.re.lastIndex = 0;
          for (let m = b.re.exec(text); m; m = b.re.exec(text)) out.push({ name: b.name, at: m.index, end: m.index + m[0].length });
        }
      }
      for (const h of trie.find(text)) out.push({ name: names[h.name]!, at: h.at, end: h.end });
      return out;
    },
  };
  cache.set(extra, matcher);
  return matcher;
}
