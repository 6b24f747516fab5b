// MinHash signatures: stable values (a change would reword every overlap
// finding), and the early-stopping comparison agrees with the full one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { agreeAtLeast, agreementFor, setSignature, signature, similarity, SIGNATURE_SIZE, words } from '../server/core/readers/prose/fingerprint.ts';

const TEXT =
  'Access to production systems is reviewed quarterly by the system owner. Access that is no longer needed is removed within five working days, and the review is recorded in the ticketing system.';
// The first values of its signature and of a set's, as computed when the hash family was fixed.
const PINNED_TEXT = [456238668, 13928980, 172702109, 176089355];
const PINNED_SET = [629449347, 335777470, 1162377060, 261891945];

test('signatures are stable for a given text and set of ids', () => {
  assert.deepEqual(words("Don't re-use 2 keys; İ"), ['don', 't', 're', 'use', '2', 'keys', 'i']);
  assert.deepEqual(signature(TEXT)!.slice(0, 4), PINNED_TEXT);
  assert.deepEqual(setSignature(['soc2:CC6.1', 'iso27001:A.5.15']).slice(0, 4), PINNED_SET);
  assert.equal(signature('too short to compare'), undefined);
});

test("a text's signature is the MinHash of its words three at a time, joined by a space", () => {
  // setSignature hashes each item whole: the definition, with every shingle built as a string.
  const byDefinition = (text: string): number[] | undefined => {
    const w = words(text);
    return w.length < 20 ? undefined : setSignature(w.slice(2).map((x, i) => `${w[i]} ${w[i + 1]} ${x}`));
  };
  const piece = fc.constantFrom('Access', 'REVIEW', 'key', 'x', '27001', 'A.5.15', 'İ', 'ß', 'é', 'K', '😀', "don't", '-', ' ', '  ', '\n', '. ', '**');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 120 }), (pieces) => {
      const text = pieces.join('');
      assert.deepEqual(signature(text), byDefinition(text));
    }),
    { numRuns: 500 },
  );
  const long = Array.from({ length: 40 }, () => TEXT).join('\n'); // 1,320 words
  assert.deepEqual(signature(long), byDefinition(long));
});

test('agreeAtLeast stops early but answers as the full similarity does', () => {
  const sig = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: SIGNATURE_SIZE, maxLength: SIGNATURE_SIZE });
  fc.assert(
    fc.property(sig, sig, fc.double({ min: 0.01, max: 1, noNaN: true }), (a, b, threshold) => {
      assert.equal(agreeAtLeast(a, b, agreementFor(threshold)), similarity(a, b) >= threshold);
    }),
    { numRuns: 2000 },
  );
});
