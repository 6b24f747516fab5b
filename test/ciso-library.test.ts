// CISO Assistant libraries as a team's own framework and crosswalk: read from
// the fixture in test/fixtures/ciso-library (written for these tests), used by
// hover, completion and coverage through the core and the language server,
// and every mistake in one reported at its line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import type { CompletionItem, Hover } from 'vscode-languageserver-protocol';
import { brief, projectOf } from './helpers/memory.ts';
import { LspClient } from './helpers/lspClient.ts';
import { frameworkIdHover } from '../server/core/queries/hover.ts';
import { complete } from '../server/core/queries/completion.ts';
import { computeCoverage } from '../server/core/queries/coverage.ts';
import { coverageText } from '../server/format/coverageFormats.ts';
import { definition } from '../server/core/queries/navigation.ts';
import { targetAt } from '../server/core/queries/target.ts';

const FIXTURE = nodePath.resolve(import.meta.dirname, 'fixtures/ciso-library');

function filesUnder(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const full = nodePath.join(dir, name);
    if (statSync(full).isDirectory()) Object.assign(out, filesUnder(full, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = readFileSync(full, 'utf8');
  }
  return out;
}

const FILES = filesUnder(FIXTURE);

test('a framework library and a mapping library load clean: headings are groups, assessable nodes requirements', async () => {
  const p = await projectOf(FILES);
  assert.deepEqual(brief(p), []);
  const fw = p.registry.framework('hcb-2026')!;
  assert.deepEqual([fw.title, fw.short, fw.publisher], ['Harbour Cloud Baseline 2026', 'HCB 2026', 'Harbour Example Group']);
  assert.deepEqual(
    fw.groups.map((g) => g.title),
    ['ID Identity', 'RUN Running the service', 'GOV Governance'],
  );
  assert.deepEqual(
    fw.requirements.map((r) => `${r.id}${r.parent ? ` < ${r.parent}` : ''}: ${r.title}`),
    [
      'ID-1: Named accounts',
      'ID-2: Second factor',
      'ID-3: Access reviewed',
      'RUN-1: Backups tested',
      'RUN-2: Logs kept',
      'RUN-3: Patching',
      'RUN-3.1 < RUN-3: Critical fixes within a week',
      'RUN-3.2 < RUN-3: Other fixes within a month',
      'GOV-1: Security owner named',
      'GOV-2: Yearly tabletop exercise',
    ],
  );
  // Headings are not ids a control can map.
  assert.equal(p.registry.canonical('hcb-2026', 'ID'), undefined);
  const cw = p.registry.crosswalks.find((c) => c.id === 'hcb-iso')!;
  assert.deepEqual([cw.from, cw.to, cw.lastReviewed, cw.sources], ['hcb-2026', 'iso27001', '2026-04-15', { 'mapping-hcb-2026-to-iso27001-2022': 'Harbour Cloud Baseline 2026 -> ISO/IEC 27001:2022' }]);
  assert.deepEqual(
    cw.pairs.map((x) => `${x.from} ${x.relationship} ${x.to} ${x.strength}: ${x.rationale}`),
    [
      'ID-1 subset A.5.16 partial: Semantic mapping in Harbour Cloud Baseline 2026 -> ISO/IEC 27001:2022.',
      'ID-2 subset A.8.5 partial: Mapped in Harbour Cloud Baseline 2026 -> ISO/IEC 27001:2022.',
      'ID-3 equal A.5.18 strong: Both ask for a periodic review of who can reach what.',
      'RUN-1 intersect A.8.13 partial: Functional mapping in Harbour Cloud Baseline 2026 -> ISO/IEC 27001:2022.',
      'RUN-2 superset A.8.15 partial: Mapped in Harbour Cloud Baseline 2026 -> ISO/IEC 27001:2022.',
    ],
  );
  assert.deepEqual(cw.noCounterpart, [{ side: 'from', id: 'GOV-2', note: 'An exercise is practice; the baseline asks for no incident plan of its own.' }]);
});

test('hover and completion of the library framework, through the core queries', async () => {
  const p = await projectOf(FILES);
  assert.equal(
    frameworkIdHover(p, { kind: 'valid', framework: 'hcb-2026', id: 'ID-3', canonical: true }),
    [
      '**ID-3** · HCB 2026 · ID Identity',
      '',
      '**In this repository:** covered by controls `AC-01`',
      '',
      '*Access reviewed*',
      '',
      'Access rights are looked at every quarter and trimmed.',
      '',
      '**Crosswalk → ISO 27001:**',
      '- `A.5.18` is equivalent · strong · covered — *Access rights*: Both ask for a periodic review of who can reach what.',
    ].join('\n'),
  );
  assert.match(
    frameworkIdHover(p, { kind: 'valid', framework: 'hcb-2026', id: 'GOV-2', canonical: true })!,
    /\n\*\*No ISO 27001 counterpart:\*\* An exercise is practice; the baseline asks for no incident plan of its own\.$/,
  );
  const text = FILES['controls/access.yaml']!.replace('hcb-2026: [ID-3]', 'hcb-2026: [RUN-');
  const items = complete(p, 'controls/access.yaml', text, { line: 8, character: 17 });
  assert.deepEqual(
    items.filter((i) => i.label.startsWith('RUN')).map((i) => [i.label, i.detail, i.range.start.character, i.range.end.character]),
    [
      ['RUN-1', 'Backups tested', 13, 17],
      ['RUN-2', 'Logs kept', 13, 17],
      ['RUN-3', 'Patching', 13, 17],
      ['RUN-3.1', 'Critical fixes within a week', 13, 17],
      ['RUN-3.2', 'Other fixes within a month', 13, 17],
    ],
  );
});

test('definition of a library requirement id opens its node', async () => {
  const p = await projectOf(FILES);
  const file = p.catalogue.file('controls/access.yaml')!;
  const target = targetAt(file, { line: 8, character: 14 })!;
  assert.deepEqual(
    definition(p, target, (source) => FILES[source]),
    [{ frameworkSource: 'frameworks/harbour-baseline.yaml', line: 40 }],
  );
  assert.equal(FILES['frameworks/harbour-baseline.yaml']!.split('\n')[40], '        ref_id: ID-3');
});

test('coverage counts the library framework by its leaf requirements, with gap notes from its mapping', async () => {
  const p = await projectOf(FILES);
  const hcb = computeCoverage(p).frameworks.find((f) => f.framework === 'hcb-2026')!;
  assert.deepEqual([hcb.inScope, hcb.totals], [true, { requirements: 9, covered: 3, gap: 6, excluded: 0, outOfScope: 0, citedOnly: 0 }]);
  assert.deepEqual(
    hcb.groups.map((g) => `${g.title}: ${g.totals.covered}/${g.totals.requirements}`),
    ['ID Identity: 1/3', 'RUN Running the service: 2/4', 'GOV Governance: 0/2'],
  );
  assert.deepEqual(
    coverageText(computeCoverage(p))
      .split('\n')
      .filter((l) => l.startsWith('  HCB 2026 ')),
    [
      '  HCB 2026 ID-1 Named accounts -- crosswalk counterparts are gaps too',
      '  HCB 2026 ID-2 Second factor -- crosswalk counterparts are gaps too',
      '  HCB 2026 RUN-2 Logs kept -- crosswalk counterparts are gaps too',
      '  HCB 2026 RUN-3.2 Other fixes within a month -- no crosswalk counterpart',
      '  HCB 2026 GOV-1 Security owner named -- no crosswalk counterpart',
      '  HCB 2026 GOV-2 Yearly tabletop exercise -- no ISO 27001 counterpart by design: An exercise is practice; the baseline asks for no incident plan of its own.',
    ],
  );
});

const TINY = `urn: urn:example:risk:library:tiny
ref_id: tiny
objects:
  framework:
    urn: urn:example:risk:framework:tiny
    ref_id: TINY
    name: Tiny baseline
    requirement_nodes:
      - urn: urn:example:risk:req_node:tiny:a
        assessable: false
        ref_id: A
        name: Area A
      - urn: urn:example:risk:req_node:tiny:a-1
        assessable: true
        parent_urn: urn:example:risk:req_node:tiny:a
        ref_id: A-1
        name: First
      - assessable: true
        ref_id: A-2
        name: No urn
      - urn: urn:example:risk:req_node:tiny:a-1b
        assessable: true
        parent_urn: urn:example:risk:req_node:tiny:a
        ref_id: A-1
        name: Same ref_id again
      - urn: urn:example:risk:req_node:tiny:a-1
        assessable: true
        ref_id: A-3
        name: Same urn again
      - urn: urn:example:risk:req_node:tiny:b-1
        assessable: yes
        parent_urn: urn:example:risk:req_node:tiny:b
        ref_id: B-1
        name: Orphan
      - urn: urn:example:risk:req_node:tiny:c-1
        assessable: true
        ref_id: C-1
        name: Fine
`;

const TINY_MAP = `urn: urn:example:risk:library:mapping-tiny
ref_id: mapping-tiny
name: Tiny to ISO
publication_date: 2026-05-01
objects:
  requirement_mapping_sets:
    - urn: urn:example:risk:req_mapping_set:mapping-tiny
      source_framework_urn: urn:example:risk:framework:tiny
      target_framework_urn: urn:intuitem:risk:framework:iso27001-2022
      requirement_mappings:
        - source_requirement_urn: urn:example:risk:req_node:tiny:a-1
          target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.5.15
          relationship: intersect
        - source_requirement_urn: urn:example:risk:req_node:tiny:a-9
          target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.5.15
          relationship: intersect
        - source_requirement_urn: urn:example:risk:req_node:tiny:a
          target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.5.1
          relationship: equal
        - source_requirement_urn: urn:example:risk:req_node:tiny:c-1
          target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.99.1
          relationship: subset
        - source_requirement_urn: urn:example:risk:req_node:tiny:c-1
          target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.8.8
          relationship: similar
        - source_requirement_urn: urn:example:risk:req_node:tiny:c-1
          target_requirement_urn: urn:intuitem:risk:req_node:iso27001-2022:a.8.8
    - urn: urn:example:risk:req_mapping_set:other
      source_framework_urn: urn:example:risk:framework:nowhere
      target_framework_urn: urn:intuitem:risk:framework:iso27001-2022
      requirement_mappings: []
`;

test('each mistake in a library is reported on crosswalk.yaml with the file, line and what to do; the rest is used', async () => {
  const p = await projectOf({
    'crosswalk.yaml': 'frameworks:\n  soc2: {}\n  iso27001: {}\n  tiny: {}\ncustom_frameworks: [lib/tiny.yaml]\ncustom_crosswalks: [lib/mapping-tiny.yaml, lib/tiny.yaml]\n',
    'lib/tiny.yaml': TINY,
    'lib/mapping-tiny.yaml': TINY_MAP,
  });
  const fw = "crosswalk.yaml:5:21-5:34 error config-invalid: framework file 'lib/tiny.yaml': lib/tiny.yaml:";
  const map = "crosswalk.yaml:6:21-6:42 error config-invalid: crosswalk file 'lib/mapping-tiny.yaml': lib/mapping-tiny.yaml:";
  assert.deepEqual(brief(p), [
    `${fw}18: a requirement node has no 'urn': give each node a unique urn; this node is skipped`,
    `${fw}24: ref_id 'A-1' is used by two assessable nodes (also line 16): give each requirement its own ref_id; this one is skipped`,
    `${fw}26: urn 'urn:example:risk:req_node:tiny:a-1' is used by two requirement nodes (also line 13): give each node its own urn; this one is skipped`,
    `${fw}31: 'assessable' must be true or false; this node is read as a heading`,
    `${fw}32: parent_urn 'urn:example:risk:req_node:tiny:b' names no requirement node of this framework: fix it, or remove it to make the node top level`,
    `${map}14: source_requirement_urn 'urn:example:risk:req_node:tiny:a-9' is not a requirement node of TINY: check the urn; this mapping is skipped`,
    `${map}17: source_requirement_urn 'urn:example:risk:req_node:tiny:a' is a heading of TINY (assessable: false), not a requirement: map its requirements instead; this mapping is skipped`,
    `${map}21: target_requirement_urn 'urn:intuitem:risk:req_node:iso27001-2022:a.99.1' is not a requirement node of ISO 27001: check the urn; this mapping is skipped`,
    `${map}25: relationship 'similar' is not one of equal, subset, superset, intersect, not_related; this mapping is skipped`,
    `${map}26: a requirement mapping has no 'relationship' (one of equal, subset, superset, intersect, not_related); it is skipped`,
    `${map}29: source_framework_urn 'urn:example:risk:framework:nowhere' names no framework Crosswalk knows: list that framework's library under 'custom_frameworks' (bundled: urn:intuitem:risk:framework:soc2-2017-rev-2022, urn:intuitem:risk:framework:iso27001-2022); the mapping set is skipped`,
    "crosswalk.yaml:6:44-6:57 error config-invalid: crosswalk file 'lib/tiny.yaml' cannot be used: lib/tiny.yaml:4: it is a framework library: list it under 'custom_frameworks'",
  ]);
  assert.deepEqual(
    p.registry.framework('tiny')!.requirements.map((r) => r.id),
    ['A-1', 'C-1'],
  );
  assert.deepEqual(
    p.registry.crosswalks.find((c) => c.id === 'mapping-tiny')!.pairs.map((x) => `${x.from} ${x.to}`),
    ['A-1 A.5.15'],
  );
});

test('a library that cannot be used at all says why: no framework urn, a mapping library listed as a framework, an id taken', async () => {
  const p = await projectOf({
    'crosswalk.yaml': 'custom_frameworks: [a.yaml, b.yaml, c.yaml]\n',
    'a.yaml': 'urn: urn:example:risk:library:a\nobjects:\n  framework:\n    ref_id: A\n    requirement_nodes: []\n',
    'b.yaml': TINY_MAP,
    'c.yaml': TINY.replace('framework:tiny', 'framework:iso27001'),
  });
  assert.deepEqual(brief(p), [
    "crosswalk.yaml:1:21-1:27 error config-invalid: framework file 'a.yaml' cannot be used: a.yaml:3: the framework has no 'urn': add one such as urn:<publisher>:risk:framework:<name>",
    "crosswalk.yaml:1:29-1:35 error config-invalid: framework file 'b.yaml' cannot be used: b.yaml:6: it is a mapping library: list it under 'custom_crosswalks'",
    "crosswalk.yaml:1:37-1:43 error config-invalid: framework file 'c.yaml' cannot be used: c.yaml: framework id 'iso27001' is already defined by the bundled framework file iso27001-2022.yaml: give this framework its own id",
  ]);
});

test('a source requirement mapped only as not_related has no counterpart; one also mapped otherwise keeps its pairs', async () => {
  const rows = (from: string, to: string, rel: string): string =>
    `        - { source_requirement_urn: "urn:example:risk:req_node:tiny:${from}", target_requirement_urn: "urn:intuitem:risk:req_node:iso27001-2022:${to}", relationship: ${rel} }\n`;
  const mapping = `urn: urn:example:risk:library:m\nref_id: m\nname: M\nobjects:\n  requirement_mapping_sets:\n    - source_framework_urn: urn:example:risk:framework:tiny\n      target_framework_urn: urn:intuitem:risk:framework:iso27001-2022\n      requirement_mappings:\n${rows('a-1', 'a.5.15', 'not_related')}${rows('a-1', 'a.5.16', 'not_related')}${rows('c-1', 'a.8.8', 'not_related')}${rows('c-1', 'a.8.9', 'superset')}`;
  const p = await projectOf({
    'crosswalk.yaml': 'custom_frameworks: [t.yaml]\ncustom_crosswalks: [m.yaml]\n',
    't.yaml': TINY.replace(/ {6}- assessable: true\n[^]*?(?= {6}- urn: urn:example:risk:req_node:tiny:c-1)/, ''),
    'm.yaml': mapping,
  });
  assert.deepEqual(
    brief(p).filter((l) => l.includes('config-invalid')),
    [],
  );
  const cw = p.registry.crosswalks.find((c) => c.id === 'm')!;
  assert.deepEqual(cw.noCounterpart, [{ side: 'from', id: 'A-1', note: 'M marks it not related to ISO 27001 A.5.15, A.5.16.' }]);
  assert.deepEqual(
    cw.pairs.map((x) => `${x.from} ${x.relationship} ${x.to}`),
    ['C-1 superset A.8.9'],
  );
});

test("mappings to CISO Assistant's SOC 2 points of focus are rolled up to the bundled criterion", async () => {
  const row = (to: string, rel: string): string =>
    `        - { source_requirement_urn: "urn:example:risk:req_node:tiny:c-1", target_requirement_urn: "urn:intuitem:risk:req_node:soc2-2017-rev-2022:${to}", relationship: ${rel} }\n`;
  const mapping = `urn: urn:example:risk:library:s\nref_id: s\nname: S\nobjects:\n  requirement_mapping_sets:\n    - source_framework_urn: urn:example:risk:framework:tiny\n      target_framework_urn: urn:intuitem:risk:framework:soc2-2017-rev-2022\n      requirement_mappings:\n${row('cc6.1.1', 'intersect')}${row('cc6.1.2', 'subset')}${row('cc7.2', 'intersect')}${row('cc6.9.1', 'intersect')}${row('c6.5.1', 'subset')}${row('cc6.9.1', 'superset')}`;
  const p = await projectOf({
    'crosswalk.yaml': 'custom_frameworks: [t.yaml]\ncustom_crosswalks: [s.yaml]\n',
    't.yaml': TINY.replace(/ {6}- assessable: true\n[^]*?(?= {6}- urn: urn:example:risk:req_node:tiny:c-1)/, ''),
    's.yaml': mapping,
  });
  assert.deepEqual(
    brief(p).filter((l) => l.includes('config-invalid')),
    [
      "crosswalk.yaml:2:21-2:27 error config-invalid: crosswalk file 's.yaml': s.yaml:12: target_requirement_urn 'urn:intuitem:risk:req_node:soc2-2017-rev-2022:cc6.9.1' is not a requirement node of SOC 2: check the urn; this mapping is skipped, and so is one other mapping of it (line 14)",
    ],
  );
  // CISO Assistant's own SOC 2 library spells the point of focus CC6.5.1 `c6.5.1`, and its mappings use that urn.
  assert.deepEqual(
    p.registry.crosswalks.find((c) => c.id === 's')!.pairs.map((x) => `${x.from} ${x.relationship} ${x.to} ${x.strength}: ${x.rationale}`),
    [
      'C-1 subset CC6.1 partial: Rolled up from points of focus CC6.1.1, CC6.1.2 in S.',
      'C-1 intersect CC7.2 partial: Mapped in S.',
      'C-1 subset CC6.5 partial: Rolled up from point of focus CC6.5.1 in S.',
    ],
  );
});

test('a hostile library: thousands of bad nodes list 50 problems and a count; a parent cycle ends', async () => {
  const bad = Array.from({ length: 3000 }, (_, i) => `      - { assessable: true, ref_id: X-${i} }\n`).join('');
  const cycle =
    '      - { urn: "u:a", assessable: false, parent_urn: "u:b", ref_id: A }\n      - { urn: "u:b", assessable: false, parent_urn: "u:a", ref_id: B }\n      - { urn: "u:c", assessable: true, parent_urn: "u:a", ref_id: C-1, name: In a cycle }\n';
  const lib = `urn: u:lib\nobjects:\n  framework:\n    urn: u:framework:loop\n    requirement_nodes:\n${cycle}${bad}`;
  const started = Date.now();
  const p = await projectOf({ 'crosswalk.yaml': 'custom_frameworks: [loop.yaml]\n', 'loop.yaml': lib });
  assert.ok(Date.now() - started < 5000);
  const found = brief(p).filter((l) => l.includes('config-invalid'));
  assert.equal(found.length, 51);
  assert.equal(
    found.find((l) => l.includes('more problems')),
    "crosswalk.yaml:1:21-1:30 error config-invalid: framework file 'loop.yaml': loop.yaml:59: 2950 more problems from here on are not listed: fix these first",
  );
  assert.deepEqual(
    p.registry.framework('loop')!.requirements.map((r) => r.id),
    ['C-1'],
  );
  assert.equal(p.registry.groupChain('loop', 'C-1').length <= 11, true);
});

let root: string;
let client: LspClient;

before(async () => {
  root = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-ciso-'));
  cpSync(FIXTURE, root, { recursive: true });
  client = await LspClient.start(root);
});

after(async () => {
  await client.stop();
  rmSync(root, { recursive: true, force: true });
});

test('the language server hovers and completes ids of a library framework', async () => {
  // The fixture is clean, so no diagnostics mark the end of the first scan: ask until the hover comes.
  let hover: Hover | null = null;
  for (let i = 0; i < 150 && hover === null; i++) {
    hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: client.uri('controls/access.yaml') }, position: { line: 8, character: 14 } });
    if (hover === null) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(hover);
  assert.deepEqual(hover.range, { start: { line: 8, character: 13 }, end: { line: 8, character: 17 } });
  assert.match((hover.contents as { value: string }).value, /^\*\*ID-3\*\* · HCB 2026 · ID Identity\n\n\*\*In this repository:\*\* covered by controls `AC-01`\n\n\*Access reviewed\*\n/);
  const text = FILES['controls/access.yaml']!.replace('hcb-2026: [ID-3]', 'hcb-2026: [GOV');
  client.open('controls/access.yaml', text);
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: client.uri('controls/access.yaml') }, position: { line: 8, character: 16 } });
  assert.deepEqual(
    items.filter((i) => i.label.startsWith('GOV')).map((i) => [i.label, i.detail]),
    [
      ['GOV-1', 'Security owner named'],
      ['GOV-2', 'Yearly tabletop exercise'],
    ],
  );
  client.change('controls/access.yaml', FILES['controls/access.yaml']!.replace('ID-3', 'ID-9'));
  await client.until(() => client.diagnosticsOf('controls/access.yaml').some((d) => d.code === 'unknown-id'), 'the unknown id');
  assert.deepEqual(
    client.diagnosticsOf('controls/access.yaml').map((d) => [d.range.start.line, d.range.start.character, d.code, d.message]),
    [[8, 13, 'unknown-id', "unknown HCB 2026 id 'ID-9'; did you mean ID-1, ID-2 or ID-3?"]],
  );
});

test('a mapping library published over a year ago: one stale-crosswalk finding for the library, at its entry', async () => {
  const revert = TINY_MAP.replace(/ {4}- urn: urn:example:risk:req_mapping_set:other[^]*$/, '').replace('publication_date: 2026-05-01', 'publication_date: 2025-01-10');
  const both = `${revert}    - urn: urn:example:risk:req_mapping_set:mapping-tiny-revert\n      source_framework_urn: urn:intuitem:risk:framework:iso27001-2022\n      target_framework_urn: urn:example:risk:framework:tiny\n      requirement_mappings:\n        - { source_requirement_urn: "urn:intuitem:risk:req_node:iso27001-2022:a.5.15", target_requirement_urn: "urn:example:risk:req_node:tiny:a-1", relationship: intersect }\n`;
  const p = await projectOf(
    {
      'crosswalk.yaml': 'frameworks:\n  tiny: {}\ncustom_frameworks: [lib/tiny.yaml]\ncustom_crosswalks: [./lib/mapping-tiny.yaml]\n',
      'lib/tiny.yaml': TINY,
      'lib/mapping-tiny.yaml': both,
    },
    '2026-11-24',
  );
  assert.equal(p.registry.crosswalks.filter((c) => c.source === 'lib/mapping-tiny.yaml').length, 2);
  assert.deepEqual(
    brief(p).filter((l) => l.includes('stale-crosswalk')),
    [
      "crosswalk.yaml:4:21-4:44 warning stale-crosswalk: CISO Assistant library 'Tiny to ISO' (lib/mapping-tiny.yaml) was published on 2025-01-10, 683 days ago: take its latest release from CISO Assistant's library, or review its mappings against both frameworks",
    ],
  );
});
