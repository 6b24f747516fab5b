// Framework-id rules: each one firing with its exact range and message, and
// not firing on valid input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, brief, projectOf } from './helpers/memory.ts';

const control = (mappings: string, extra = ''): string => `id: C-1\ntitle: Access review\nowner: IT\nfrequency: quarterly\nevidence: [Export]\n${extra}mappings:\n${mappings}`;

test('a valid control has no findings', async () => {
  const p = await projectOf({ 'controls/a.yaml': control('  soc2: [CC6.1, CC6.2]\n  iso27001: [A.5.15, "9.2", A.8.2]\n') });
  assert.deepEqual(brief(p), []);
});

test('unknown-id names the closest ids, same series first', async () => {
  const p = await projectOf({ 'controls/a.yaml': control('  soc2: [CC9.9, CC6.1]\n  iso27001: [A.5.15]\n') });
  assert.deepEqual(brief(p), ["controls/a.yaml:7:10-7:15 error unknown-id: unknown SOC 2 id 'CC9.9'; did you mean CC9.2, CC9.1 or CC6.8?"]);
  const f = p.findings('controls/a.yaml')[0]!;
  assert.deepEqual(
    f.fixes!.map((x) => x.title),
    ['Replace with CC9.2', 'Replace with CC9.1', 'Replace with CC6.8'],
  );
});

test('ids listed in the README as seen in real repos but invalid are all unknown (CC1.0, a heading, has its own rule)', async () => {
  const bad = ['CC9.9', 'CC0.1', 'CC6.9', 'CC8.2', 'A1.4', 'C1.3', 'P1.2', 'PP1.1'];
  const p = await projectOf({ 'controls/a.yaml': control(`  soc2: [${bad.join(', ')}, CC6.1]\n  iso27001: [A.5.14.1, A.5.15]\n`) });
  const rules = p.findings('controls/a.yaml').map((f) => `${f.rule} ${f.message.split(';')[0]}`);
  assert.deepEqual(rules, [...bad.map((id) => `unknown-id unknown SOC 2 id '${id}'`), "unknown-id unknown ISO 27001 id 'A.5.14.1'"]);
});

test('wrong-framework moves the id to the right key', async () => {
  const text = control('  soc2: [CC6.1]\n  iso27001: [A.5.15, CC6.2]\n');
  const p = await projectOf({ 'controls/a.yaml': text });
  assert.deepEqual(brief(p), [
    "controls/a.yaml:8:22-8:27 error wrong-framework: CC6.2 is a SOC 2 id (User registration/authorization before access; credential removal when no longer authorized), listed under 'iso27001' (ISO 27001); move it to soc2",
  ]);
  const fix = p.findings('controls/a.yaml')[0]!.fixes![0]!;
  assert.equal(fix.title, 'Move CC6.2 to soc2');
  assert.equal(applyEdits(text, fix.edits), control('  soc2: [CC6.1, CC6.2]\n  iso27001: [A.5.15]\n'));
});

test('legacy-id names the 2022 successor and migrates in place', async () => {
  const text = control('  soc2: [CC6.1]\n  iso27001: [A.5.15, A.9.2.3]\n');
  const p = await projectOf({ 'controls/a.yaml': text });
  assert.deepEqual(brief(p), [
    'controls/a.yaml:8:22-8:29 warning legacy-id: A.9.2.3 is an ISO 27001:2013 id (Management of privileged access rights); in ISO 27001 it is A.8.2 (Privileged access rights)',
  ]);
  const fix = p.findings('controls/a.yaml')[0]!.fixes![0]!;
  assert.equal(applyEdits(text, fix.edits), control('  soc2: [CC6.1]\n  iso27001: [A.5.15, A.8.2]\n'));
});

test("a 2013 control objective is not a control; its controls' successors are named", async () => {
  const p = await projectOf({ 'controls/a.yaml': control('  soc2: [CC6.1]\n  iso27001: [A.5.15, A.9.2]\n') });
  const [f] = p.findings('controls/a.yaml');
  assert.equal(f!.rule, 'legacy-id');
  assert.match(f!.message, /^A\.9\.2 is an ISO 27001:2013 control objective \(User access management\), not a control; in ISO 27001 its controls became /);
});

test('depth decides the edition: A.8.1 is the 2022 control, A.8.1.1 the 2013 one', async () => {
  const p = await projectOf({ 'controls/a.yaml': control('  soc2: [CC6.1]\n  iso27001: [A.8.1, A.8.1.1]\n') });
  assert.deepEqual(
    p.findings('controls/a.yaml').map((f) => [f.rule, f.message.split(';')[0]]),
    [['legacy-id', 'A.8.1.1 is an ISO 27001:2013 id (Inventory of assets)']],
  );
});

test('under an iso27001:2013 key, migration moves the successors to iso27001', async () => {
  const text = control('  soc2: [CC6.1]\n  iso27001: [A.5.15]\n  iso27001:2013: [A.9.2.3]\n');
  const p = await projectOf({ 'controls/a.yaml': text });
  const f = p.findings('controls/a.yaml').find((x) => x.rule === 'legacy-id')!;
  assert.equal(applyEdits(text, f.fixes![0]!.edits), control('  soc2: [CC6.1]\n  iso27001: [A.5.15, A.8.2]\n  iso27001:2013: []\n'));
});

test('non-canonical-id: spellings seen in the wild are read and normalised', async () => {
  const text = control('  soc2: [CC 6.1, cc6.2, CC6.3.]\n  iso27001: [Annex A.5.15, A5.16, 5.17, Clause 9.2, ISO 27001 A.5.18]\n');
  const p = await projectOf({ 'controls/a.yaml': text });
  assert.deepEqual(
    p.findings('controls/a.yaml').map((f) => `${f.rule}: ${f.message}`),
    [
      "non-canonical-id: write CC6.1, not 'CC 6.1'",
      "non-canonical-id: write CC6.2, not 'cc6.2'",
      "non-canonical-id: write CC6.3, not 'CC6.3.'",
      "non-canonical-id: write A.5.15, not 'Annex A.5.15'",
      "non-canonical-id: write A.5.16, not 'A5.16'",
      "non-canonical-id: write A.5.17, not '5.17'",
      "non-canonical-id: write 9.2, not 'Clause 9.2'",
      "non-canonical-id: write A.5.18, not 'ISO 27001 A.5.18'",
    ],
  );
  const all = p.findings('controls/a.yaml').flatMap((f) => f.fixes![0]!.edits);
  assert.equal(applyEdits(text, all), control('  soc2: [CC6.1, CC6.2, CC6.3]\n  iso27001: [A.5.15, A.5.16, A.5.17, "9.2", A.5.18]\n'));
});

test('a bare number YAML would read differently is called out', async () => {
  const p = await projectOf({ 'controls/a.yaml': control('  soc2: [CC6.1]\n  iso27001: [5.10]\n') });
  assert.deepEqual(brief(p), ["controls/a.yaml:8:14-8:18 warning non-canonical-id: write A.5.10, not '5.10' (YAML reads 5.10 as the number 5.1)"]);
});

test('out-of-scope-id notes a SOC 2 category that is not in scope', async () => {
  const files = { 'controls/a.yaml': control('  soc2: [CC6.1, P4.2]\n  iso27001: [A.5.15]\n') };
  const p = await projectOf({ ...files, 'crosswalk.yaml': 'frameworks:\n  soc2:\n    categories: [security]\n  iso27001: {}\n' });
  assert.deepEqual(brief(p), ['controls/a.yaml:7:17-7:21 info out-of-scope-id: P4.2 is in the SOC 2 Privacy category, which is not in scope (frameworks.soc2.categories in crosswalk.yaml)']);
  // With no crosswalk.yaml, the categories the catalogue maps are in scope.
  const unconfigured = await projectOf(files);
  assert.deepEqual(brief(unconfigured), []);
  assert.deepEqual(unconfigured.soc2Categories(), ['security', 'privacy']);
});

test('unknown-framework suggests a known key', async () => {
  const p = await projectOf({ 'controls/a.yaml': control('  soc2: [CC6.1]\n  iso2701: [A.5.15]\n') });
  assert.deepEqual(brief(p), ["controls/a.yaml:8:3-8:10 error unknown-framework: unknown framework 'iso2701' (did you mean 'iso27001'?); known: iso27001, soc2, iso27001-2013"]);
});

test('framework keys have aliases and compare loosely', async () => {
  const p = await projectOf({ 'controls/a.yaml': control('  TSC: [CC6.1]\n  ISO 27001: [A.5.15]\n') });
  assert.deepEqual(brief(p), []);
});

test('ids in policy prose are checked; ordinary numbers are left alone', async () => {
  const policy = `---
id: POL-1
title: Access
owner: CISO
last_reviewed: 2026-06-01
---
# Access

This policy addresses CC6.1, ISO 27001 Annex A.5.15 and Clause 9.2.
It also mentions CC6.9, A.9.2.3, TLS 1.2, section A.2.1 of the contract, clause 14.3 of the MSA and version 2.0.
`;
  const p = await projectOf({ 'policies/a.md': policy });
  assert.deepEqual(brief(p), [
    "policies/a.md:9:23-9:28 info cited-only: CC6.1 (Logical access security software, infrastructure and architecture over protected assets) is cited here, but no control or policy maps it: coverage counts it as a gap; if this policy meets it, add it to the policy's mappings",
    "policies/a.md:9:30-9:52 info cited-only: A.5.15 (Access control) is cited here, but no control or policy maps it: coverage counts it as a gap; if this policy meets it, add it to the policy's mappings",
    "policies/a.md:10:18-10:23 error unknown-id: unknown SOC 2 id 'CC6.9'; did you mean CC6.8, CC6.7 or CC6.6?",
    'policies/a.md:10:25-10:32 warning legacy-id: A.9.2.3 is an ISO 27001:2013 id (Management of privileged access rights); in ISO 27001 it is A.8.2 (Privileged access rights)',
  ]);
});
