// JupiterOne policy templates (test/fixtures/jupiterone), read with no
// crosswalk.yaml as a new user would: the layout detected, procedures named by
// file, and standards/*.json mappings counted for the documents they name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { detectLayout, documentListPath } from '../server/core/knowledge/config/detect.ts';
import { brief, projectOf } from './helpers/memory.ts';
import { targetAt } from '../server/core/queries/target.ts';
import { RenameError, renameEdits } from '../server/core/queries/navigation.ts';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');
const FIXTURE = nodePath.resolve(import.meta.dirname, 'fixtures/jupiterone');

function run(args: string[], dir = FIXTURE): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args, dir, ...(args[0] === 'init' ? [] : ['--today', '2026-11-24'])], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const SUMMARY = 'crosswalk: no crosswalk.yaml; read the JupiterOne policy templates in templates/ (policies, procedures, standards)\n';

test('config.json beside policies/, procedures/ and standards/ with .md.tmpl documents is a JupiterOne layout', () => {
  const listing = ['templates/config.json', 'templates/policies/access.md.tmpl', 'templates/procedures/cp-a.md.tmpl', 'templates/standards/controls-mapping.json'];
  assert.deepEqual(detectLayout(listing).layout, { kind: 'jupiterone', root: 'templates', summary: 'JupiterOne policy templates in templates/ (policies, procedures, standards)' });
  // Without config.json, or without templates, it is the plain layout it always was.
  assert.equal(detectLayout(listing.slice(1)).layout?.kind, 'plain');
  assert.equal(detectLayout(listing.map((p) => p.replace('.md.tmpl', '.md'))).layout?.kind, 'plain');
});

test('with layout: jupiterone in crosswalk.yaml, config.json is the one beside the folder the first policies glob starts in', () => {
  assert.equal(documentListPath(['templates/policies/*.md.tmpl', 'templates/ref/*.md.tmpl']), 'templates/config.json');
  assert.equal(documentListPath(['policies/**/*.md']), 'config.json');
  assert.equal(documentListPath(['docs/psp/policies/access.md.tmpl']), 'docs/psp/config.json');
});

test('check reports mapping entries naming no document and unknown ids, at their place in the JSON', () => {
  const r = run(['check']);
  assert.equal(r.stderr, SUMMARY);
  assert.equal(r.code, 1);
  // cp-reviews is listed in three mapping files and defined once: no duplicate-id. Placeholders and
  // links to rendered names (cp-signin.md) make no findings; CSA CCM's cp-nothing is not read.
  // cp-notices and ref-privacy-statement open with the same heading, but config.json names them apart.
  assert.equal(
    r.stdout,
    [
      "templates/standards/controls-mapping.json:6:72: error unknown-id: unknown ISO 27001:2013 id '9.4.9'; did you mean 9.4.5, 9.4.4 or 9.4.3?",
      "templates/standards/controls-mapping.json:15:14: error unresolved-reference: 'id' names document cp-reveiws, but no document has the id cp-reveiws; did you mean cp-reviews?",
      "templates/standards/soc2/soc2-security.json:13:36: error unknown-id: unknown SOC 2 id 'CC6.9'; did you mean CC6.8, CC6.7 or CC6.6?",
      '3 errors in 2 of 10 files',
      '',
    ].join('\n'),
  );
});

test('coverage counts each mapping for the document it names, with the mapping file place', () => {
  const text = run(['coverage']);
  assert.equal(text.stderr, SUMMARY);
  const lines = text.stdout.split('\n');
  assert.equal(lines[0], 'SOC 2: 2 of 33 applicable requirements covered (6.1%); 28 out of scope');
  assert.equal(lines[8], 'ISO 27001: 3 of 123 applicable requirements covered (2.4%)');
  assert.ok(lines.includes('Not counted: requirement ids mapped under standards Crosswalk does not bundle: NIST CSF (2), CSA CCM (1), PCI DSS (1)'), text.stdout);
  const report = JSON.parse(run(['coverage', '--format', 'json']).stdout) as {
    frameworks: Array<{ framework: string; groups: Array<{ requirements: Array<{ id: string; status: string; policies: Array<{ id: string; path: string; line: number }> }> }> }>;
  };
  const covered = report.frameworks.flatMap((f) =>
    f.groups.flatMap((g) => g.requirements.filter((r) => r.status === 'covered').map((r) => `${f.framework} ${r.id}: ${r.policies.map((p) => `${p.id} ${p.path}:${p.line}`).join(', ')}`)),
  );
  assert.deepEqual(covered, [
    'soc2 CC6.1: cp-reviews templates/standards/soc2/soc2-security.json:9, cp-signin templates/standards/soc2/soc2-security.json:8',
    'soc2 CC6.2: cp-reviews templates/standards/controls-mapping.json:11',
    'iso27001 A.5.15: access templates/standards/iso-iec-27001-2022.json:9',
    'iso27001 A.5.18: cp-reviews templates/standards/iso-iec-27001-2022.json:8, cp-signin templates/standards/iso-iec-27001-2022.json:8',
    // ISO/IEC 27002:2013 9.4.2 is 2013's A.9.4.2, counted for its 2022 successor.
    'iso27001 A.8.5: cp-signin templates/standards/controls-mapping.json:4',
  ]);
});

test('crosswalk init writes the layout down, and the catalogue reads the same from it', () => {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-jupiterone-'));
  try {
    cpSync(FIXTURE, dir, { recursive: true });
    assert.equal(run(['init'], dir).code, 0);
    const written = readFileSync(nodePath.join(dir, 'crosswalk.yaml'), 'utf8');
    assert.ok(written.includes('\nlayout: jupiterone\n'), written);
    assert.ok(written.includes('\nmappings: ["templates/standards/**/*.json"]\n'), written);
    const before = run(['check']).stdout.split('\n');
    const after = run(['check'], dir);
    assert.equal(after.stderr, '');
    // The same findings; crosswalk.yaml is one more file.
    assert.deepEqual(after.stdout.split('\n'), [...before.slice(0, 3), '3 errors in 2 of 11 files', '']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A JupiterOne layout in memory: config.json, a policy, the mapping files and the documents given. */
const templates = (files: Record<string, string>): Record<string, string> => ({
  'templates/config.json': '{"organization": {"companyShortName": ""}}\n',
  'templates/policies/people.md.tmpl': '# People\n\nEveryone at {{companyShortName}} knows the rules.\n',
  'templates/standards/controls-mapping.json': '{"procedures": []}\n',
  ...files,
});

test('a mapping entry naming no document suggests ids of the same words reordered, or one word more or fewer', async () => {
  const mapped = ['cp-staff-discipline', 'cp-access-review', 'cp-vendor-review', 'cp-payroll-export'].map((id) => `"${id}"`).join(', ');
  const p = await projectOf(
    templates({
      'templates/procedures/cp-review-access.md.tmpl': '### Reviewing access\n\nOwners confirm who keeps access.\n',
      'templates/procedures/cp-discipline.md.tmpl': '### Discipline\n\nBreaking the rules has consequences.\n',
      'templates/procedures/cp-vendor-risk-review.md.tmpl': '### Supplier checks\n\nSuppliers are vetted.\n',
      'templates/standards/iso-iec-27001-2022.json': `{\n  "standard": "ISO/IEC 27001:2022",\n  "domains": [{"title": "People", "controls": [\n    {"ref": "A.6.4", "mappedControls": [${mapped}]}\n  ]}]\n}\n`,
    }),
  );
  assert.deepEqual(brief(p), [
    "templates/standards/iso-iec-27001-2022.json:4:42-4:61 error unresolved-reference: 'mappedControls' names document cp-staff-discipline, but no document has the id cp-staff-discipline; did you mean cp-discipline?",
    "templates/standards/iso-iec-27001-2022.json:4:65-4:81 error unresolved-reference: 'mappedControls' names document cp-access-review, but no document has the id cp-access-review; did you mean cp-review-access?",
    "templates/standards/iso-iec-27001-2022.json:4:85-4:101 error unresolved-reference: 'mappedControls' names document cp-vendor-review, but no document has the id cp-vendor-review; did you mean cp-vendor-risk-review?",
    "templates/standards/iso-iec-27001-2022.json:4:105-4:122 error unresolved-reference: 'mappedControls' names document cp-payroll-export, but no document has the id cp-payroll-export",
  ]);
  const fix = p.findings('templates/standards/iso-iec-27001-2022.json')[1]!.fixes![0]!;
  assert.deepEqual([fix.title, fix.edits[0]!.newText], ['Replace with cp-review-access', 'cp-review-access']);
});

const LISTED = JSON.stringify(
  {
    organization: { companyShortName: '' },
    policies: [{ id: 'people', file: 'policies/people.md', name: 'People and Conduct' }],
    procedures: [
      { id: 'cp-notices', file: 'procedures/cp-notices.md', name: 'Customer Notices' },
      { id: 'cp-retention', file: 'procedures/cp-retention.md', name: 'Record Retention' },
    ],
    references: [{ id: 'ref-privacy-statement', file: 'ref/privacy-statement.md', name: 'Privacy Statement' }],
  },
  null,
  2,
);

test("config.json's names are the documents' titles, at their first heading or first line; a document it does not list keeps its heading", async () => {
  const p = await projectOf(
    templates({
      'templates/config.json': LISTED,
      'templates/policies/people.md.tmpl': '# People\n\nCustomers are told of the Customer Notices Policy.\n',
      'templates/procedures/cp-notices.md.tmpl': '### Privacy Statement\n\nThe statement is published at {{privacyURL}}.\n',
      'templates/procedures/cp-retention.md.tmpl': 'Records are kept for seven years.\n',
      'templates/procedures/cp-cookies.md.tmpl': '#### Privacy Statement\n\nCookies are listed in the statement.\n',
      'templates/ref/privacy-statement.md.tmpl': '## Privacy Statement\n\n{{companyShortName}} keeps only the data it needs.\n',
    }),
  );
  const titles = p.catalogue.paths().flatMap((path) => p.catalogue.file(path)!.entities.map((e) => `${e.id}: ${e.title?.text} ${brief1(e.title?.range)}`));
  assert.deepEqual(titles, [
    'people: People and Conduct 1:3-1:9',
    'cp-cookies: Privacy Statement 1:6-1:23',
    'cp-notices: Customer Notices 1:5-1:22',
    'cp-retention: Record Retention 1:1-1:34',
    'ref-privacy-statement: Privacy Statement 1:4-1:21',
  ]);
  // The procedure config.json does not list is still titled by its heading: the same title as the reference.
  assert.deepEqual(brief(p), [
    'templates/procedures/cp-cookies.md.tmpl:1:6-1:23 warning duplicate-policy: procedure cp-cookies has the same title as ref-privacy-statement (templates/ref/privacy-statement.md.tmpl): two documents in force for the same thing; merge ref-privacy-statement into this procedure and retire it',
    'templates/ref/privacy-statement.md.tmpl:1:4-1:21 warning duplicate-policy: policy ref-privacy-statement has the same title as cp-cookies (templates/procedures/cp-cookies.md.tmpl): two documents in force for the same thing; merge this policy into cp-cookies and retire it',
  ]);
  // A listed title is written in config.json, not at the heading: a rename says so rather than edit the heading.
  const citing = targetAt(p.catalogue.file('templates/policies/people.md.tmpl')!, { line: 2, character: 30 })!;
  assert.equal(citing.kind, 'citation');
  assert.throws(() => renameEdits(p, citing, 'Customer Messages'), new RenameError('this title is the name cp-notices is listed under in config.json: rename it there'));
});

function brief1(r: { start: { line: number; character: number }; end: { line: number; character: number } } | undefined): string {
  return r ? `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}` : '-';
}

test('a config.json that is not JSON, or not of its shape, is reported at its line; the documents keep their headings', async () => {
  const docs = { 'templates/procedures/cp-notices.md.tmpl': '### Privacy Statement\n\nPublished at {{privacyURL}}.\n' };
  const cases: Array<[string, string[]]> = [
    [
      '{\n  "procedures": [\n',
      [
        'templates/config.json:3:1-3:1 error yaml-syntax: JSON syntax error: Flow map must end with a }',
        'templates/config.json:3:1-3:1 error yaml-syntax: JSON syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    ],
    ['{\n  procedures: []\n}\n', ['templates/config.json:2:3-2:4 error yaml-syntax: not JSON, which the policy builder reads: keys and text in double quotes, no comments, no trailing commas']],
    // Valid JSON with a key given twice: the builder's JSON.parse keeps the last, and so does Crosswalk.
    ['{"procedures": [{"id": "cp-notices", "name": "Customer Notices"}], "procedures": []}\n', []],
    ['[]\n', ["templates/config.json:1:1-1:3 error invalid-field: config.json must be an object with the lists 'policies', 'procedures' and 'references'; found an array"]],
    [
      '{\n  "procedures": {"id": "cp-notices"},\n  "policies": [1, {"name": "No id"}, {"id": 7}, {"id": "people", "name": ["People"]}]\n}\n',
      [
        'templates/config.json:2:17-2:37 error invalid-field: \'procedures\' must be a list of documents ({"id": ..., "name": ...}); found an object',
        'templates/config.json:3:16-3:17 error invalid-field: an item of \'policies\' must be a document ({"id": ..., "name": ...}); found the number 1',
        "templates/config.json:3:19-3:20 error invalid-field: this item of 'policies' has no 'id'",
        "templates/config.json:3:45-3:46 error invalid-field: a document's 'id' must be text; found the number 7",
        "templates/config.json:3:74-3:84 error invalid-field: the 'name' of people must be text; found an array",
      ],
    ],
  ];
  for (const [text, expected] of cases) {
    const p = await projectOf(templates({ ...docs, 'templates/config.json': text }));
    assert.deepEqual(brief(p), expected, text);
    assert.equal(p.catalogue.file('templates/procedures/cp-notices.md.tmpl')!.entities[0]!.title?.text, 'Privacy Statement');
  }
});
