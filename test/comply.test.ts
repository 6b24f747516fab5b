// strongdm/comply repositories as they are written: headers without an
// opening '---', narratives, procedures with cron schedules, standards files,
// and the layout found with no crosswalk.yaml.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, projectOf } from './helpers/memory.ts';
import { detectLayout } from '../server/core/knowledge/config/detect.ts';
import { cronPhrase } from '../server/core/knowledge/cron.ts';

const doc = (name: string, acronym: string, ids: string, extra = ''): string =>
  `name: ${name}\nacronym: ${acronym}\nsatisfies:\n  TSC: [${ids}]\nmajorRevisions:\n  - date: Oct 1 2026\n    comment: First version\n${extra}---\n# ${name}\n`;

test('a header without an opening --- is read: title, id, mappings and the latest revision', async () => {
  const p = await projectOf({ 'policies/a.md': doc('Access Policy', 'AP', 'CC6.1, CC6.2'), 'narratives/n.md': doc('Network Narrative', 'NN', 'CC6.6') });
  assert.deepEqual(brief(p), []);
  const e = p.catalogue.file('policies/a.md')!.entities[0]!;
  assert.deepEqual([e.id, e.title?.text, e.style, e.lastReviewed?.text, e.mappings[0]!.ids.map((r) => r.raw)], ['AP', 'Access Policy', 'comply', '2026-10-01', ['CC6.1', 'CC6.2']]);
  assert.equal(p.catalogue.file('narratives/n.md')!.entities[0]!.document, 'narrative');
  assert.equal(p.config.detected?.summary, 'comply project (policies, narratives, procedures, standards)');
});

test('a header that is not valid YAML is a yaml-syntax error at its line, not a missing header', async () => {
  const p = await projectOf({ 'policies/a.md': 'name: Access Policy\nacronym: [AP\nsatisfies:\n  TSC: [CC6.1]\n---\nbody\n', 'narratives/n.md': doc('N', 'N', 'CC1.1') });
  assert.deepEqual(brief(p), ['policies/a.md:3:1-3:2 error yaml-syntax: front matter YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]']);
});

test('majorRevisions items with a date and a comment split in two are invalid-field errors', async () => {
  const p = await projectOf({
    'policies/a.md': 'name: Access Policy\nacronym: AP\nsatisfies:\n  TSC: [CC6.1]\nmajorRevisions:\n  - date: Oct 1 2026\n  - comment: First version\n---\nbody\n',
    'procedures/p.md': 'id: "p"\nname: "Patch"\n---\n',
  });
  assert.deepEqual(brief(p), [
    "policies/a.md:6:5-7:1 error invalid-field: this majorRevisions item has a date but no comment: write the date and its comment in one item ('- date: ...' with 'comment: ...' indented under it)",
    "policies/a.md:7:5-8:1 error invalid-field: this majorRevisions item has a comment but no date: write the date and its comment in one item ('- date: ...' with 'comment: ...' indented under it)",
  ]);
});

test('standards: a TSC standard is the bundled SOC 2 with its keys checked; another standard is a framework of its own', async () => {
  const p = await projectOf({
    'policies/a.md': doc('Access Policy', 'AP', 'CC6.1, CC6.10'),
    'standards/TSC-2017.yml': 'name: TSC\nCC6.1:\n  family: CC6\n  name: Logical access\nCC6.10:\n  family: CC6\n  name: Made up\n',
    'standards/baseline.yml': 'name: Acme Baseline\nAB-1:\n  family: AB\n  name: Laptops are encrypted\n',
    'narratives/n.md': 'name: Devices\nacronym: DN\nsatisfies:\n  Acme Baseline: [AB-1, AB-9]\nmajorRevisions:\n  - date: Oct 1 2026\n    comment: x\n---\n',
  });
  assert.deepEqual(brief(p), [
    "narratives/n.md:4:25-4:29 error unknown-id: unknown Acme Baseline id 'AB-9'; did you mean AB-1?",
    "policies/a.md:4:16-4:22 error unknown-id: unknown SOC 2 id 'CC6.10'; did you mean CC6.1, CC6.8 or CC6.7?",
    "standards/TSC-2017.yml:5:1-5:7 error unknown-id: unknown SOC 2 id 'CC6.10'; did you mean CC6.1, CC6.8 or CC6.7?",
  ]);
  // Only the standards present are in scope: no ISO 27001 standard, so no ISO findings or coverage.
  assert.deepEqual([p.config.soc2.enabled, p.config.iso27001.enabled, p.config.customInScope.map((c) => c.text)], [true, false, ['comply-acme-baseline']]);
  assert.equal(p.registry.requirement('comply-acme-baseline', 'AB-1')?.title, 'Laptops are encrypted');
});

test('a procedure cron schedule is a frequency the frequency rules compare; an unreadable one is an error', async () => {
  const p = await projectOf({
    'policies/a.md': `${doc('Access Policy', 'AP', 'CC6.1')}\nUser access reviews are performed annually.\n`,
    'procedures/r.md': 'id: "review"\nname: "User access review"\ncron: "0 0 9 1 */3 *"\n---\n',
    'procedures/bad.md': 'id: "bad"\nname: "Broken"\ncron: "every day"\n---\n',
    'standards/TSC-2017.yml': 'name: TSC\nCC6.1: {name: Logical access}\n',
  });
  assert.deepEqual(brief(p), [
    'policies/a.md:11:35-11:43 warning conflicting-frequency: access review: annual here, but quarterly in procedures/r.md:3 (review); the stricter frequency wins: make it quarterly',
    `procedures/bad.md:3:7-3:18 error invalid-field: cron 'every day' has 2 fields; comply schedules have six (seconds minutes hours day-of-month month day-of-week), e.g. "0 0 0 1 * *" for monthly`,
    'procedures/r.md:3:7-3:22 warning conflicting-frequency: access review: quarterly here, but annual in policies/a.md:11 (AP); the stricter frequency (this one) wins: align the others',
  ]);
});

test('cron schedules in six and five fields become frequencies', () => {
  const read = (c: string): string => {
    const r = cronPhrase(c);
    return 'phrase' in r ? r.phrase : `! ${r.problem}`;
  };
  assert.deepEqual(['0 0 0 15 * *', '0 0 9 1 */3 *', '0 0 9 1 1,7 *', '0 0 6 1 1 *', '0 0 8 * * MON', '0 0 2 * * *', '0 */5 * * * *', '30 2 * * *', '0 0 1 1,4,7,10 *', '1 2 3'].map(read), [
    'monthly',
    'every 3 months',
    'semiannually',
    'annually',
    'weekly',
    'daily',
    'continuous',
    'daily',
    'quarterly',
    '! has 3 fields; comply schedules have six (seconds minutes hours day-of-month month day-of-week), e.g. "0 0 0 1 * *" for monthly',
  ]);
});

test('files comply does not read are reported, not counted; README and index pages are not documents', async () => {
  const p = await projectOf({
    'policies/a.md': doc('Access Policy', 'AP', 'CC6.1'),
    'policies/README.md': '# Policies\n',
    'policies/old/b.md': doc('Old Policy', 'OP', 'CC6.1'),
    'policies/c.markdown': doc('Other Policy', 'OTP', 'CC6.2'),
    'procedures/.gitkeep': '',
    'standards/TSC.yml': 'name: TSC\nCC6.1: {name: x}\n',
  });
  assert.deepEqual(brief(p), [
    'policies/c.markdown:1:1-1:1 warning unread-document: comply does not read policies/c.markdown: its name does not end in .md, and comply reads only the .md files directly in policies/. Move or rename it, or it is left out of the published documents',
    'policies/old/b.md:1:1-1:1 warning unread-document: comply does not read policies/old/b.md: it is in a sub-folder of policies/, and comply reads only the .md files directly in policies/. Move or rename it, or it is left out of the published documents',
  ]);
  // Claimed twice by the unread copy, CC6.1 still counts once: the copy is not read.
  assert.equal(p.catalogue.mappers('soc2', 'CC6.1').length, 1);
});

test('layout detection: comply at the root or in a sub-folder, plain folders, several candidates', () => {
  assert.deepEqual(detectLayout(['compliance/policies/a.md', 'compliance/standards/TSC.yml', 'README.md']).layout, {
    kind: 'comply',
    root: 'compliance',
    summary: 'comply project in compliance/ (policies, narratives, procedures, standards)',
  });
  assert.deepEqual(detectLayout(['docs/isms/policies/a.md', 'docs/isms/controls/c.yaml']).layout, { kind: 'plain', root: 'docs/isms', summary: 'policies and controls folders in docs/isms/' });
  assert.deepEqual(detectLayout(['a/policies/x.md', 'a/narratives/y.md', 'b/policies/x.md', 'b/standards/tsc.yml']), { ambiguous: ['a', 'b'] });
  assert.deepEqual(detectLayout(['notes.md', 'src/index.ts']), {});
  // policies/ beside procedures/ and JSON standards, without comply's marks, is a plain layout (a template set).
  assert.deepEqual(detectLayout(['templates/policies/access.md.tmpl', 'templates/procedures/p.md.tmpl', 'templates/standards/iso.json']).layout, {
    kind: 'plain',
    root: 'templates',
    summary: 'policies folder in templates/',
  });
  assert.equal(detectLayout(['policies/a.md', 'procedures/b.md', 'comply.yml']).layout?.kind, 'comply');
});

test('missing-front-matter: silent where no document has a header, a warning where the others have one', async () => {
  const none = await projectOf({ 'policies/a.md': '# Access\n\nWe meet CC6.1 and CC6.99.\n', 'policies/b.md': '# Backup\n\nBackups are tested.\n' });
  assert.deepEqual(brief(none), ["policies/a.md:3:19-3:25 error unknown-id: unknown SOC 2 id 'CC6.99'; did you mean CC6.8, CC6.7 or CC6.6?"]);
  const mixed = await projectOf({ 'policies/a.md': '# Access\n\nWe meet CC6.1.\n', 'policies/b.md': '---\nid: B\ntitle: Backup\nowner: IT\nlast_reviewed: 2026-10-01\n---\n# Backup\n' });
  assert.deepEqual(brief(mixed), [
    "policies/a.md:1:1-1:9 warning missing-front-matter: no front matter: start it with a '---' block holding id, title, owner and review_frequency, as the other documents here do, or exclude the file with 'ignore' in crosswalk.yaml",
  ]);
  // Adding the header to the last document without one clears the warning (the group is re-checked).
  mixed.setText('policies/a.md', '---\nid: A\ntitle: Access\nowner: IT\nlast_reviewed: 2026-10-01\n---\nWe meet CC6.1.\n');
  assert.deepEqual(brief(mixed), [
    "policies/a.md:7:9-7:14 info cited-only: CC6.1 (Logical access security software, infrastructure and architecture over protected assets) is cited here, but no control or policy maps it: coverage counts it as a gap; if this policy meets it, add it to the policy's mappings",
  ]);
});
