import { distance } from 'fastest-levenshtein';

/** Past this length, a bounded distance is worked out in a band around the diagonal. */
const SHORT = 64;

/** Levenshtein distance, or `max + 1` when it is over `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Two long strings (an id field holding a page of text) would cost the product of their lengths.
  if (Number.isFinite(max) && Math.max(a.length, b.length) > SHORT) return bandedDistance(a, b, max);
  // Bit-parallel (Myers): a catalogue with thousands of broken references asks for millions of these.
  const d = distance(a, b);
  return d > max ? max + 1 : d;
}

/** Levenshtein distance up to `max` (else max + 1), computing only the cells within `max` of the diagonal. */
function bandedDistance(a: string, b: string, max: number): number {
  const over = max + 1;
  const m = b.length;
  let prev = new Uint32Array(m + 1);
  let cur = new Uint32Array(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    cur[lo - 1] = lo === 1 ? Math.min(i, over) : over;
    let rowMin = cur[lo - 1]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const diagonal = prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const up = (j <= i - 1 + max ? prev[j]! : over) + 1;
      const v = Math.min(diagonal, up, cur[j - 1]! + 1, over);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= over) return over;
    [prev, cur] = [cur, prev];
  }
  return Math.min(prev[m]!, over);
}

/** Ids of more words than this are not compared by their words (no id is written so). */
const MAX_ID_WORDS = 12;

/** The words of an id, lower case, each once, in order: `cp-Review-access` is access, cp, review. */
function idWords(id: string): string[] {
  return [
    ...new Set(
      id
        .toLowerCase()
        .split(/[-_.:/\s]+/)
        .filter((w) => w !== ''),
    ),
  ].sort();
}

const setKey = (words: readonly string[]): string => words.join('\u0000');

/** Ids filed by their set of words, and by each set one word short of it: what `sameWords` looks up. */
interface WordIndex {
  exact: Map<string, string[]>;
  lessOne: Map<string, string[]>;
}

/** Ids whose words make the same set as another's, or one word more or fewer. */
export interface SameWords {
  /** The same words in another order: `cp-review-access` for `cp-access-review`. */
  reordered: string[];
  /** One word more or fewer, the rest the same: `cp-discipline` for `cp-staff-discipline`. */
  oneApart: string[];
}

/** Words and their lower-case forms, folded once for many `closest` questions against the same words. */
export class FoldedWords {
  private readonly words: string[];
  private readonly folded: string[];
  private index: WordIndex | undefined;

  constructor(words: Iterable<string>) {
    this.words = [...words];
    this.folded = this.words.map((w) => w.toLowerCase());
  }

  /** Words within `max` edits of `word` (case-insensitive), closest first, then in alphabetical order. */
  closest(word: string, max = 2, limit = 3): string[] {
    if (limit <= 0) return [];
    const w = word.toLowerCase();
    // The best `limit` so far, in order: most words are within a few edits of an id like C-000123,
    // and sorting them all for three answers cost more than measuring them.
    const best: Array<{ word: string; d: number }> = [];
    for (let i = 0; i < this.folded.length; i++) {
      const c = this.folded[i]!;
      const bound = best.length === limit ? best[limit - 1]!.d : max;
      if (Math.abs(c.length - w.length) > bound) continue;
      const d = editDistance(w, c, bound);
      if (d > bound) continue;
      const candidate = this.words[i]!;
      let at = best.length;
      while (at > 0 && (best[at - 1]!.d > d || (best[at - 1]!.d === d && candidate.localeCompare(best[at - 1]!.word) < 0))) at--;
      if (at >= limit) continue;
      best.splice(at, 0, { word: candidate, d });
      if (best.length > limit) best.pop();
    }
    return best.map((b) => b.word);
  }

  /**
   * Words written as ids of several words (`cp-access-review`) whose words are those of `word` in another
   * order, or those with one more or one fewer (two words at least in common), each list in alphabetical
   * order. A lookup per word of `word` in an index built once: linear however many ids there are.
   */
  sameWords(word: string, limit = 3): SameWords {
    const mine = idWords(word);
    const none: SameWords = { reordered: [], oneApart: [] };
    if (mine.length < 2 || mine.length > MAX_ID_WORDS || limit <= 0) return none;
    const index = (this.index ??= this.indexWords());
    const w = word.toLowerCase();
    const reordered = (index.exact.get(setKey(mine)) ?? []).filter((c) => c.toLowerCase() !== w).slice(0, limit);
    const apart = new Set<string>(index.lessOne.get(setKey(mine))?.slice(0, limit));
    if (mine.length > 2) for (let i = 0; i < mine.length; i++) for (const c of (index.exact.get(setKey(mine.filter((_, j) => j !== i))) ?? []).slice(0, limit)) apart.add(c);
    return { reordered, oneApart: [...apart].sort((a, b) => a.localeCompare(b)).slice(0, limit) };
  }

  private indexWords(): WordIndex {
    const exact = new Map<string, string[]>();
    const lessOne = new Map<string, string[]>();
    const file = (map: Map<string, string[]>, key: string, id: string): void => {
      const list = map.get(key);
      if (list) list.push(id);
      else map.set(key, [id]);
    };
    for (const id of this.words) {
      const words = idWords(id);
      if (words.length < 2 || words.length > MAX_ID_WORDS) continue;
      file(exact, setKey(words), id);
      if (words.length > 2) for (let i = 0; i < words.length; i++) file(lessOne, setKey(words.filter((_, j) => j !== i)), id);
    }
    // Alphabetical, so the answer does not depend on the order the ids came in.
    for (const map of [exact, lessOne]) for (const list of map.values()) list.sort((a, b) => a.localeCompare(b));
    return { exact, lessOne };
  }
}

/** Candidates within `max` edits of `word` (case-insensitive), closest first. */
export function closest(word: string, candidates: Iterable<string>, max = 2, limit = 3): string[] {
  return new FoldedWords(candidates).closest(word, max, limit);
}
