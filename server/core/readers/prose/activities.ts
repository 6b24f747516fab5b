// Recurring security activities and the ways policies name them. A team adds
// its own (or more phrases) under `activities:` in crosswalk.yaml.

export const ACTIVITIES: Record<string, string[]> = {
  'access review': ['user access reviews?', 'access reviews?', 'access recertifications?', 'entitlement reviews?', 'reviews? of (?:user )?access(?: rights)?', '(?:user )?access (?:rights )?(?:is|are|will be|shall be) reviewed', 'review(?:s|ed)? (?:all )?(?:user )?access(?: rights)?'],
  'backup test': ['backup (?:restore |restoration )?tests?', 'restore tests?', 'restoration tests?', 'backups? (?:is|are|will be|shall be) tested', 'test(?:s|ed)? (?:the )?(?:restoration of )?backups?'],
  'vulnerability scan': ['vulnerability scans?', 'vulnerability scanning', 'scan(?:s|ned)? for vulnerabilities'],
  'penetration test': ['penetration tests?', 'penetration testing', 'pen ?tests?'],
  'risk assessment': ['risk assessments?', 'risks? (?:is|are|will be|shall be) assessed', 'assess(?:es|ed)? (?:information security )?risks?'],
  'security training': ['security (?:awareness )?training', 'awareness training', 'security awareness'],
  'vendor review': ['vendor (?:risk )?(?:reviews?|assessments?)', 'supplier (?:risk )?(?:reviews?|assessments?)', 'third[- ]party (?:risk )?(?:reviews?|assessments?)', '(?:vendors?|suppliers?) (?:is|are|will be|shall be) (?:re)?(?:reviewed|assessed)'],
  'incident response test': ['incident response (?:plan )?(?:tests?|exercises?|drills?)', 'tabletop exercises?', 'incident response (?:plan )?(?:is|are|will be|shall be) tested'],
  'continuity test': ['(?:business )?continuity (?:plan )?(?:tests?|exercises?)', 'disaster recovery (?:plan )?(?:tests?|exercises?)', 'dr (?:tests?|exercises?)', '(?:business continuity|disaster recovery|continuity) plans? (?:is|are|will be|shall be) tested'],
  'log review': ['log reviews?', '(?:security |audit |system )?logs? (?:is|are|will be|shall be) reviewed', 'review(?:s|ed)? (?:of )?(?:security |audit |system )?logs'],
  'firewall review': ['firewall (?:rule |rules |configuration )?reviews?', 'firewall rules? (?:is|are|will be|shall be) reviewed'],
  'internal audit': ['internal audits?'],
  'management review': ['management reviews?'],
  'key rotation': ['key rotation', '(?:encryption |cryptographic )?keys? (?:is|are|will be|shall be) rotated', 'rotate(?:s|d)? (?:encryption |cryptographic )?keys'],
  'policy review': ['(?:this )?polic(?:y|ies) (?:is|are|will be|shall be) reviewed', 'review(?:s|ed)? (?:of )?(?:this|the) policy', 'policy reviews?'],
};

export interface ActivityMatcher {
  name: string;
  re: RegExp;
}

const cache = new WeakMap<Record<string, string[]>, ActivityMatcher[]>();

/** Compiled matchers for the built-in activities plus a team's own. */
export function activityMatchers(extra: Record<string, string[]>): ActivityMatcher[] {
  const hit = cache.get(extra);
  if (hit) return hit;
  const merged: Record<string, string[]> = { ...ACTIVITIES };
  for (const [name, phrases] of Object.entries(extra)) {
    // A team's phrases are plain text, not patterns: escape them.
    const escaped = phrases.map((p) => p.trim().toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
    merged[name.toLowerCase()] = [...(merged[name.toLowerCase()] ?? []), ...escaped, name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')];
  }
  const out = Object.entries(merged).map(([name, phrases]) => ({ name, re: new RegExp(`\\b(?:${phrases.join('|')})\\b`, 'gi') }));
  cache.set(extra, out);
  return out;
}
