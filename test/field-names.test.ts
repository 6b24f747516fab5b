// A repository's own field names: mapped in crosswalk.yaml's `fields:`, and
// a warning for a key that holds framework ids under a name nothing reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, projectOf } from './helpers/memory.ts';

const pol = (extra: string): string => `---\nid: POL-1\ntitle: Access\nlast_reviewed: 2026-10-01\n${extra}---\n# Access\n`;

test('a key holding framework ids that no field reads is a warning naming the key and how to map it', async () => {
  const p = await projectOf({ 'policies/a.md': pol('owner: IT\ntsc_criteria: [CC6.1, CC6.2]\niso_controls:\n  - A.5.15\nweight: 5.1\ntags: [access]\n') });
  assert.deepEqual(brief(p), [
    "policies/a.md:6:1-6:13 warning unmapped-ids: 'tsc_criteria' holds SOC 2 ids (CC6.1, CC6.2) that Crosswalk does not read under that name: map the key in crosswalk.yaml ('fields: {tsc_criteria: soc2}'), or move the ids under 'satisfies'",
    "policies/a.md:7:1-7:13 warning unmapped-ids: 'iso_controls' holds ISO 27001 ids (A.5.15) that Crosswalk does not read under that name: map the key in crosswalk.yaml ('fields: {iso_controls: iso27001}'), or move the ids under 'satisfies'",
  ]);
});

test('fields: in crosswalk.yaml maps a key to a framework or to a field; a target that is neither is refused', async () => {
  const p = await projectOf({
    'crosswalk.yaml': 'fields:\n  tsc_criteria: soc2\n  iso_controls: ISO 27001\n  approver: owner\n  bogus: nothing\n',
    'policies/a.md': pol('approver: CISO\ntsc_criteria: [CC6.1, CC6.99]\niso_controls:\n  - A.5.15\n'),
  });
  assert.deepEqual(brief(p), [
    "crosswalk.yaml:5:10-5:17 error config-invalid: fields: 'bogus: nothing' names neither a field (owner, title, last_reviewed, review_frequency, ...) nor a framework (iso27001, soc2, iso27001-2013)",
    "policies/a.md:6:23-6:29 error unknown-id: unknown SOC 2 id 'CC6.99'; did you mean CC6.8, CC6.7 or CC6.6?",
  ]);
  const e = p.catalogue.file('policies/a.md')!.entities[0]!;
  assert.deepEqual(
    [e.owner?.text, e.mappings.map((m) => [m.key, m.framework, m.ids.map((i) => i.raw)])],
    [
      'CISO',
      [
        ['tsc_criteria', 'soc2', ['CC6.1', 'CC6.99']],
        ['iso_controls', 'iso27001', ['A.5.15']],
      ],
    ],
  );
  assert.deepEqual(
    p.catalogue.mappers('iso27001', 'A.5.15').map((m) => m.entity.id),
    ['POL-1'],
  );
});

test("other tools' header fields: policy_id is the id and owner_group the owner, unless a field of Crosswalk's own name or the document's own kind of id is there", async () => {
  const p = await projectOf({
    'crosswalk.yaml': 'policies: ["policies/*.md", "standards/*.md"]\n',
    'policies/a.md': '---\npolicy_id: ac-001\ntitle: Access Control Policy\nowner_group: "@acme/security"\nlast_reviewed: 2026-10-01\n---\n# Access\n',
    'policies/b.md': '---\npolicy_id: ds-001\nid: POL-DS\ntitle: Data Policy\nowner_group: "@acme/data"\nowner: Data lead\nlast_reviewed: 2026-10-01\n---\n# Data\n',
    'standards/pw.md': '---\nstandard_id: ac-std-001\npolicy_id: ac-001\ntitle: Password Standard\nowner_group: "@acme/security"\nlast_reviewed: 2026-10-01\n---\n# Passwords\n',
  });
  const read = (path: string): unknown => p.catalogue.file(path)!.entities.map((e) => [e.id, e.owner?.text, e.idRange.start.line + 1]);
  assert.deepEqual(read('policies/a.md'), [['ac-001', '@acme/security', 2]]);
  assert.deepEqual(read('policies/b.md'), [['POL-DS', 'Data lead', 3]]);
  assert.deepEqual(read('standards/pw.md'), [['ac-std-001', '@acme/security', 2]]);
  assert.deepEqual(brief(p), []);
});
