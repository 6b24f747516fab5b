// "Did you mean" answers: exact Levenshtein distances, and the same three
// suggestions a full sort of every candidate would give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { closest, editDistance, FoldedWords } from '../server/core/text/similarity.ts';

function naiveDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length]!;
}

function naiveClosest(word: string, words: string[], max: number, limit: number): string[] {
  return words
    .map((c) => [c, naiveDistance(word.toLowerCase(), c.toLowerCase())] as const)
    .filter(([, d]) => d <= max)
    .sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]))
    .slice(0, limit)
    .map(([c]) => c);
}

test('edit distance is exact, also past 32 and 64 characters, and capped at max + 1', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'C', '-', '0', '1', 'é'), maxLength: 100 });
  fc.assert(
    fc.property(text, text, fc.integer({ min: 0, max: 5 }), (a, b, max) => {
      const d = naiveDistance(a, b);
      assert.equal(editDistance(a, b), d);
      assert.equal(editDistance(a, b, max), d > max ? max + 1 : d);
    }),
    { numRuns: 500, seed: 42 },
  );
  // Long near-equal strings, where the band matters.
  const long = fc.string({ unit: fc.constantFrom('a', 'b'), minLength: 65, maxLength: 120 });
  fc.assert(
    fc.property(long, fc.array(fc.tuple(fc.nat(130), fc.constantFrom('a', 'b', '')), { maxLength: 4 }), fc.integer({ min: 0, max: 5 }), (a, edits, max) => {
      let b = a;
      for (const [at, c] of edits) b = b.slice(0, at % (b.length + 1)) + c + b.slice((at % (b.length + 1)) + (c === '' ? 1 : 0));
      const d = naiveDistance(a, b);
      assert.equal(editDistance(a, b, max), d > max ? max + 1 : d);
    }),
    { numRuns: 500, seed: 43 },
  );
});

test('a bounded distance between two long texts (an id field holding pages of text)', () => {
  // Exact answers; computed in the band around the diagonal, where a full table would take seconds.
  const a = 'x'.repeat(200_000);
  assert.equal(editDistance(a, `${a.slice(1)}y`, 3), 1);
  assert.equal(editDistance(a, `y${a.slice(2)}y`, 3), 2);
  assert.equal(editDistance(a, `yyy${a.slice(4)}y`, 3), 4);
  assert.equal(editDistance(a, 'y'.repeat(200_000), 3), 4);
});

test('suggestions: closest first, ties in alphabetical order, case ignored', () => {
  const ids = ['C-000124', 'C-000122', 'c-000123x', 'C-000120', 'C-100123', 'POL-01'];
  assert.deepEqual(new FoldedWords(ids).closest('C-000123', 3, 3), ['C-000120', 'C-000122', 'c-000123x']);
  assert.deepEqual(new FoldedWords(ids).closest('c-000123X', 3, 2), ['c-000123x', 'C-000120']);
  assert.deepEqual(new FoldedWords(ids).closest('pol-1', 1, 3), ['POL-01']);
  assert.deepEqual(new FoldedWords(ids).closest('C-000123', 3, 0), []);
  assert.deepEqual(closest('XYZ-9', ids), []);
});

test('suggestions equal a full sort of every candidate', () => {
  const id = fc.string({ unit: fc.constantFrom('C', 'c', '-', '0', '1', '2', 'P'), minLength: 1, maxLength: 8 });
  fc.assert(
    fc.property(fc.uniqueArray(id, { maxLength: 60 }), id, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 5 }), (ids, word, max, limit) => {
      assert.deepEqual(new FoldedWords(ids).closest(word, max, limit), naiveClosest(word, ids, max, limit));
    }),
    { numRuns: 500, seed: 7 },
  );
});

test('ids of the same words in another order, or one word more or fewer', () => {
  const ids = ['cp-review-access', 'cp-discipline', 'cp-vendor-risk-review', 'cp-access', 'cp-review', 'POL-01', 'backup'];
  const words = new FoldedWords(ids);
  assert.deepEqual(words.sameWords('cp-access-review'), { reordered: ['cp-review-access'], oneApart: ['cp-access', 'cp-review'] });
  assert.deepEqual(words.sameWords('CP_Staff_Discipline'), { reordered: [], oneApart: ['cp-discipline'] });
  assert.deepEqual(words.sameWords('cp-vendor-review'), { reordered: [], oneApart: ['cp-review', 'cp-vendor-risk-review'] });
  assert.deepEqual(words.sameWords('cp-access-review', 1), { reordered: ['cp-review-access'], oneApart: ['cp-access'] });
  // Two words in common at least, and an id of one word has no words to compare.
  assert.deepEqual(words.sameWords('cp-payroll'), { reordered: [], oneApart: [] });
  assert.deepEqual(words.sameWords('backup'), { reordered: [], oneApart: [] });
  assert.deepEqual(words.sameWords('01-POL'), { reordered: ['POL-01'], oneApart: [] });
});

test('word-set suggestions do not depend on the order the ids came in', () => {
  const word = fc.constantFrom('cp', 'access', 'review', 'risk', 'x');
  const id = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.join('-'));
  fc.assert(
    fc.property(fc.uniqueArray(id, { maxLength: 30 }), id, fc.integer({ min: 1, max: 4 }), (ids, asked, limit) => {
      assert.deepEqual(new FoldedWords(ids).sameWords(asked, limit), new FoldedWords([...ids].reverse()).sameWords(asked, limit));
    }),
    { numRuns: 300, seed: 11 },
  );
});
