import { distance } from 'fastest-levenshtein';

/** Levenshtein distance, or `max + 1` when it is over `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Bit-parallel (Myers): a catalogue with thousands of broken references asks for millions of these.
  const d = distance(a, b);
  return d > max ? max + 1 : d;
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
