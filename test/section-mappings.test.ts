// Mappings a policy declares in its text: an id in a heading, an item of a
// section that lists mappings, a row of a Statement of Applicability table.
// They count for coverage, labelled as mapped in the text; an id in a
// sentence stays cited only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, projectOf } from './helpers/memory.ts';
import { computeCoverage, type RequirementCoverage } from '../server/core/queries/coverage.ts';
import { statementOfApplicability } from '../server/core/queries/soa.ts';
import { entityHover, frameworkIdHover } from '../server/core/queries/hover.ts';
import { codeLenses } from '../server/core/queries/navigation.ts';
import { computeReadiness } from '../server/core/queries/readiness.ts';
import { coverageJson, coverageMarkdown, coverageText } from '../server/format/coverageFormats.ts';
import { readinessMarkdown } from '../server/format/readinessText.ts';
import type { Project } from '../server/core/engine/project.ts';

const FENCE = '```';
const NARRATIVE = [
  '# Harbour SOC 2 Narrative',
  '',
  'Our controls follow the Trust Services Criteria.',
  '',
  '## Access (CC6)',
  '',
  '### CC6.1 — Logical access security',
  '| Control | Evidence |',
  '|---|---|',
  '| Single sign-on for every console | Identity provider export |',
  '',
  '### CC6.3 Role-based access',
  'Role changes are approved by the system owner.',
  '',
  '## Monitoring',
  '',
  'We watch for anomalies as CC7.2 asks.',
  '',
  `${FENCE}text`,
  '# CC8.1 in a code sample',
  FENCE,
  '',
  '## 4. Control Mapping',
  '',
  '- CC7.1, CC7.3',
  'SOC 2: CC9.1',
  'This section also touches CC5.2 in passing.',
  '',
  '## References',
  '',
  '- CC9.2 guidance',
  '',
].join('\n');

function row(p: Project, framework: string, id: string): RequirementCoverage {
  const fw = computeCoverage(p).frameworks.find((f) => f.framework === framework)!;
  return fw.groups.flatMap((g) => g.requirements).find((r) => r.id === id)!;
}

const marks = (p: Project, path: string): string[] =>
  p.catalogue.file(path)!.prose.map((r) => `${r.raw}@${r.range.start.line + 1} ${r.declaredIn ?? 'cited'}${r.excludedBecause ? ` excluded: ${r.excludedBecause.text}` : ''}`);

test('an id in a heading, an item of a mappings section or a label line there maps the document; a sentence, code or References only cite it', async () => {
  const p = await projectOf({ 'crosswalk.yaml': 'frameworks:\n  soc2: {}\n', 'policies/narrative/soc2-narrative.md': NARRATIVE });
  assert.deepEqual(marks(p, 'policies/narrative/soc2-narrative.md'), [
    'CC6@5 heading',
    'CC6.1@7 heading',
    'CC6.3@12 heading',
    'CC7.2@17 cited',
    'CC8.1@20 cited',
    'CC7.1@25 section',
    'CC7.3@25 section',
    'CC9.1@26 section',
    'CC5.2@27 cited',
    'CC9.2@31 cited',
  ]);
  const path = 'policies/narrative/soc2-narrative.md';
  // Without front matter or an id, the document is named by its file; the line is where its text maps the requirement.
  assert.deepEqual(row(p, 'soc2', 'CC6.1').policies, [{ id: 'soc2-narrative.md', path, line: 7, via: 'CC6.1', inText: 'heading' }]);
  assert.deepEqual(row(p, 'soc2', 'CC7.3').policies, [{ id: 'soc2-narrative.md', path, line: 25, via: 'CC7.3', inText: 'section' }]);
  assert.deepEqual([row(p, 'soc2', 'CC7.2').status, row(p, 'soc2', 'CC7.2').citedBy], ['gap', [path]]);
  assert.deepEqual(
    ['CC6.1', 'CC6.3', 'CC7.1', 'CC7.3', 'CC9.1', 'CC7.2', 'CC8.1', 'CC5.2', 'CC9.2'].map((id) => row(p, 'soc2', id).status),
    ['covered', 'covered', 'covered', 'covered', 'covered', 'gap', 'gap', 'gap', 'gap'],
  );
  // The family in the section heading is no criterion: it maps nothing and keeps its note.
  assert.deepEqual(brief(p), [
    `${path}:5:12-5:15 info family-id: CC6 is a SOC 2 family (Logical and Physical Access Controls), not a criterion; its criteria are CC6.1, CC6.2, CC6.3, CC6.4, CC6.5, CC6.6, CC6.7, CC6.8`,
  ]);
  const text = coverageText(computeCoverage(p)).split('\n');
  assert.equal(text[0], "SOC 2: 5 of 33 applicable requirements covered (15.2%); 28 out of scope; 4 gaps cited only in policies' text");
  assert.ok(text.includes(`  SOC 2 CC7.2 Monitoring system components for anomalies indicating security events -- cited only, in ${path} (map it to count it)`));
  assert.equal(
    frameworkIdHover(p, { kind: 'valid', framework: 'soc2', id: 'CC6.1', canonical: true })!.split('\n')[2],
    '**In this repository:** covered by policies `soc2-narrative.md` (mapped in its text: heading)',
  );
});

test("a heading that gives an id another requirement's title maps nothing until they agree; free wording still maps", async () => {
  const text = ['# Security controls', '', '### CC6.1 – Logical Access', '', '### CC6.2 – Physical Access', '', '### CC6.6 – Our perimeter', ''].join('\n');
  const p = await projectOf({ 'crosswalk.yaml': 'frameworks:\n  soc2: {}\n', 'policies/controls.md': text });
  // CC6.2's heading is about physical access, which is CC6.4: wrong-title says so, and coverage does not count it.
  // 'Our perimeter' is no requirement's title: the heading maps CC6.6, and wrong-title asks to check it.
  assert.deepEqual(marks(p, 'policies/controls.md'), ['CC6.1@3 heading', 'CC6.2@5 cited', 'CC6.6@7 heading']);
  assert.deepEqual(
    ['CC6.1', 'CC6.2', 'CC6.4', 'CC6.6'].map((id) => row(p, 'soc2', id).status),
    ['covered', 'gap', 'gap', 'covered'],
  );
  assert.deepEqual(
    brief(p).map((l) => l.split(': ')[0]),
    ['policies/controls.md:5:13-5:28 warning wrong-title', 'policies/controls.md:7:13-7:26 warning wrong-title'],
  );
});

test('a mappings section ends at the next heading of its level; deeper headings stay in it', async () => {
  const p = await projectOf({
    'crosswalk.yaml': 'frameworks:\n  soc2: {}\n',
    'policies/p.md':
      '# P\n\n## Framework Mappings:\n\n### SOC 2\n\n- CC6.6\n\n## Scope\n\n- CC6.7 is out of our hands\n\n### Applicable Requirements\n\n| Framework | Ids |\n|---|---|\n| SOC 2 | CC6.8 |\n\n## Compliance\n\n- CC6.2\n\n## SOC 2 Criteria\n\n- CC6.4\n',
  });
  assert.deepEqual(marks(p, 'policies/p.md'), ['CC6.6@7 section', 'CC6.7@11 cited', 'CC6.8@17 section', 'CC6.2@21 cited', 'CC6.4@25 section']);
});

const SOA = [
  '# Statement of Applicability',
  '',
  '| Control | Name | Applicable (Y/N) | Reason |',
  '|---|---|---|---|',
  '| A.5.15 | Access control | Yes | Needed for every system |',
  '| A.7.4 | Physical security monitoring | No | We have no premises of our own |',
  '| A.7.5 | Protecting against physical and environmental threats | No | |',
  '| A.8.1 | User endpoint devices | Partial | Laptops only |',
  '| **A.5.23** | Information security for use of cloud services | ✓ | Also see A.5.30 |',
  '',
].join('\n');
const CAMERAS = 'id: CAM-1\ntitle: Camera review\nowner: Facilities\nfrequency: monthly\nevidence: [Footage log]\nmappings:\n  iso27001: [A.7.4]\n';

test('a Statement of Applicability table: an applicable row maps its control, a row that does not apply with a reason excludes it', async () => {
  const p = await projectOf({ 'crosswalk.yaml': 'frameworks:\n  iso27001: {}\n', 'policies/soa.md': SOA, 'controls/cameras.yaml': CAMERAS });
  assert.deepEqual(marks(p, 'policies/soa.md'), [
    'A.5.15@5 soa',
    'A.7.4@6 cited excluded: We have no premises of our own',
    // No reason given, or neither yes nor no: the row decides nothing.
    'A.7.5@7 cited',
    'A.8.1@8 cited',
    'A.5.23@9 soa',
    // Not the row's id: a remark in its reason.
    'A.5.30@9 cited',
  ]);
  assert.deepEqual(row(p, 'iso27001', 'A.5.15').policies, [{ id: 'soa.md', path: 'policies/soa.md', line: 5, via: 'A.5.15', inText: 'soa' }]);
  const excluded = row(p, 'iso27001', 'A.7.4');
  assert.deepEqual([excluded.status, excluded.justification, excluded.excludedIn], ['excluded', 'We have no premises of our own', { path: 'policies/soa.md', line: 6 }]);
  assert.deepEqual([row(p, 'iso27001', 'A.7.5').status, row(p, 'iso27001', 'A.7.5').citedBy], ['gap', ['policies/soa.md']]);
  assert.deepEqual(brief(p), [
    'policies/soa.md:6:3-6:8 warning excluded-but-implemented: A.7.4 is excluded from the Statement of Applicability, but control CAM-1 implements it: include it, or remove the mapping',
  ]);
  const soa = statementOfApplicability(computeCoverage(p));
  assert.deepEqual(
    soa.filter((r) => ['A.5.15', 'A.7.4'].includes(r.id)).map((r) => [r.id, r.status, r.justification]),
    [
      ['A.5.15', 'documented', 'Applicable: stated in soa.md (mapped in its text: SoA table); no control implements it yet'],
      ['A.7.4', 'excluded', 'We have no premises of our own (stated in policies/soa.md:6)'],
    ],
  );
  const json = JSON.parse(coverageJson(computeCoverage(p))) as { frameworks: Array<{ framework: string; totals: Record<string, number> }> };
  assert.deepEqual(json.frameworks.find((f) => f.framework === 'iso27001')!.totals, { requirements: 123, covered: 2, gap: 120, excluded: 1, outOfScope: 0, citedOnly: 3 });
  assert.match(coverageMarkdown(computeCoverage(p)), /^ISO 27001: 2 of 122 applicable requirements covered \(1\.6%\); 1 excluded; 3 gaps cited only in policies' text$/m);
});

test("a 2013 objective's number counts for the 2022 control only where the document shows it means 2022", async () => {
  const header = (id: string, extra = ''): string => `---\nid: ${id}\ntitle: ${id} Policy\nowner: IT\nlast_reviewed: 2026-10-01\n${extra}---\n\n## Applicable Controls\n\n`;
  const p = await projectOf({
    'crosswalk.yaml': 'frameworks:\n  iso27001: {}\n',
    // Beside an id only 2013 has: written against 2013, so A.8.1 (there, Responsibility for assets) does not count.
    'policies/a.md': `${header('POL-A')}- ISO 27001: A.8.1, A.9.2\n- A.8.7 (Protection against malware)\n`,
    // Undecided, but the title beside A.8.2 is the 2022 control's, and the one beside A.8.3 is not.
    'policies/b.md': `${header('POL-B')}- A.8.2: Privileged access rights\n- A.8.3: Media handling\n`,
    // Beside an id only 2022 has: 2022.
    'policies/c.md': `${header('POL-C')}- A.8.1, A.5.23\n`,
    // Declared.
    'policies/d.md': `${header('POL-D', 'iso_edition: "2022"\n')}- A.6.1\n`,
  });
  const mapped = (id: string): string[] => row(p, 'iso27001', id).policies.map((c) => `${c.id}:${c.inText}`);
  assert.deepEqual(
    ['A.8.1', 'A.8.7', 'A.8.2', 'A.8.3', 'A.5.23', 'A.6.1'].map((id) => [id, mapped(id)]),
    [
      ['A.8.1', ['POL-C:section']],
      ['A.8.7', ['POL-A:section']],
      ['A.8.2', ['POL-B:section']],
      ['A.8.3', []],
      ['A.5.23', ['POL-C:section']],
      ['A.6.1', ['POL-D:section']],
    ],
  );
  // What stays a citation is cited only where nothing else maps it (POL-C maps A.8.1).
  assert.deepEqual(
    brief(p).filter((f) => f.includes('cited-only')),
    [
      "policies/b.md:11:3-11:8 info cited-only: A.8.3 (Information access restriction) is cited here, but no control or policy maps it: coverage counts it as a gap; if this policy meets it, add it to the policy's mappings",
    ],
  );
});

test("hovers, the readiness report and a policy's own hover say which mappings are in the text", async () => {
  const p = await projectOf({
    'crosswalk.yaml': 'frameworks:\n  soc2: {}\n  iso27001: {}\n',
    'policies/a.md':
      '---\nid: POL-A\ntitle: Access Policy\nowner: CISO\nlast_reviewed: 2026-10-01\nsatisfies:\n  soc2: [CC6.2]\n---\n# Access Policy\n\n## Applicable Controls\n\n- SOC 2: CC6.1, CC6.2\n',
    'controls/c.yaml': 'id: AC-1\ntitle: Review\nowner: IT\nfrequency: quarterly\nevidence: [x]\nmappings:\n  soc2: [CC6.1]\n',
  });
  // A field's mapping is named plainly, and wins over the same mapping in the text.
  assert.equal(
    frameworkIdHover(p, { kind: 'valid', framework: 'soc2', id: 'CC6.1', canonical: true })!.split('\n')[2],
    '**In this repository:** covered by controls `AC-1`; policies `POL-A` (mapped in its text: mappings section)',
  );
  assert.equal(frameworkIdHover(p, { kind: 'valid', framework: 'soc2', id: 'CC6.2', canonical: true })!.split('\n')[2], '**In this repository:** covered by policies `POL-A`');
  assert.deepEqual(row(p, 'soc2', 'CC6.2').policies, [{ id: 'POL-A', path: 'policies/a.md', line: 2, via: 'CC6.2' }]);
  assert.equal(
    entityHover(p, 'policy', 'POL-A'),
    [
      '**POL-A** · policy · Access Policy',
      '',
      'Owner: CISO · Last reviewed 2026-10-01',
      '',
      '**SOC 2:** `CC6.2`',
      '',
      '**SOC 2, mapped in its text:** `CC6.1`, `CC6.2`',
      '',
      'Defined in policies/a.md:2 · referenced by 0',
    ].join('\n'),
  );
  // The code lens counts them apart too.
  assert.deepEqual(
    codeLenses(p, 'policies/a.md').map((l) => l.title),
    ['SOC 2: 1', 'SOC 2 in its text: 2', 'referenced by 0'],
  );
  const readiness = computeReadiness(p);
  const toIso = readiness.directions.find((d) => d.pursued.framework === 'soc2')!;
  assert.equal(toIso.mappedInText, 0);
  const md = readinessMarkdown(readiness);
  assert.match(md, /^Holding ISO 27001 and going for SOC 2: 2 of 33 applicable SOC 2 requirements \(6\.1%\) are already covered: 2 mapped, 0 through the crosswalk\./m);
  const text = await projectOf({
    'crosswalk.yaml': 'frameworks:\n  soc2: {}\n  iso27001: {}\n',
    'policies/n.md': '# Narrative\n\n### CC6.1 Logical access\n\n### A.5.15 Access control\n',
  });
  const both = computeReadiness(text);
  assert.deepEqual(
    both.directions.map((d) => [d.pursued.short, d.counts.mapped, d.mappedInText]),
    [
      ['ISO 27001', 1, 1],
      ['SOC 2', 1, 1],
    ],
  );
  assert.match(readinessMarkdown(both), /are already covered: 1 mapped \(1 only in policies' text\), /);
});
