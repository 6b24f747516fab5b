// Template sets (*.md.tmpl, Mustache and Go template text, placeholders,
// "never reviewed") and JSON control catalogues.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, projectOf } from './helpers/memory.ts';

test('templates: *.md.tmpl is read, placeholders are values, an empty or null last_reviewed means never reviewed', async () => {
  const p = await projectOf({
    'policies/access.md.tmpl':
      '---\nid: POL-{{code}}\ntitle: "{{companyName}} Access Policy"\nowner: "{{owner_name}}"\nlast_reviewed: null\nreview_frequency: annual\nmappings:\n  soc2: [CC6.1]\n  iso27001: [A.5.15]\n---\n# {{.Name}} access\n\n{{#remote}}Remote staff use the VPN (CC6.6, CC6.66).{{/remote}}\n',
    'policies/b.md': '---\nid: POL-2\ntitle: Backup\nowner: "{{ .Owner }}"\nlast_reviewed:\nversion: "{{version}}"\nmappings:\n  soc2: [A1.2]\n  iso27001: [A.8.13]\n---\n# Backup\n',
    'policies/c.md': '---\nid: POL-3\ntitle: Logging\nowner: IT\nlast_reviewed: "{{review_date}}"\nmappings:\n  soc2: [CC7.2]\n  iso27001: [A.8.15]\n---\n# Logging\n',
  });
  assert.deepEqual(brief(p), [
    "policies/access.md.tmpl:2:5-2:17 info stale-review: policy POL-{{code}} records no review: add 'last_reviewed: YYYY-MM-DD'",
    "policies/access.md.tmpl:13:38-13:43 info cited-only: CC6.6 (Logical security measures against threats from outside system boundaries) is cited here, but no control or policy maps it: coverage counts it as a gap; if this policy meets it, add it to the policy's mappings",
    "policies/access.md.tmpl:13:45-13:51 error unknown-id: unknown SOC 2 id 'CC6.66'; did you mean CC6.6, CC6.8 or CC6.7?",
    "policies/b.md:2:5-2:10 info stale-review: policy POL-2 records no review: add 'last_reviewed: YYYY-MM-DD'",
  ]);
});

test('JSON control catalogues are read with the fields of YAML ones; a JSON syntax error says JSON', async () => {
  const p = await projectOf({
    'controls/a.json':
      '{"controls": [{"id": "C-1", "title": "Access review", "owner": "IT", "frequency": "quarterly", "evidence": ["export"], "mappings": {"soc2": ["CC6.1", "CC6.77"], "iso27001": ["A.5.15"]}}]}\n',
    'controls/b.json': '{"id": "C-2", "title": "x",\n',
  });
  assert.deepEqual(brief(p), [
    "controls/a.json:1:151-1:159 error unknown-id: unknown SOC 2 id 'CC6.77'; did you mean CC6.7, CC6.8 or CC6.6?",
    'controls/b.json:2:1-2:1 error yaml-syntax: JSON syntax error: Flow map must end with a }',
  ]);
  assert.deepEqual(
    p.catalogue.mappers('soc2', 'CC6.1').map((m) => m.entity.id),
    ['C-1'],
  );
});
