// The editor's skeleton quick fixes: an owner or evidence list to fill in,
// and "Mark reviewed today" for a stale review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectOf, applyEdits } from './helpers/memory.ts';
import { skeletonFixes } from '../server/core/queries/skeletons.ts';

const LIST = `controls:
  - id: AC-01
    title: Access review
    frequency: quarterly
    mappings:
      soc2: [CC6.1]
      iso27001: [A.5.15]
`;

const POLICY = `---
id: POL-BACKUP
title: Backup Policy
owner: CISO
review_frequency: annual
last_reviewed: "2025-02-10"
satisfies:
  soc2: [A1.2]
  iso27001: [A.8.13]
---
# Backup Policy
`;

async function fixed(files: Record<string, string>, path: string, rule: string): Promise<Array<[string, string]>> {
  const p = await projectOf(files);
  const f = p.findings(path).find((x) => x.rule === rule);
  assert.ok(
    f,
    `${rule} in ${p
      .findings(path)
      .map((x) => x.rule)
      .join(', ')}`,
  );
  return skeletonFixes(p, f, files[path]!).map((fix) => [
    fix.title,
    applyEdits(
      files[path]!,
      fix.edits.map((e) => ({ range: e.range, newText: e.newText })),
    ),
  ]);
}

test('missing owner and missing evidence insert skeletons at the control’s indentation', async () => {
  assert.deepEqual(await fixed({ 'controls/a.yaml': LIST }, 'controls/a.yaml', 'missing-owner'), [
    ['Add an owner to AC-01', LIST.replace('  - id: AC-01\n', '  - id: AC-01\n    owner: "" # the role accountable for it\n')],
  ]);
  assert.deepEqual(await fixed({ 'controls/a.yaml': LIST }, 'controls/a.yaml', 'missing-evidence'), [
    ['Add an evidence item to AC-01', LIST.replace('  - id: AC-01\n', '  - id: AC-01\n    evidence:\n      - id: EV-AC-01\n        description: ""\n        source: ""\n')],
  ]);
  // The skeleton is read as a control with an evidence item: missing-evidence is gone, the empty owner still asks for one.
  const [[, withEvidence]] = await fixed({ 'controls/a.yaml': LIST }, 'controls/a.yaml', 'missing-evidence');
  const p = await projectOf({ 'controls/a.yaml': withEvidence! });
  assert.deepEqual(
    p
      .findings('controls/a.yaml')
      .map((f) => f.rule)
      .filter((r) => r.startsWith('missing')),
    ['missing-owner'],
  );
});

test('a stale review is marked reviewed today, quotes kept', async () => {
  assert.deepEqual(await fixed({ 'policies/backup.md': POLICY }, 'policies/backup.md', 'stale-review'), [['Mark reviewed today (2026-11-24)', POLICY.replace('"2025-02-10"', '"2026-11-24"')]]);
});

test('other findings get no skeleton', async () => {
  const p = await projectOf({ 'controls/a.yaml': LIST.replace('CC6.1', 'CC9.9') });
  const f = p.findings('controls/a.yaml').find((x) => x.rule === 'unknown-id')!;
  assert.deepEqual(skeletonFixes(p, f, LIST), []);
});
