// Id shapes teams write that are not plain criteria or controls: SOC 2
// families, headings and tools' points of focus, ISO clause items, prefixed
// and edition-qualified ids, and the edition a document or repository declares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, brief, projectOf } from './helpers/memory.ts';
import { hoverText } from '../server/core/queries/hover.ts';
import { targetAt } from '../server/core/queries/target.ts';
import type { Project } from '../server/core/engine/project.ts';

const control = (soc2: string, iso: string): string => `id: C-1\ntitle: Access review\nowner: IT\nfrequency: quarterly\nevidence: [Export]\nmappings:\n  soc2: [${soc2}]\n  iso27001: [${iso}]\n`;

const policy = (body: string, fields = ''): string => `---\nid: POL-1\ntitle: Access\nowner: CISO\nlast_reviewed: 2026-06-01\n${fields}---\n# Access\n\n${body}\n`;

function hoverAt(p: Project, path: string, line: number, character: number): string | undefined {
  const t = targetAt(p.catalogue.file(path)!, { line, character });
  return t ? hoverText(p, t) : undefined;
}

test('family-id: a SOC 2 family in a mapping is a warning with its criteria as the fixes; in prose, an info', async () => {
  const text = control('CC1, C1, CC6.1', 'A.5.15');
  const p = await projectOf({ 'controls/a.yaml': text, 'policies/a.md': policy('The CC1 family and the SOC 2 C1 family are in scope; C1 and P1 on their own are words.') });
  assert.deepEqual(brief(p), [
    'controls/a.yaml:7:10-7:13 warning family-id: CC1 is a SOC 2 family (Control Environment), not a criterion: map the criteria of it that apply (CC1.1, CC1.2, CC1.3, CC1.4, CC1.5)',
    'controls/a.yaml:7:15-7:17 warning family-id: C1 is a SOC 2 family (Additional Criteria for Confidentiality), not a criterion: map the criteria of it that apply (C1.1, C1.2)',
    'policies/a.md:9:5-9:8 info family-id: CC1 is a SOC 2 family (Control Environment), not a criterion; its criteria are CC1.1, CC1.2, CC1.3, CC1.4, CC1.5',
    'policies/a.md:9:24-9:32 info family-id: C1 is a SOC 2 family (Additional Criteria for Confidentiality), not a criterion; its criteria are C1.1, C1.2',
  ]);
  const [cc1, c1] = p.findings('controls/a.yaml');
  assert.deepEqual(
    cc1!.fixes!.map((f) => f.title),
    ['Replace with CC1.1', 'Replace with CC1.2', 'Replace with CC1.3', 'Replace with CC1.4', 'Replace with CC1.5'],
  );
  assert.ok(
    cc1!.fixes!.every((f) => f.preferred === undefined),
    "which criteria apply is a person's choice",
  );
  assert.equal(applyEdits(text, c1!.fixes![1]!.edits), control('CC1, C1.2, CC6.1', 'A.5.15'));
  assert.equal(p.findings('policies/a.md')[0]!.fixes, undefined);
});

test('heading-id: a 2022 criteria-table heading is an info in prose and an error when a mapping claims it', async () => {
  const text = control('P1.0, CC1.0, CC6.1', 'A.5.15');
  const p = await projectOf({ 'controls/a.yaml': text, 'policies/a.md': policy('Privacy notices (P1.0) and the control environment (CC1.0) are covered by other policies.') });
  assert.deepEqual(brief(p), [
    'controls/a.yaml:7:10-7:14 error heading-id: P1.0 is the heading of the SOC 2 family P1 (Notice and Communication of Objectives Related to Privacy), not a criterion: a heading cannot be satisfied; map the criteria under it that apply (P1.1)',
    'controls/a.yaml:7:16-7:21 error heading-id: CC1.0 is the heading of the SOC 2 family CC1 (Control Environment), not a criterion: a heading cannot be satisfied; map the criteria under it that apply (CC1.1, CC1.2, CC1.3, CC1.4, CC1.5)',
    'policies/a.md:9:18-9:22 info heading-id: P1.0 is the heading of the SOC 2 family P1 (Notice and Communication of Objectives Related to Privacy), not a criterion; its criteria are P1.1',
    'policies/a.md:9:53-9:58 info heading-id: CC1.0 is the heading of the SOC 2 family CC1 (Control Environment), not a criterion; its criteria are CC1.1, CC1.2, CC1.3, CC1.4, CC1.5',
  ]);
  assert.equal(applyEdits(text, p.findings('controls/a.yaml')[0]!.fixes![0]!.edits), control('P1.1, CC1.0, CC6.1', 'A.5.15'));
});

test('point-of-focus-id: a point of focus numbered by a tool is a warning; the fix is its criterion', async () => {
  const text = control('CC6.1.3, C1.1.1', 'A.5.15');
  const p = await projectOf({ 'controls/a.yaml': text, 'policies/a.md': policy('Encryption keys follow CC6.1.3; CC6.9.1 is a typo.') });
  assert.deepEqual(brief(p), [
    'controls/a.yaml:7:10-7:17 warning point-of-focus-id: CC6.1.3 is a point of focus of CC6.1 (Logical access security software, infrastructure and architecture over protected assets) as compliance tools number them, not a SOC 2 criterion: map CC6.1',
    'controls/a.yaml:7:19-7:25 warning point-of-focus-id: C1.1.1 is a point of focus of C1.1 (Identifying and protecting confidential information) as compliance tools number them, not a SOC 2 criterion: map C1.1',
    'policies/a.md:9:24-9:31 warning point-of-focus-id: CC6.1.3 is a point of focus of CC6.1 (Logical access security software, infrastructure and architecture over protected assets) as compliance tools number them, not a SOC 2 criterion: cite CC6.1',
    "policies/a.md:9:33-9:40 error unknown-id: unknown SOC 2 id 'CC6.9.1'; did you mean CC6.1 or CC9.1?",
  ]);
  const fixes = p.findings('controls/a.yaml').map((f) => f.fixes![0]!);
  assert.deepEqual(
    fixes.map((f) => [f.title, f.preferred]),
    [
      ['Replace with CC6.1', true],
      ['Replace with C1.1', true],
    ],
  );
  assert.equal(
    applyEdits(
      text,
      fixes.flatMap((f) => f.edits),
    ),
    control('CC6.1, C1.1', 'A.5.15'),
  );
  assert.equal(p.findings('policies/a.md')[0]!.fixes![0]!.preferred, undefined);
});

test('ISO clause items are valid references to their clause, in a mapping and in prose', async () => {
  const text = control('CC3.2', '"4.2.a", "9.3.2.g", "6.1.2.d", "6.1.3(c)", "4.9.a", "5.15.a"');
  const body = 'Risks are analysed as 6.1.2.d asks, treated per Clause 6.1.3 c) and reviewed (9.3.2.g). Step 3.1.a of the runbook is not ours; ISO 27001 4.9.a is a typo.';
  const p = await projectOf({ 'controls/a.yaml': text, 'policies/a.md': policy(body) });
  assert.deepEqual(brief(p), [
    "controls/a.yaml:8:45-8:55 warning non-canonical-id: write 6.1.3.c, not '6.1.3(c)'",
    "controls/a.yaml:8:57-8:64 error unknown-id: unknown ISO 27001 id '4.9.a'",
    "controls/a.yaml:8:66-8:74 error unknown-id: unknown ISO 27001 id '5.15.a'",
    "policies/a.md:9:128-9:143 error unknown-id: unknown ISO 27001 id '4.9.a'",
  ]);
  const prose = p.catalogue.file('policies/a.md')!.prose.map((r) => [r.raw, r.resolution.kind, r.resolution.kind === 'valid' ? `${r.resolution.id} ${r.resolution.item}` : '']);
  assert.deepEqual(prose, [
    ['6.1.2.d', 'valid', '6.1.2 d'],
    ['Clause 6.1.3 c)', 'valid', '6.1.3 c'],
    ['9.3.2.g', 'valid', '9.3.2 g'],
    ['ISO 27001 4.9.a', 'unknown', ''],
  ]);
});

test('hover on a clause item shows the clause, and a mapped item counts for it', async () => {
  const p = await projectOf({ 'controls/a.yaml': control('CC3.2', '"6.1.2.d"') });
  const text = hoverAt(p, 'controls/a.yaml', 7, 16)!;
  const lines = text.split('\n');
  assert.deepEqual(lines.slice(0, 5), [
    '**6.1.2 d)** · ISO 27001 · ISMS requirements (clauses 4-10) › Clause 6 Planning',
    '',
    '**In this repository:** covered by controls `C-1`',
    '',
    'Item d) of clause 6.1.2, *Information security risk assessment*',
  ]);
});

test('hover on a family, a heading and a point of focus says what it is', async () => {
  const p = await projectOf({ 'controls/a.yaml': control('C1, C1.0, C1.1.1', 'A.5.15') });
  assert.equal(
    hoverAt(p, 'controls/a.yaml', 6, 10),
    '**C1** · SOC 2 family · Confidentiality\n\n*Additional Criteria for Confidentiality*\n\nNot a criterion: its criteria are\n- `C1.1` Identifying and protecting confidential information\n- `C1.2` Disposing of confidential information',
  );
  assert.match(hoverAt(p, 'controls/a.yaml', 6, 14)!, /^\*\*C1\.0\*\* · SOC 2 heading of family C1 · Confidentiality\n\n\*Additional Criteria for Confidentiality\*\n/);
  assert.match(hoverAt(p, 'controls/a.yaml', 6, 20)!, /^\*\*C1\.1\.1\*\* · point of focus 1 of `C1\.1` as compliance tools number them, not a SOC 2 criterion\n\n\*\*C1\.1\*\* · SOC 2 · /);
});

test('prefixed and edition-qualified ids: the prefix and edition are read, messages quote the id alone', async () => {
  const iso = 'ISO 27001 A.13.1, "ISO/IEC 27001:2013 A.9.2.3", Annex A.8.1, A.8.1 (2013), ISO 27001 A.19.1';
  const body = 'Networks: ISO 27001 A.13.1. Privileged access: ISO/IEC 27001:2013 A.9.2.3. Laptops: Annex A.8.1. Assets: A.8.1 (2013).';
  const p = await projectOf({ 'controls/a.yaml': control('CC6.1', iso), 'policies/a.md': policy(body) });
  const objective813 =
    'A.13.1 is an ISO 27001:2013 control objective (Network security management), not a control; in ISO 27001 its controls became A.8.20 (Networks security), A.8.21 (Security of network services), A.8.22 (Segregation of networks)';
  const control923 = 'A.9.2.3 is an ISO 27001:2013 id (Management of privileged access rights); in ISO 27001 it is A.8.2 (Privileged access rights)';
  const objective81 =
    'A.8.1 is an ISO 27001:2013 control objective (Responsibility for assets), not a control; in ISO 27001 its controls became A.5.9 (Inventory of information and other associated assets), A.5.10 (Acceptable use of information and other associated assets), A.5.11 (Return of assets)';
  assert.deepEqual(brief(p), [
    `controls/a.yaml:8:14-8:30 warning legacy-id: ${objective813}`,
    `controls/a.yaml:8:32-8:60 warning legacy-id: ${control923}`,
    "controls/a.yaml:8:62-8:73 warning non-canonical-id: write A.8.1, not 'Annex A.8.1'",
    `controls/a.yaml:8:75-8:87 warning legacy-id: ${objective81}`,
    "controls/a.yaml:8:89-8:105 error unknown-id: unknown ISO 27001 id 'A.19.1'; did you mean A.5.1, A.6.1 or A.7.1?",
    `policies/a.md:9:11-9:27 warning legacy-id: ${objective813}`,
    `policies/a.md:9:48-9:74 warning legacy-id: ${control923}`,
    `policies/a.md:9:106-9:118 warning legacy-id: ${objective81}`,
  ]);
});

const assets = (fields: string, body: string): string => policy(body, `${fields}satisfies:\n  iso27001: [A.8.1, A.5.23, "10.1", "9.2"]\n`);
const objective81 =
  'warning legacy-id: A.8.1 is an ISO 27001:2013 control objective (Responsibility for assets), not a control; in ISO 27001 its controls became A.5.9 (Inventory of information and other associated assets), A.5.10 (Acceptable use of information and other associated assets), A.5.11 (Return of assets)';
const clause101 =
  "warning legacy-id: 10.1 is an ISO 27001:2013 id (Nonconformity and corrective action); in ISO 27001 it is 10.2 (Nonconformity and corrective action); this file's ids are read in ISO 27001:2013, where 10.2 means something else: migrate it together with the file's edition";

test('iso_edition in front matter reads two-level ids in 2013; ids only 2022 has, and clauses that kept their number, stay 2022', async () => {
  const p = await projectOf({ 'policies/a.md': assets('iso_edition: 2013\n', 'Owners look after A.8.1; laptops are A.8.1 (2022).') });
  assert.deepEqual(brief(p), [
    `policies/a.md:8:14-8:19 ${objective81}`,
    `policies/a.md:8:29-8:35 ${clause101}`,
    `policies/a.md:12:19-12:24 ${objective81}`,
    "policies/a.md:12:38-12:50 info cited-only: A.8.1 (User endpoint devices) is cited here, but no control or policy maps it: coverage counts it as a gap; if this policy meets it, add it to the policy's mappings",
  ]);
  // Migrating 10.1 to 10.2 inside a 2013 document would be read as 2013's 10.2 again: no fix is offered for it.
  assert.deepEqual(
    p.findings('policies/a.md').map((f) => (f.fixes ?? []).map((x) => x.title)),
    [
      ['Migrate to A.5.9', 'Migrate to A.5.10', 'Migrate to A.5.11', 'Migrate to A.5.9, A.5.10, A.5.11'],
      [],
      ['Migrate to A.5.9', 'Migrate to A.5.10', 'Migrate to A.5.11', 'Migrate to A.5.9, A.5.10, A.5.11'],
      ["Add A.8.1 to this policy's mappings"],
    ],
  );
});

test('an iso_edition that is no edition is an invalid-field error, and the ids are read in 2022', async () => {
  const p = await projectOf({ 'policies/a.md': assets('iso_edition: 2015\n', 'Laptops are A.8.1.') });
  assert.deepEqual(brief(p), ["policies/a.md:6:14-6:18 error invalid-field: the ISO 27001 edition of a document is 2013 or 2022, found '2015'; it decides how ids such as A.8.1 are read"]);
});

test('a sentence that says the document follows ISO/IEC 27001:2013 declares the edition; naming both declares neither', async () => {
  const p = await projectOf({
    'policies/a.md': assets('', 'This policy follows ISO/IEC 27001:2013. Owners look after A.8.1.'),
    'policies/b.md': assets('', 'This policy follows ISO/IEC 27001:2013 until the transition; its successor is aligned with ISO/IEC 27001:2022. Laptops are A.8.1.')
      .replace('POL-1', 'POL-2')
      .replace('title: Access', 'title: Asset handover'),
  });
  assert.deepEqual(brief(p), [`policies/a.md:7:14-7:19 ${objective81}`, `policies/a.md:7:29-7:35 ${clause101}`, `policies/a.md:11:59-11:64 ${objective81}`]);
  // An edition followed by an id qualifies that id, not the document.
  const q = await projectOf({ 'policies/c.md': assets('', 'Admin rights implement ISO/IEC 27001:2013 A.9.2.3. Laptops are A.8.1.') });
  assert.deepEqual(brief(q), [
    'policies/c.md:11:24-11:50 warning legacy-id: A.9.2.3 is an ISO 27001:2013 id (Management of privileged access rights); in ISO 27001 it is A.8.2 (Privileged access rights)',
  ]);
});

test('edition "2013" in crosswalk.yaml reads the repository in 2013; a document that declares 2022 keeps 2022', async () => {
  const p = await projectOf({
    'crosswalk.yaml': 'frameworks:\n  soc2: {}\n  iso27001:\n    edition: 2013\n',
    'controls/a.yaml': control('CC6.1', 'A.8.1'),
    'policies/a.md': assets('iso_edition: "2022"\n', 'Laptops are A.8.1.'),
  });
  assert.deepEqual(brief(p), [
    `controls/a.yaml:8:14-8:19 ${objective81}`,
    'crosswalk.yaml:4:14-4:18 warning config-invalid: ISO/IEC 27001:2013 was withdrawn (certificates expired 31 October 2025): ids such as A.8.1 are read as 2013 ids and reported with their 2022 successors (legacy-id); migrate them, then set edition "2022"',
  ]);
});

test('none of these rules fires on criteria, clause items and controls written plainly', async () => {
  const p = await projectOf({
    'controls/a.yaml': control('CC1.1, C1.2, P1.1, A1.2', 'A.8.1, "4.2.a", "9.3.2.g", A.5.15'),
    'policies/a.md': policy('CC6.1 and C1.1 apply, with 6.1.2.d, Annex A.8.1 and ISO 27001 Clause 9.2. Priority P1 incidents page the on-call; see C1 of the appendix.'),
    'crosswalk.yaml': 'frameworks:\n  soc2:\n    categories: [availability, confidentiality, privacy]\n  iso27001: {}\n',
  });
  // Read as ids, and so cited: those no structured field maps are cited-only.
  assert.deepEqual(brief(p), [
    "policies/a.md:9:1-9:6 info cited-only: CC6.1 (Logical access security software, infrastructure and architecture over protected assets) is cited here, but no control or policy maps it: coverage counts it as a gap; if this policy meets it, add it to the policy's mappings",
    "policies/a.md:9:11-9:15 info cited-only: C1.1 (Identifying and protecting confidential information) is cited here, but no control or policy maps it: coverage counts it as a gap; if this policy meets it, add it to the policy's mappings",
    "policies/a.md:9:28-9:35 info cited-only: 6.1.2 (Information security risk assessment) is cited here, but no control or policy maps it: coverage counts it as a gap; if this policy meets it, add it to the policy's mappings",
  ]);
});
