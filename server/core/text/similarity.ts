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

/** Words and their lower-case forms, folded once for many `closest` questions against the same words. */
export class FoldedWords {
  private readonly words: string[];
  private readonly folded: string[];

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
}

/** Candidates within `max` edits of `word` (case-insensitive), closest first. */
export function closest(word: string, candidates: Iterable<string>, max = 2, limit = 3): string[] {
  return new FoldedWords(candidates).closest(word, max, limit);
}
