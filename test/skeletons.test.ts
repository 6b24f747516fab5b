// The editor's skeleton quick fixes: an owner or evidence list to fill in,
// and "Mark reviewed today" for a stale review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectOf, applyEdits, brief } from './helpers/memory.ts';
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

const HEADERLESS = '# Access Control Policy\n\nAccess follows least privilege (CC6.1).\n';

test('a document without front matter gets one to fill in, with the title of its first heading and an id from its file name', async () => {
  const files = { 'policies/backup.md': POLICY, 'policies/access-control.md': HEADERLESS };
  const header = ['---', 'id: POL-ACCESS-CONTROL', 'title: Access Control Policy', 'owner: "" # the role accountable for it', 'review_frequency: "" # annual, quarterly, ...', '---', ''].join('\n');
  assert.deepEqual(await fixed(files, 'policies/access-control.md', 'missing-front-matter'), [['Add front matter', header + HEADERLESS]]);
  // Read back: the header is the policy's, and what is still to fill in is asked for.
  const p = await projectOf({ ...files, 'policies/access-control.md': header + HEADERLESS });
  assert.deepEqual(
    brief(p)
      .filter((f) => f.startsWith('policies/access-control.md'))
      .map((f) => f.split(': ')[0]),
    ['policies/access-control.md:2:5-2:23 warning missing-owner', 'policies/access-control.md:2:5-2:23 info stale-review', 'policies/access-control.md:9:33-9:38 info cited-only'],
  );
});

test('the front matter takes what the body states about the document, and quotes what YAML would read otherwise', async () => {
  const body = '# Access: least privilege #1\n\n| Field | Value |\n|---|---|\n| Document ID | POL-AC |\n| Owner | Head of IT |\n| Last reviewed | 2026-03-01 |\n\nText.\n';
  assert.deepEqual(await fixed({ 'policies/backup.md': POLICY, 'policies/a.md': body }, 'policies/a.md', 'missing-front-matter'), [
    [
      'Add front matter',
      ['---', 'id: POL-AC', 'title: "Access: least privilege #1"', 'owner: Head of IT', 'review_frequency: "" # annual, quarterly, ...', 'last_reviewed: 2026-03-01', '---', body].join('\n'),
    ],
  ]);
});

test('where the other documents have comply headers, the skeleton is a comply header', async () => {
  const comply = 'name: Backup Policy\nacronym: BP\nsatisfies:\n  TSC:\n    - A1.2\n---\n# Backup Policy\n';
  assert.deepEqual(await fixed({ 'policies/backup.md': comply, 'policies/access-control.md': HEADERLESS }, 'policies/access-control.md', 'missing-front-matter'), [
    ['Add a comply header', `name: Access Control Policy\nacronym: ACP\n---\n${HEADERLESS}`],
  ]);
});
