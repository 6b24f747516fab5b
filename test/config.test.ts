// crosswalk.yaml: every setting's error at its place, severity overrides,
// Statement of Applicability exclusions, and a team's own framework and crosswalk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, projectOf } from './helpers/memory.ts';
import { computeCoverage } from '../server/core/queries/coverage.ts';

const control = (id: string, iso = 'A.5.15', extra = ''): string =>
  `id: ${id}\ntitle: Access review\nowner: IT\nfrequency: quarterly\nevidence: [Export]\nmappings:\n  soc2: [CC6.1]\n  iso27001: [${iso}]\n${extra}`;

test('mistakes in crosswalk.yaml are reported on their token, with the fix in the message', async () => {
  const p = await projectOf({
    'crosswalk.yaml': 'versoin: 1\nframeworks:\n  soc2:\n    categories: [security, availabilty]\n  iso27001:\n    edition: "2013"\nrules:\n  missing-evidence: loud\n  no-such-rule: off\n',
    'controls/a.yaml': control('C-1'),
  });
  assert.deepEqual(brief(p), [
    "crosswalk.yaml:1:1-1:8 warning config-invalid: unknown setting 'versoin' (did you mean 'version'?)",
    "crosswalk.yaml:4:28-4:39 error config-invalid: unknown SOC 2 category 'availabilty' (did you mean 'availability'?); categories are security, availability, confidentiality, processing-integrity, privacy",
    'crosswalk.yaml:6:14-6:20 warning config-invalid: ISO/IEC 27001:2013 was withdrawn (certificates expired 31 October 2025): ids such as A.8.1 are read as 2013 ids and reported with their 2022 successors (legacy-id); migrate them, then set edition "2022"',
    "crosswalk.yaml:8:21-8:25 error config-invalid: severity of 'missing-evidence' must be one of error, warning, info, hint, off",
    'crosswalk.yaml:9:3-9:15 warning config-invalid: unknown rule \'no-such-rule\'; the rule codes are listed under "Rules" in the Crosswalk documentation',
  ]);
});

test("a crosswalk.yaml that is not a mapping names the settings and the documentation, not a path of Crosswalk's own", async () => {
  const p = await projectOf({ 'crosswalk.yaml': '- soc2\n- iso27001\n', 'controls/a.yaml': control('C-1') });
  assert.deepEqual(brief(p), [
    `crosswalk.yaml:1:1-1:2 error config-invalid: crosswalk.yaml must be a mapping of settings such as 'frameworks', 'policies' and 'controls' (the Crosswalk documentation describes each under "Catalogue format")`,
  ]);
});

test('a crosswalk.yaml that is not YAML is reported, and the defaults apply meanwhile', async () => {
  const p = await projectOf({ 'crosswalk.yaml': 'frameworks: [\n', 'controls/a.yaml': control('C-1').replace('CC6.1', 'CC9.9') });
  assert.deepEqual(brief(p), [
    "controls/a.yaml:7:10-7:15 error unknown-id: unknown SOC 2 id 'CC9.9'; did you mean CC9.2, CC9.1 or CC6.8?",
    'crosswalk.yaml:2:1-2:1 error yaml-syntax: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ]);
});

test('rules: severities are overridden or turned off', async () => {
  const files = { 'controls/a.yaml': control('C-1').replace('evidence: [Export]\n', '').replace('CC6.1', 'CC9.9') };
  assert.deepEqual(
    brief(await projectOf(files)).map((l) => l.split(': ')[0]),
    ['controls/a.yaml:1:5-1:8 warning missing-evidence', 'controls/a.yaml:6:10-6:15 error unknown-id'],
  );
  const p = await projectOf({ ...files, 'crosswalk.yaml': 'rules:\n  missing-evidence: off\n  unknown-id: warning\n' });
  assert.deepEqual(brief(p), ["controls/a.yaml:6:10-6:15 warning unknown-id: unknown SOC 2 id 'CC9.9'; did you mean CC9.2, CC9.1 or CC6.8?"]);
});

test('Statement of Applicability exclusions: justified, unjustified, a clause, an unknown id, one implemented anyway', async () => {
  const p = await projectOf({
    'crosswalk.yaml':
      'statement_of_applicability:\n  exclusions:\n    - id: A.7.5\n      justification: Cloud only.\n    - id: A.7.6\n    - id: "9.2"\n      justification: Not needed.\n    - id: A.7.99\n      justification: typo\n    - id: A.7.11\n      justification: No premises of our own.\n',
    'controls/a.yaml': control('C-1', 'A.5.15, A.7.5'),
  });
  assert.deepEqual(brief(p), [
    'crosswalk.yaml:3:11-3:16 warning excluded-but-implemented: A.7.5 is excluded from the Statement of Applicability, but control C-1 implements it: include it, or remove the mapping',
    'crosswalk.yaml:5:11-5:16 error invalid-exclusion: exclusion of A.7.6 has no justification: ISO 27001 6.1.3 d) requires one for every excluded control',
    'crosswalk.yaml:6:11-6:16 error invalid-exclusion: clause 9.2 cannot be excluded: clauses 4-10 are mandatory; only Annex A controls can be excluded in the Statement of Applicability',
    "crosswalk.yaml:8:11-8:17 error unknown-id: unknown ISO 27001 id 'A.7.99'; did you mean A.7.9, A.7.14 or A.7.13?",
  ]);
  const iso = computeCoverage(p).frameworks.find((f) => f.framework === 'iso27001')!;
  const row = iso.groups.flatMap((g) => g.requirements).find((r) => r.id === 'A.7.11')!;
  assert.deepEqual([row.status, row.justification], ['excluded', 'No premises of our own.']);
});

test("a team's own framework and crosswalk, declared in crosswalk.yaml, are validated and used", async () => {
  const p = await projectOf({
    'crosswalk.yaml': 'frameworks:\n  soc2: {}\n  iso27001: {}\n  nist-csf: {}\ncustom_frameworks: [frameworks/nist.yaml]\ncustom_crosswalks: [frameworks/crosswalk-iso-nist.yaml]\n',
    'frameworks/nist.yaml':
      'format: 1\nid: nist-csf\ntitle: NIST Cybersecurity Framework 2.0\nshort: NIST CSF\naliases: [csf]\ngroups:\n  - { id: GV, kind: category, title: Govern }\nrequirements:\n  - { id: GV.OC-01, group: GV, title: Mission understood }\n  - { id: GV.PO-01, group: GV, title: Policy established }\n',
    'frameworks/crosswalk-iso-nist.yaml':
      'format: 1\nid: iso-nist\nfrom: iso27001\nto: nist-csf\nlast_reviewed: "2026-10-01"\npairs:\n  - { from: A.5.1, to: GV.PO-01, rationale: Both require an approved policy. }\n',
    'controls/a.yaml': control('C-1', 'A.5.15', '  csf: [GV.OC-01, GV.OC-11]\n'),
  });
  assert.deepEqual(brief(p), ["controls/a.yaml:9:19-9:27 error unknown-id: unknown NIST CSF id 'GV.OC-11'; did you mean GV.OC-01?"]);
  assert.deepEqual(
    p.registry.counterparts('nist-csf', 'GV.PO-01').map((c) => `${c.framework} ${c.id}`),
    ['iso27001 A.5.1'],
  );
  const nist = computeCoverage(p).frameworks.find((f) => f.framework === 'nist-csf')!;
  assert.deepEqual([nist.inScope, nist.totals.covered, nist.totals.gap], [true, 1, 1]);
});

test('custom framework files that are missing, outside the repository or malformed are refused with the reason', async () => {
  const p = await projectOf({
    'crosswalk.yaml': 'custom_frameworks: [frameworks/nist.yaml, ../outside.yaml, frameworks/none.yaml]\n',
    'frameworks/nist.yaml': 'format: 1\nid: nist-csf\ntitle: NIST\nrequirements:\n  - id: A\n    titel: x\n',
    'controls/a.yaml': control('C-1'),
  });
  assert.deepEqual(brief(p), [
    "crosswalk.yaml:1:21-1:41 error config-invalid: framework file 'frameworks/nist.yaml' cannot be used: frameworks/nist.yaml:6: requirement: unknown field 'titel' (allowed: id, title, description, kind, group, parent, notes, synonyms, iso2013, successors, relation, new, coso)",
    "crosswalk.yaml:1:43-1:58 error config-invalid: framework file '../outside.yaml' is outside the repository: keep custom framework files inside it",
    "crosswalk.yaml:1:60-1:80 error config-invalid: framework file 'frameworks/none.yaml' not found in the repository (paths are relative to crosswalk.yaml)",
  ]);
});

test('a custom framework that takes the id of a bundled or an earlier custom one is refused, naming both files, and the bundled one stays', async () => {
  const fw = (id: string): string => `format: 1\nid: ${id}\ntitle: Own\nrequirements:\n  - { id: X-1, title: One }\n`;
  const p = await projectOf({
    'crosswalk.yaml': 'custom_frameworks: [frameworks/mine.yaml, frameworks/a.yaml, frameworks/b.yaml]\n',
    'frameworks/mine.yaml': fw('soc2'),
    'frameworks/a.yaml': fw('own'),
    'frameworks/b.yaml': fw('own'),
    'controls/a.yaml': control('C-1'),
  });
  assert.deepEqual(brief(p), [
    "crosswalk.yaml:1:21-1:41 error config-invalid: framework file 'frameworks/mine.yaml' cannot be used: frameworks/mine.yaml: framework id 'soc2' is already defined by the bundled framework file soc2-tsc-2017.yaml: give this framework its own id",
    "crosswalk.yaml:1:62-1:79 error config-invalid: framework file 'frameworks/b.yaml' cannot be used: frameworks/b.yaml: framework id 'own' is already defined by frameworks/a.yaml: give this framework its own id",
  ]);
  assert.equal(p.registry.requirement('soc2', 'CC6.1')?.id, 'CC6.1');
});
