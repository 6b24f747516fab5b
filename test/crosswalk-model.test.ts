// The crosswalk's relationship model as the product uses it: hover, readiness,
// quick fixes and gap notes, and the reader's errors for a team's own pairs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, brief, projectOf } from './helpers/memory.ts';
import { frameworkIdHover } from '../server/core/queries/hover.ts';
import { computeReadiness } from '../server/core/queries/readiness.ts';
import { computeCoverage } from '../server/core/queries/coverage.ts';
import { coverageText } from '../server/format/coverageFormats.ts';
import { readinessMarkdown } from '../server/format/readinessText.ts';
import { loadCrosswalk } from '../server/core/knowledge/frameworks/load.ts';
import { FrameworkDataError } from '../server/core/knowledge/frameworks/model.ts';

const control = (id: string, mappings: string): string => `id: ${id}\ntitle: ${id}\nowner: IT\nfrequency: annual\nevidence: [x]\nmappings:\n${mappings}`;

test('hover names each counterpart with how it relates, its strength, its status and why', async () => {
  const p = await projectOf({ 'controls/a.yaml': control('IR-1', '  soc2: [CC7.3]\n  iso27001: [A.5.24]\n') });
  const text = frameworkIdHover(p, { kind: 'valid', framework: 'iso27001', id: 'A.5.25', canonical: true })!;
  const block = text.split('\n\n').find((part) => part.startsWith('**Crosswalk → SOC 2:**'));
  assert.equal(
    block,
    [
      '**Crosswalk → SOC 2:**',
      '- `CC7.3` is broader · strong · covered — *Evaluating security events to decide whether they are incidents*: Deciding whether security events are incidents is A.5.25; the criterion also requires acting on the result.',
      '- Partial: 1 — `CC7.4` Responding to security incidents under a defined response program',
    ].join('\n'),
  );
  // From the other end the same pair reads the other way round.
  const fromSoc2 = frameworkIdHover(p, { kind: 'valid', framework: 'soc2', id: 'CC7.3', canonical: true })!;
  assert.match(fromSoc2, /\n- `A\.5\.25` is narrower · strong · gap — \*Assessment and decision on information security events\*: /);
  // A partial pair is folded however it relates, net-new ones included.
  const clause = frameworkIdHover(p, { kind: 'valid', framework: 'iso27001', id: '6.3', canonical: true })!;
  assert.match(clause, /\n\*\*Crosswalk → SOC 2:\*\*\n- Partial: 1 — `CC3\.4` Identification and assessment of significant changes$/);
});

test('hover lists strong counterparts in full and folds the partial ones to a count with the first three titles', async () => {
  const p = await projectOf({ 'controls/a.yaml': control('AC-1', '  soc2: [CC6.1]\n  iso27001: [A.5.15]\n') });
  const text = frameworkIdHover(p, { kind: 'valid', framework: 'soc2', id: 'CC6.1', canonical: true })!;
  const block = text.split('\n\n').find((part) => part.startsWith('**Crosswalk → ISO 27001:**'))!;
  assert.deepEqual(
    block.split('\n').map((l) => l.split(' — ')[0]),
    [
      '**Crosswalk → ISO 27001:**',
      '- `A.5.15` overlaps · strong · covered',
      '- `A.5.16` overlaps · strong · gap',
      '- `A.5.17` overlaps · strong · gap',
      '- `A.8.3` overlaps · strong · gap',
      '- `A.8.5` overlaps · strong · gap',
      '- `A.8.24` overlaps · strong · gap',
      '- Partial: 8',
    ],
  );
  assert.equal(block.split('\n').at(-1), '- Partial: 8 — `A.5.9` Inventory of information and other associated assets, `A.5.18` Access rights, `A.6.7` Remote working and 5 more');
});

test('hover on a requirement declared without counterpart gives the note', async () => {
  const p = await projectOf({});
  const text = frameworkIdHover(p, { kind: 'valid', framework: 'iso27001', id: 'A.5.32', canonical: true })!;
  assert.match(
    text,
    /\n\n\*\*No SOC 2 counterpart:\*\* No criterion or point of focus concerns intellectual property or software licensing; pairs through multi-purpose policies do not show it is met\.$/,
  );
  assert.match(text, /^\*\*[^\n]+\n\n\*\*In this repository:\*\* gap: nothing in this repository covers it\n/);
});

test('readiness: strong pairs that are not net-new are likely met; net-new pairs leave the ISMS work net-new', async () => {
  const p = await projectOf({ 'controls/a.yaml': control('GOV-1', '  soc2: [CC1.4, CC3.4, CC4.1, CC2.3]\n') });
  const d = computeReadiness(p).directions.find((x) => x.pursued.framework === 'iso27001')!;
  const item = (id: string): { cls: string; via: string[] } => {
    const i = d.items.find((x) => x.id === id)!;
    return { cls: i.cls, via: i.via.map((v) => `${v.id} ${v.relationship} ${v.strength}${v.netNew ? ' net-new' : ''}`) };
  };
  assert.deepEqual(item('7.2'), { cls: 'crosswalk', via: ['CC1.4 overlapping strong'] });
  assert.deepEqual(item('7.4'), { cls: 'crosswalk', via: ['CC2.3 overlapping strong'] });
  assert.deepEqual(item('A.5.5'), { cls: 'partial', via: ['CC2.3 overlapping partial'] });
  assert.deepEqual(item('9.2.1'), { cls: 'net-new', via: ['CC4.1 overlapping partial net-new'] });
  assert.deepEqual(item('6.3'), { cls: 'net-new', via: ['CC3.4 overlapping partial net-new'] });
  assert.deepEqual(item('4.3'), { cls: 'net-new', via: [] });
  assert.deepEqual(d.counts, { mapped: 0, crosswalk: 5, partial: 12, 'net-new': 25, gap: 81 });
});

test('single-framework offers strong counterparts first, then strong and partial ones for review, never net-new ones', async () => {
  const text = control('COM-1', '  soc2: [CC2.3]\n');
  const p = await projectOf({ 'controls/a.yaml': text });
  const [f] = p.findings('controls/a.yaml');
  assert.equal(f!.message, 'control COM-1 is mapped to SOC 2 only, but ISO 27001 is in scope; the crosswalk pairs CC2.3 with 7.4');
  assert.deepEqual(
    f!.fixes!.map((x) => x.title),
    ['Add ISO 27001 strong counterparts: 7.4', 'Add ISO 27001 strong and partial counterparts (review each): 7.4, A.5.5, A.5.6, A.5.20, A.6.8'],
  );
  assert.equal(applyEdits(text, f!.fixes![0]!.edits), `${text}  iso27001: ["7.4"]\n`);
  const partialOnly = await projectOf({
    'controls/a.yaml': control('PI-1', '  soc2: [PI1.2]\n'),
    'crosswalk.yaml': 'frameworks:\n  soc2:\n    categories: [security, processing-integrity]\n  iso27001: {}\n',
  });
  assert.deepEqual(
    brief(partialOnly, 'controls/a.yaml').map((l) => l.replace(/^\S+ /, '')),
    ['warning single-framework: control PI-1 is mapped to SOC 2 only, but ISO 27001 is in scope; the crosswalk pairs PI1.2 with A.8.26 (partial matches only)'],
  );
  assert.deepEqual(
    partialOnly.findings('controls/a.yaml')[0]!.fixes!.map((x) => x.title),
    ['Add ISO 27001 partial counterparts (review each): A.8.26'],
  );
  // CC4.1's pair to 9.2 is net-new: an internal audit programme is not offered to a monitoring control.
  const monitoring = await projectOf({ 'controls/a.yaml': control('MON-1', '  soc2: [CC4.1]\n') });
  assert.doesNotMatch(monitoring.findings('controls/a.yaml')[0]!.fixes![1]!.title, /9\.2/);
});

test('coverage gap notes name the relationship and strength they rely on', async () => {
  const p = await projectOf({ 'controls/a.yaml': control('IR-1', '  soc2: [CC7.3, CC3.4]\n  iso27001: [A.5.24]\n') });
  const lines = coverageText(computeCoverage(p)).split('\n');
  assert.ok(
    lines.includes('  ISO 27001 A.5.25 Assessment and decision on information security events -- crosswalk: SOC 2 CC7.3 (broader, strong) covered; review whether those controls also meet it'),
    lines.filter((l) => l.includes('A.5.25')).join('\n'),
  );
  assert.ok(lines.includes('  ISO 27001 6.3 Planning of changes -- management-system requirement: net-new work (SOC 2 CC3.4 is covered and overlaps in topic only)'));
  assert.ok(lines.includes('  ISO 27001 6.2 Information security objectives and planning to achieve them -- management-system requirement: net-new work, no SOC 2 counterpart'));
});

test("a requirement declared without counterpart says so, in the crosswalk's words, in coverage and readiness", async () => {
  const p = await projectOf({ 'controls/a.yaml': control('IR-1', '  soc2: [CC7.3]\n  iso27001: [A.5.24]\n') });
  const lines = coverageText(computeCoverage(p)).split('\n');
  assert.deepEqual(
    lines.filter((l) => / (4\.3|A\.7\.7) /.test(l)),
    [
      '  ISO 27001 4.3 Determining the scope of the information security management system -- management-system requirement: net-new work; no SOC 2 counterpart by design: The ISMS scope is an ISO artefact; a SOC 2 system description bounds an examination, not a management system.',
      '  ISO 27001 A.7.7 Clear desk and clear screen -- no SOC 2 counterpart by design: No criterion or point of focus asks for clear desk or clear screen rules.',
    ],
  );
  const toIso = computeReadiness(p).directions.find((d) => d.pursued.framework === 'iso27001')!;
  assert.deepEqual(
    toIso.items
      .filter((i) => i.noCounterpart !== undefined)
      .map((i) => `${i.id} ${i.cls}: ${i.noCounterpart}`)
      .slice(0, 2),
    [
      '4.3 net-new: The ISMS scope is an ISO artefact; a SOC 2 system description bounds an examination, not a management system.',
      '4.4 net-new: Establishing and maintaining the ISMS as a whole has no SOC 2 criterion.',
    ],
  );
  const md = readinessMarkdown(computeReadiness(p)).split('\n');
  assert.ok(
    md.includes('- A.7.7 Clear desk and clear screen (no SOC 2 counterpart by design: No criterion or point of focus asks for clear desk or clear screen rules.)'),
    md.filter((l) => l.includes('A.7.7')).join('\n'),
  );
  // Nothing is declared absent from ISO 27001's side: the SOC 2 direction has no such note.
  assert.deepEqual(
    computeReadiness(p)
      .directions.find((d) => d.pursued.framework === 'soc2')!
      .items.filter((i) => i.noCounterpart !== undefined),
    [],
  );
});

const head = 'format: 1\nid: t\nfrom: soc2\nto: iso27001\nsources:\n  team: Mapped by the security team\n';
const error = (text: string): string => {
  try {
    loadCrosswalk(text, 'cw.yaml');
  } catch (e) {
    if (e instanceof FrameworkDataError) return `${e.offset}: ${e.message}`;
    throw e;
  }
  return 'loaded';
};

test("a team's crosswalk: the fields are read with defaults, and each mistake is reported at its place", () => {
  const cw = loadCrosswalk(
    `${head}pairs:\n  - { from: CC6.1, to: A.5.15, evidence: [team], rationale: Both restrict access. }\n  - { from: CC7.3, to: A.5.25, relationship: superset, strength: strong, net_new: false, reviewed: "2026-12-01", rationale: Broader. }\nno_counterpart:\n  - { to: "4.3", note: ISMS scope only. }\n`,
    'cw.yaml',
  );
  assert.deepEqual(cw.pairs, [
    { from: 'CC6.1', to: 'A.5.15', relationship: 'intersect', strength: 'partial', netNew: false, evidence: ['team'], rationale: 'Both restrict access.' },
    { from: 'CC7.3', to: 'A.5.25', relationship: 'superset', strength: 'strong', netNew: false, evidence: [], rationale: 'Broader.', reviewed: '2026-12-01' },
  ]);
  assert.deepEqual(cw.noCounterpart, [{ side: 'to', id: '4.3', note: 'ISMS scope only.' }]);
  const pair = (fields: string): string => `${head}pairs:\n  - { from: CC6.1, to: A.5.15, ${fields} }\n`;
  assert.equal(error(pair('relationship: equivalent')), "137: pair CC6.1 -> A.5.15: relationship must be one of equal, subset, superset, intersect (how 'CC6.1' relates to 'A.5.15')");
  assert.equal(error(pair('evidence: [team, vendor]')), "140: pair CC6.1 -> A.5.15: evidence 'vendor' is not declared under 'sources'");
  assert.equal(error(pair('reviewed: last week')), '133: pair CC6.1 -> A.5.15: reviewed must be a date, YYYY-MM-DD');
  assert.equal(error(pair('net_new: maybe')), "132: pair CC6.1 -> A.5.15: 'net_new' must be true or false");
  assert.equal(error(pair('source: team')), "123: pair: unknown field 'source' (allowed: from, to, relationship, strength, net_new, evidence, rationale, reviewed)");
  assert.equal(error(`${head}pairs:\n  - { from: CC6.1, to: A.5.15 }\n  - { from: CC6.1, to: A.5.15 }\n`), '128: pair CC6.1 -> A.5.15 is listed twice');
  assert.equal(error(`${head}pairs: []\nno_counterpart:\n  - { from: CC1.1, to: "4.3", note: x }\n`), "115: no_counterpart entry: give exactly one of 'from' and 'to'");
  assert.equal(error(`${head}pairs: []\nno_counterpart:\n  - { to: "4.3" }\n`), "115: no_counterpart 4.3: 'note' is required");
});
