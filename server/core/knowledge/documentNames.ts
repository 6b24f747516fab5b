// How document names compare: "the Vendor Management Policy" in one policy
// and the title "Vendor Management Policy" of another, across the words a
// team adds or leaves out.

export const DOCUMENT_NOUNS = ['Policy', 'Procedure', 'Standard', 'Plan', 'Narrative'] as const;

/**
 * How a document name compares: lower-case words without a leading "the",
 * and its document noun apart. "Access Onboarding and Termination Policy"
 * also answers to "Access Onboarding Policy" and "Termination Policy"; a
 * slash joins parts as "and" does. A first part that ends in a document noun
 * is the document's short name: "Grievance Policy and Process" answers to
 * "Grievance Policy", and to no other words in front of it.
 */
export interface NameKey {
  words: string[];
  noun?: string;
  /** Cited only as written (the short name of "<A> Policy and <B>"), not with words added in front. */
  exact?: true;
}

export function nameKeys(name: string): NameKey[] {
  const words = name
    .toLowerCase()
    // "Removable Media/Cloud Storage" joins two parts, as "and" does.
    .replace(/\s*\/\s*/g, ' and ')
    .replace(/[^a-z0-9&'’ -]+/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
  while (words.length > 0 && (words[0] === 'the' || words[0] === 'a' || words[0] === 'an')) words.shift();
  const last = words.at(-1);
  const noun = last !== undefined && DOCUMENT_NOUNS.some((n) => n.toLowerCase() === last) ? last : undefined;
  const body = noun === undefined ? words : words.slice(0, -1);
  if (body.length === 0) return [];
  const whole: NameKey = noun === undefined ? { words: body } : { words: body, noun };
  const parts = body.join(' ').split(/ (?:and|&) /);
  if (parts.length < 2) return [whole];
  const keys: NameKey[] = [whole, ...parts.map((p) => (noun === undefined ? { words: p.split(' ') } : { words: p.split(' '), noun }))];
  const first = parts[0]!.split(' ');
  const own = first.at(-1)!;
  if (first.length > 1 && DOCUMENT_NOUNS.some((n) => n.toLowerCase() === own)) keys.push({ words: first.slice(0, -1), noun: own, exact: true });
  return keys;
}

/** Does a cited name refer to a document of that name? One may add words in front of the other ("Acme Information Security Policy"). */
export function citesName(cited: NameKey, doc: NameKey): boolean {
  if (doc.noun !== undefined && cited.noun !== doc.noun) return false;
  if (doc.exact && cited.words.length !== doc.words.length) return false;
  const [short, long] = cited.words.length <= doc.words.length ? [cited.words, doc.words] : [doc.words, cited.words];
  const from = long.length - short.length;
  for (let i = 0; i < short.length; i++) if (short[i] !== long[from + i]) return false;
  return true;
}
