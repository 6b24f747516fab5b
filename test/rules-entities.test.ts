// Rules about controls, policies and the catalogue as a whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, brief, projectOf } from './helpers/memory.ts';
import { entityHover } from '../server/core/queries/hover.ts';
import { listItemSpans } from '../server/core/readers/listItemSpans.ts';

const ok = (id: string, extra = ''): string => `id: ${id}\ntitle: Access review\nowner: IT\nfrequency: quarterly\nevidence: [Export]\n${extra}mappings:\n  soc2: [CC6.1]\n  iso27001: [A.5.15]\n`;
const policy = (id: string, extra = ''): string => `---\nid: ${id}\ntitle: Policy ${id}\nowner: CISO\nlast_reviewed: 2026-06-01\n${extra}---\n# ${id}\n`;

test('missing owner, frequency, evidence and mapping are each reported at the id', async () => {
  const p = await projectOf({ 'controls/a.yaml': 'id: C-1\ntitle: Bare control\n' });
  assert.deepEqual(brief(p), [
    "controls/a.yaml:1:5-1:8 warning missing-evidence: control C-1 names no evidence: add 'evidence:' items (id, description, source)",
    "controls/a.yaml:1:5-1:8 warning missing-frequency: control C-1 has no frequency: add 'frequency:' (continuous, daily, weekly, biweekly, monthly, quarterly, semiannual, annual, biennial, on-event)",
    "controls/a.yaml:1:5-1:8 warning missing-mapping: control C-1 is mapped to no framework: add 'mappings:' with the soc2 and iso27001 ids it satisfies",
    "controls/a.yaml:1:5-1:8 warning missing-owner: control C-1 has no owner: add 'owner:' with the role that operates it",
  ]);
});

test('missing-id on a control in a list; an unreadable frequency', async () => {
  const p = await projectOf({
    'controls/a.yaml': `controls:\n  - ${ok('C-1').trimEnd().replace(/\n/g, '\n    ')}\n  - title: No id\n    owner: IT\n    frequency: sometimes\n    evidence: [x]\n    mappings: {soc2: [CC6.1], iso27001: [A.5.15]}\n`,
  });
  assert.deepEqual(brief(p), [
    "controls/a.yaml:10:5-10:5 error missing-id: control 'No id' has no id: add 'id: ...' so controls and policies can refer to it",
    "controls/a.yaml:12:16-12:25 warning missing-frequency: 'sometimes' is not a frequency Crosswalk can read: use one of continuous, daily, weekly, biweekly, monthly, quarterly, semiannual, annual, biennial, on-event, or a phrase such as 'every 90 days'",
  ]);
});

test('duplicate-id is reported at both definitions with the other as related', async () => {
  const p = await projectOf({ 'controls/a.yaml': ok('C-1'), 'controls/b.yaml': ok('C-1') });
  assert.deepEqual(brief(p), [
    'controls/a.yaml:1:5-1:8 error duplicate-id: control id C-1 is also defined at controls/b.yaml:1: give each control its own id',
    'controls/b.yaml:1:5-1:8 error duplicate-id: control id C-1 is also defined at controls/a.yaml:1: give each control its own id',
  ]);
  assert.deepEqual(p.findings('controls/a.yaml')[0]!.related, [
    { path: 'controls/b.yaml', range: { start: { line: 0, character: 4 }, end: { line: 0, character: 7 } }, message: 'control C-1 also defined here' },
  ]);
});

test('unresolved-reference suggests close ids and tells a control from a policy', async () => {
  const p = await projectOf({
    'controls/a.yaml': ok('C-1', 'policies: [POL-CRYPTOG, C-2]\n'),
    'controls/b.yaml': ok('C-2'),
    'policies/crypto.md': policy('POL-CRYPTO'),
  });
  assert.deepEqual(brief(p, 'controls/a.yaml'), [
    "controls/a.yaml:6:12-6:23 error unresolved-reference: 'policies' names policy POL-CRYPTOG, but no policy has the id POL-CRYPTOG; did you mean POL-CRYPTO?",
    "controls/a.yaml:6:25-6:28 error unresolved-reference: 'policies' names policy C-2, but C-2 is a control, not a policy",
  ]);
});

test('a finding in one file appears and disappears with an edit in another', async () => {
  const p = await projectOf({ 'controls/a.yaml': ok('C-1', 'policies: [POL-X]\n'), 'controls/b.yaml': ok('C-2') });
  assert.equal(brief(p, 'controls/a.yaml').length, 1);
  const changed = p.setText('policies/x.md', policy('POL-X'));
  assert.ok(changed.has('controls/a.yaml'));
  assert.deepEqual(brief(p, 'controls/a.yaml'), []);
  p.setText('controls/b.yaml', ok('C-1'));
  assert.equal(brief(p, 'controls/a.yaml')[0], 'controls/a.yaml:1:5-1:8 error duplicate-id: control id C-1 is also defined at controls/b.yaml:1: give each control its own id');
  p.setText('controls/b.yaml', undefined);
  assert.deepEqual(brief(p, 'controls/a.yaml'), []);
});

test('single-framework names the crosswalk counterparts and adds them', async () => {
  const text = 'id: C-1\ntitle: Access\nowner: IT\nfrequency: quarterly\nevidence: [x]\nmappings:\n  soc2: [CC6.2]\n';
  const p = await projectOf({ 'controls/a.yaml': text });
  const [f] = p.findings('controls/a.yaml');
  assert.equal(f!.rule, 'single-framework');
  assert.match(f!.message, /^control C-1 is mapped to SOC 2 only, but ISO 27001 is in scope; the crosswalk pairs CC6\.2 with A\.\d/);
  const fixed = applyEdits(text, f!.fixes![0]!.edits);
  assert.match(fixed, /\n {2}soc2: \[CC6\.2\]\n {2}iso27001: \[A\.[\d., A]+\]\n?$/);
  const again = await projectOf({ 'controls/a.yaml': fixed });
  assert.deepEqual(brief(again), []);
});

test('a control for a management-system clause with no SOC 2 counterpart is fine on ISO alone', async () => {
  const p = await projectOf({ 'controls/a.yaml': 'id: C-1\ntitle: Internal audit\nowner: IT\nfrequency: annual\nevidence: [x]\nmappings:\n  iso27001: ["9.2", "9.3"]\n' });
  assert.deepEqual(brief(p), []);
});

test('YAML syntax errors are reported at the token and stop the file, not the others', async () => {
  const p = await projectOf({ 'controls/a.yaml': 'id: C-1\ntitle: [unclosed\n', 'controls/b.yaml': ok('C-2') });
  const a = brief(p, 'controls/a.yaml');
  assert.equal(a.length, 1);
  assert.match(a[0]!, /^controls\/a\.yaml:\d+:\d+-\d+:\d+ error yaml-syntax: YAML syntax error: /);
  assert.deepEqual(brief(p, 'controls/b.yaml'), []);
});

/** The hover of an entity whose file has a syntax error, referenced once. */
const idOnlyHover = (kind: string, id: string, where: string): string => `**${id}** · ${kind}\n\nOnly the id could be read: its file has a YAML syntax error.\n\nDefined in ${where} · referenced by 1`;

test('a file with a syntax error still declares the ids written before the error: no cascade in other files', async () => {
  const p = await projectOf({
    'controls/a.yaml': 'id: C-1\ntitle: [unclosed\nowner: IT\n',
    'controls/b.yaml': `controls:\n  - ${ok('C-2').trimEnd().replace(/\n/g, '\n    ')}\n  - id: C-3\n    title: "broken\n`,
    'controls/c.yaml': 'title: [x\nid: C-4\n',
    'controls/d.yaml': ok('C-2'),
    'policies/a.md': policy('POL-A', 'controls: [C-1, C-2, C-3, C-4]\n'),
    'policies/b.md': '---\nid: POL-B\ntitle: [B\n---\n# B\n',
    'controls/e.yaml': ok('C-5', 'policies: [POL-B]\n'),
  });
  assert.deepEqual(brief(p), [
    'controls/a.yaml:3:1-3:2 error yaml-syntax: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    'controls/b.yaml:2:9-2:12 error duplicate-id: control id C-2 is also defined at controls/d.yaml:1: give each control its own id',
    'controls/b.yaml:12:1-12:1 error yaml-syntax: YAML syntax error: Missing closing "quote',
    // After the first error, the composer may have misread the text: C-4 is not taken as declared.
    'controls/c.yaml:2:1-2:2 error yaml-syntax: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    'controls/d.yaml:1:5-1:8 error duplicate-id: control id C-2 is also defined at controls/b.yaml:2: give each control its own id',
    "policies/a.md:6:27-6:30 error unresolved-reference: 'controls' names control C-4, but no control has the id C-4; did you mean C-1, C-2 or C-3?",
    'policies/b.md:4:1-4:2 error yaml-syntax: front matter YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ]);
  // Only the id was read: hovers say so, and the partial entities count nowhere else.
  assert.equal(entityHover(p, 'control', 'C-1'), idOnlyHover('control', 'C-1', 'controls/a.yaml:1'));
  assert.equal(entityHover(p, 'policy', 'POL-B'), idOnlyHover('policy', 'POL-B', 'policies/b.md:2'));
  // Broken again further up, the id goes; fixed, the file is read in full again.
  p.setText('controls/a.yaml', 'id: [C-1\n');
  assert.match(brief(p, 'policies/a.md')[0]!, /unresolved-reference: 'controls' names control C-1, but no control has the id C-1/);
  p.setText('controls/a.yaml', ok('C-1'));
  assert.deepEqual(brief(p, 'controls/a.yaml'), []);
  assert.equal(brief(p, 'policies/a.md').length, 1);
});

test('in a list of controls, a syntax error in one control leaves the others read in full', async () => {
  const item = (text: string): string => `  - ${text.trimEnd().replace(/\n/g, '\n    ')}\n`;
  const typing = 'id: C-2\ntitle: Being typed\nmappings:\n  soc2: [CC6.1';
  const file = `controls:\n${item(ok('C-1').replace('CC6.1', 'CC9.9'))}${item(typing)}${item('id: C-3\ntitle: No owner yet')}`;
  const p = await projectOf({
    'controls/a.yaml': file,
    'policies/a.md': policy('POL-A', 'controls: [C-1, C-2, C-3]\n'),
  });
  // The unclosed list swallows C-3 for the parser, which reports its errors there; C-1 and C-3 keep their findings,
  // C-2 keeps its id, and the policy's references all hold.
  assert.deepEqual(brief(p), [
    "controls/a.yaml:8:14-8:19 error unknown-id: unknown SOC 2 id 'CC9.9'; did you mean CC9.2, CC9.1 or CC6.8?",
    'controls/a.yaml:14:3-14:4 error yaml-syntax: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    'controls/a.yaml:14:9-14:10 error yaml-syntax: YAML syntax error: Nested mappings are not allowed in compact mappings',
    "controls/a.yaml:14:9-14:12 warning missing-evidence: control C-3 names no evidence: add 'evidence:' items (id, description, source)",
    "controls/a.yaml:14:9-14:12 warning missing-frequency: control C-3 has no frequency: add 'frequency:' (continuous, daily, weekly, biweekly, monthly, quarterly, semiannual, annual, biennial, on-event)",
    "controls/a.yaml:14:9-14:12 warning missing-mapping: control C-3 is mapped to no framework: add 'mappings:' with the soc2 and iso27001 ids it satisfies",
    "controls/a.yaml:14:9-14:12 warning missing-owner: control C-3 has no owner: add 'owner:' with the role that operates it",
    'controls/a.yaml:14:9-15:10 error yaml-syntax: YAML syntax error: Implicit keys need to be on a single line',
  ]);
  assert.equal(entityHover(p, 'control', 'C-2'), idOnlyHover('control', 'C-2', 'controls/a.yaml:10'));
  assert.equal(entityHover(p, 'control', 'C-3'), '**C-3** · control · No owner yet\n\nNo owner\n\nDefined in controls/a.yaml:14 · referenced by 1');
  // Closed, the file is read whole again, with the same ranges.
  p.setText('controls/a.yaml', file.replace('[CC6.1', '[CC6.1]'));
  assert.deepEqual(
    brief(p, 'controls/a.yaml').map((f) => f.split(': ')[0]),
    [
      'controls/a.yaml:8:14-8:19 error unknown-id',
      'controls/a.yaml:10:9-10:12 warning missing-evidence',
      'controls/a.yaml:10:9-10:12 warning missing-frequency',
      'controls/a.yaml:10:9-10:12 warning missing-owner',
      'controls/a.yaml:10:9-10:12 warning single-framework',
      'controls/a.yaml:14:9-14:12 warning missing-evidence',
      'controls/a.yaml:14:9-14:12 warning missing-frequency',
      'controls/a.yaml:14:9-14:12 warning missing-mapping',
      'controls/a.yaml:14:9-14:12 warning missing-owner',
    ],
  );
});

test('the items of a list of controls are found from the lines alone', () => {
  const items = (text: string): string[] | undefined => listItemSpans(text)?.map((s) => text.slice(s.start, s.end));
  // Under `controls:`, indented; a comment and a misindented line stay with their item; the next root key ends the list.
  assert.deepEqual(items('version: 1\ncontrols:\n  # first\n  - id: A\n  tit\n\n  - id: B\n    title: [x\n  -\nowner: X\n'), ['  - id: A\n  tit\n\n', '  - id: B\n    title: [x\n', '  -\n']);
  // Items at the key's own column; CRLF line ends.
  assert.deepEqual(items('controls:\r\n- id: A\r\n- id: B\r\nnext: 1\r\n'), ['- id: A\r\n', '- id: B\r\n']);
  // A root list, after a document marker; `-x` is text, not an item.
  assert.deepEqual(items('---\n- id: A\n-x\n- id: B'), ['- id: A\n-x\n', '- id: B']);
  // No list: one control, `controls:` not followed by items, an indented root list.
  assert.equal(items('id: A\ntitle: [x\n'), undefined);
  assert.equal(items('controls: [A, B\n'), undefined);
  assert.equal(items('  - id: A\n'), undefined);
});

test('git conflict markers are named as such', async () => {
  const p = await projectOf({ 'controls/a.yaml': `${ok('C-1')}<<<<<<< HEAD\nowner: A\n=======\nowner: B\n>>>>>>> branch\n` });
  assert.deepEqual(
    brief(p).map((l) => l.split(' error ')[0]),
    ['controls/a.yaml:9:1-9:8', 'controls/a.yaml:11:1-11:8', 'controls/a.yaml:13:1-13:8'],
  );
  assert.match(brief(p)[0]!, /merge-conflict: unresolved git merge conflict marker/);
});

test('policy front matter: unclosed, not a mapping, missing, and a typo in a field name', async () => {
  const p = await projectOf({
    'policies/a.md': '---\nid: POL-A\ntitle: A\n',
    'policies/b.md': '---\n- just\n- a list\n---\nbody\n',
    'policies/c.md': '# No front matter here\n',
    'policies/d.md': policy('POL-D', 'ownr: someone\n'),
  });
  assert.deepEqual(brief(p), [
    "policies/a.md:1:1-1:4 error yaml-syntax: front matter is never closed: add a '---' line after the last field",
    'policies/b.md:2:1-4:1 error invalid-field: front matter must be a mapping of fields (id, title, owner, ...), found a list',
    "policies/c.md:1:1-1:23 warning missing-front-matter: no front matter: start it with a '---' block holding id, title, owner and review_frequency, as the other documents here do, or exclude the file with 'ignore' in crosswalk.yaml",
    "policies/d.md:6:1-6:5 warning unknown-field: unknown policy field 'ownr': did you mean 'owner'?",
  ]);
});

test('unknown-field: the header fields of pandoc, R Markdown and site generators are not typos', async () => {
  const header =
    'subtitle: Version two\nauthor: Security team\ndate: 2026-06-01\noutput: pdf_document\nheader-includes: \\usepackage{lmodern}\nkeywords: [access]\nabstract: How access is granted.\nlang: en-GB\ntoc: true\ngeometry: margin=2cm\ndocumentclass: article\npermalink: /policies/a/\nweight: 10\ndraft: false\nslug: access\naliases: [/access/]\nApproved_By: CEO\nteam: Platform\n';
  const p = await projectOf({ 'policies/a.md': policy('POL-A', header) });
  assert.deepEqual(brief(p), []);
});

test('unknown-field: a hint only for a plausible typo of a field of the same kind', async () => {
  const p = await projectOf({
    'policies/a.md': policy('POL-A', 'onwer: CISO\nscpoe: [Production]\nnmae: Access\nrevew: annual\n'),
    'controls/c.yaml': ok('C-1', 'mapings: {}\nfrequncy: weekly\nTitle: Access\nevidence_list: [x]\nevidence2: [y]\n').replace(
      'evidence: [Export]\n',
      'evidence:\n  - id: E-1\n    sorce: Okta\n    date: 2026-01-01\n',
    ),
  });
  assert.deepEqual(brief(p), [
    "controls/c.yaml:7:5-7:10 warning unknown-field: unknown evidence field 'sorce': did you mean 'source'?",
    "controls/c.yaml:9:1-9:8 warning unknown-field: unknown control field 'mapings': did you mean 'mappings'?",
    "controls/c.yaml:10:1-10:9 warning unknown-field: unknown control field 'frequncy': did you mean 'frequency'?",
    "controls/c.yaml:11:1-11:6 warning unknown-field: unknown control field 'Title': did you mean 'title'?",
    "controls/c.yaml:13:1-13:10 warning unknown-field: unknown control field 'evidence2': did you mean 'evidence'?",
    "policies/a.md:6:1-6:6 warning unknown-field: unknown policy field 'onwer': did you mean 'owner'?",
    "policies/a.md:7:1-7:6 warning unknown-field: unknown policy field 'scpoe': did you mean 'scope'?",
    "policies/a.md:8:1-8:5 warning unknown-field: unknown policy field 'nmae': did you mean 'name'?",
    "policies/a.md:9:1-9:6 warning unknown-field: unknown policy field 'revew': did you mean 'review'?",
  ]);
});

test('strongdm/comply policies are read as they are (BOM, acronym, TSC, majorRevisions)', async () => {
  const comply =
    '\uFEFF---\nname: Access Onboarding and Termination Policy\nacronym: AOTP\nsatisfies:\n  TSC:\n    - CC6.1\n    - CC6.2\nmajorRevisions:\n  - date: Jun 1 2026\n    comment: Initial document\n---\n# {{.Name}}\n\nSee CC6.1.\n';
  const p = await projectOf({ 'policies/aotp.md': comply });
  assert.deepEqual(brief(p), []);
  const e = p.catalogue.file('policies/aotp.md')!.entities[0]!;
  assert.deepEqual([e.id, e.title?.text, e.lastReviewed?.text, e.style], ['AOTP', 'Access Onboarding and Termination Policy', '2026-06-01', 'comply']);
  assert.deepEqual(
    e.mappings[0]!.ids.map((r) => r.range.start),
    [
      { line: 5, character: 6 },
      { line: 6, character: 6 },
    ],
  );
});

test('invalid-date rejects impossible dates', async () => {
  const p = await projectOf({ 'policies/a.md': policy('POL-A').replace('2026-06-01', '2026-02-30') });
  assert.deepEqual(brief(p), ["policies/a.md:5:16-5:26 error invalid-date: '2026-02-30' is not a date: write last_reviewed as YYYY-MM-DD"]);
});

test('deleting the file that defines a referenced policy brings the reference error back', async () => {
  const p = await projectOf({ 'controls/a.yaml': ok('C-1', 'policies: [POL-X]\n') });
  const unresolved = ["controls/a.yaml:6:12-6:17 error unresolved-reference: 'policies' names policy POL-X, but no policy has the id POL-X"];
  assert.deepEqual(brief(p), unresolved);
  assert.deepEqual([...p.setText('policies/x.md', policy('POL-X'))].sort(), ['controls/a.yaml', 'policies/x.md']);
  assert.deepEqual(brief(p), []);
  p.setText('policies/x.md', undefined);
  assert.deepEqual(brief(p), unresolved);
});

test('duplicate-id: translations of one policy share its id under different lang; the same lang twice is a duplicate', async () => {
  const doc = (lang: string): string => `---\nid: POL-1\ntitle: Policy ${lang}\nowner: CISO\nlast_reviewed: 2026-06-01\nlang: ${lang}\n---\n# ${lang}\n`;
  const p = await projectOf({ 'policies/en.md': doc('en'), 'policies/de.md': doc('de'), 'policies/de-copy.md': doc('DE') });
  assert.deepEqual(brief(p), [
    'policies/de-copy.md:2:5-2:10 error duplicate-id: policy id POL-1 is also defined at policies/de.md:2: give each policy its own id',
    'policies/de.md:2:5-2:10 error duplicate-id: policy id POL-1 is also defined at policies/de-copy.md:2: give each policy its own id',
  ]);
});
