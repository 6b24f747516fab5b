// One hostile file against the whole analysis: the inputs that once crashed
// it, hung it, or forged output, each with the finding it must give instead.
// How their cost grows is measured in scripts/bench/hostile.mjs, not here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, projectOf } from './helpers/memory.ts';

const POLICY_HEAD = '---\nid: POL-1\ntitle: Access\nowner: CISO\nreview_frequency: annual\nlast_reviewed: 2026-06-01\n---\n# Access\n\n';

test('a file with 130,000 findings of one rule lists 1,000 and one summary, and the other files are still checked', async () => {
  const ids = Array(130000).fill('x').join(',');
  const p = await projectOf({ 'controls/x.yaml': `id: C-X\nmappings:\n  soc2: [${ids}]\n`, 'controls/y.yaml': 'id: C-Y\ntitle: T\nowner: IT\nfrequency: annual\nevidence: [E]\nmappings:\n  soc2: [CC9.9]\n  iso27001: [A.5.1]\n' });
  const x = brief(p, 'controls/x.yaml').filter((f) => f.includes(' unknown-id: '));
  assert.equal(x.length, 1001);
  assert.equal(x[0], "controls/x.yaml:3:10-3:11 error unknown-id: unknown SOC 2 id 'x'");
  assert.equal(x[999], "controls/x.yaml:3:2008-3:2009 error unknown-id: unknown SOC 2 id 'x'");
  assert.equal(x[1000], 'controls/x.yaml:3:2010-3:2011 error unknown-id: and 129,000 more unknown-id findings in this file, not listed (at most 1,000 per rule and file are): fix the ones listed and check again');
  assert.deepEqual(brief(p, 'controls/y.yaml'), ["controls/y.yaml:7:10-7:15 error unknown-id: unknown SOC 2 id 'CC9.9'; did you mean CC9.2, CC9.1 or CC6.8?"]);
});

test('a policy naming ids 130,000 times is read, and keeps its id', async () => {
  const p = await projectOf({ 'policies/p.md': `${POLICY_HEAD}${'CC6.1 '.repeat(130000)}\n`, 'controls/c.yaml': 'id: C-1\ntitle: T\nowner: IT\nfrequency: annual\nevidence: [E]\npolicies: [POL-1]\nmappings:\n  soc2: [CC6.1]\n  iso27001: [A.5.15]\n' });
  assert.deepEqual(brief(p), []);
  assert.equal(p.catalogue.definitions('policy', 'POL-1').length, 1);
});
