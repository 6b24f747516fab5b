// Content words of short titles, reduced to crude stems so that wordings of
// one idea meet: "authorised"/"authorization", "reviews"/"reviewing", "evaluated"/"evaluation",
// "vulnerabilities"/"vulnerability". Not a linguistic stemmer: titles are a
// few words, and a tolerant match is what comparing them needs.

const STOP = new Set(
  'a an and are as at be by for from has have in into is it its of on or our over the their this to with within without when where which who all any each other such than that these those via per e.g i.e etc'.split(
    ' ',
  ),
);

/** The stem of one lower-case word: suffixes off, then at most 6 letters. */
export function stem(word: string): string {
  return longStem(word).slice(0, 6);
}

/** A word with its suffix off, not cut to 6 letters: "response" and "responsibil", which share the stem "respon". */
export function longStem(word: string): string {
  let w = word
    .toLowerCase()
    .replace(/[’']s$/, '')
    .replace(/isation/g, 'ization')
    .replace(/ise(s|d)?$/, 'ize$1');
  for (const suffix of [
    'ational',
    'ization',
    'ations',
    'ation',
    'ating',
    'ated',
    'ates',
    'ements',
    'ement',
    'ments',
    'ment',
    'ities',
    'ity',
    'ness',
    'ings',
    'ing',
    'ies',
    'ied',
    'ive',
    'ion',
    'ers',
    'er',
    'ed',
    'es',
    'al',
    'ly',
    's',
  ]) {
    // Inflections come off down to three letters (hiring, hires: hir), derivations down to four.
    const keep = suffix.length <= 3 && suffix !== 'ity' && suffix !== 'ive' && suffix !== 'ion' ? 3 : 4;
    if (w.length - suffix.length >= keep && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  return w;
}

/** The stems of the content words of a text, in order, stop words left out. */
export function contentStems(text: string): string[] {
  return contentWords(text).map((w) => w.stem);
}

export interface ContentWord {
  stem: string;
  long: string;
}

/** The content words of a text, in order, stop words left out: each as its stem and its long stem. */
export function contentWords(text: string): ContentWord[] {
  const out: ContentWord[] = [];
  for (const m of text.toLowerCase().matchAll(/[a-z][a-z0-9]*(?:['’][a-z]+)?/g)) {
    const w = m[0];
    if (STOP.has(w) || w.length < 2) continue;
    const long = longStem(w);
    out.push({ stem: long.slice(0, 6), long });
  }
  return out;
}

/**
 * Are two long stems one word? Equal, or one the other with letters added
 * ("recover" and "recovery", "communic" and "communicat"), a final y read as i
 * ("identify", "identific"); "response" and "responsibil" are two words.
 */
export function sameWord(a: string, b: string): boolean {
  const x = a.replace(/y$/, 'i');
  const y = b.replace(/y$/, 'i');
  return x.startsWith(y) || y.startsWith(x);
}
