import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../server/core/text/lineIndex.ts';
import { closest, editDistance } from '../server/core/text/similarity.ts';
import { suggest } from '../server/core/knowledge/ids/resolve.ts';

test('offsets and positions convert both ways', () => {
  const idx = new LineIndex('ab\ncd\r\n\nxyz');
  assert.deepEqual(idx.position(0), { line: 0, character: 0 });
  assert.deepEqual(idx.position(3), { line: 1, character: 0 });
  assert.deepEqual(idx.position(7), { line: 2, character: 0 });
  assert.deepEqual(idx.position(8), { line: 3, character: 0 });
  assert.deepEqual(idx.position(11), { line: 3, character: 3 });
  assert.deepEqual(idx.position(99), { line: 3, character: 3 });
  assert.equal(idx.offset({ line: 3, character: 2 }), 10);
  assert.equal(idx.offset({ line: 9, character: 0 }), 11);
  assert.equal(idx.lineText(1), 'cd');
});

test('positions are the same whatever order they are asked in (the index remembers the last line)', () => {
  const text = 'one\n\ntwo\r\nthree\n\n\nfour';
  const naive = (o: number): { line: number; character: number } => {
    const before = text.slice(0, Math.max(0, Math.min(o, text.length))).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
  };
  const offsets = [...Array(text.length + 3).keys()].map((i) => i - 1);
  // Forwards, backwards, and jumping about, each on a fresh index and on one reused throughout.
  const orders = [offsets, [...offsets].reverse(), offsets.map((_, i) => offsets[(i * 7) % offsets.length]!)];
  const reused = new LineIndex(text);
  for (const order of orders) {
    const fresh = new LineIndex(text);
    for (const o of order) {
      assert.deepEqual(fresh.position(o), naive(o), `offset ${o}`);
      assert.deepEqual(reused.position(o), naive(o), `offset ${o}`);
    }
  }
});

test('positions near the top-left are shared and frozen; others are made fresh', () => {
  const a = new LineIndex('id: C-1\ntitle: T\n');
  const b = new LineIndex('xx: C-2\nowner: T\n');
  assert.equal(a.position(9), b.position(9)); // line 1, character 1 in both files: one object
  assert.ok(Object.isFrozen(a.position(9)));
  assert.throws(() => {
    (a.position(9) as { character: number }).character = 5;
  }, TypeError);
  assert.deepEqual(a.position(9), { line: 1, character: 1 });
  const long = new LineIndex(`${'x'.repeat(300)}\n`.repeat(200));
  assert.deepEqual(long.position(299), { line: 0, character: 299 });
  assert.deepEqual(long.position(301 * 150), { line: 150, character: 0 });
  assert.notEqual(long.position(299), long.position(299));
  assert.ok(!Object.isFrozen(long.position(301 * 150)));
});

test('edit distance stops early past its bound', () => {
  assert.equal(editDistance('CC9.9', 'CC9.2'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('abc', 'xyzxyz', 2), 3);
  assert.deepEqual(closest('ownr', ['owner', 'title', 'frequency']), ['owner']);
});

test('suggestions prefer the same series, then the nearest number', () => {
  const ids = ['CC6.1', 'CC6.2', 'CC6.8', 'CC9.1', 'CC9.2', 'PI1.1', 'P1.1', 'C1.1'];
  assert.deepEqual(suggest(ids, 'CC9.9'), ['CC9.2', 'CC9.1', 'CC6.8']);
  assert.deepEqual(suggest(ids, 'PP1.1'), ['P1.1', 'PI1.1']);
  assert.deepEqual(suggest(ids, 'XYZ'), []);
});
