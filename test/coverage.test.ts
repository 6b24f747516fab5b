// The coverage model shared by the CLI, the tree view and the status bar.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectOf } from './helpers/memory.ts';
import { computeCoverage, type RequirementCoverage } from '../server/core/queries/coverage.ts';

const control = (id: string, soc2: string, iso: string): string => `id: ${id}\ntitle: ${id}\nowner: IT\nfrequency: annual\nevidence: [x]\nmappings:\n  soc2: [${soc2}]\n  iso27001: [${iso}]\n`;
const policy = (id: string, iso: string): string => `---\nid: ${id}\ntitle: ${id}\nowner: CISO\nlast_reviewed: 2026-06-01\nsatisfies:\n  iso27001: [${iso}]\n---\n# ${id}\n`;

async function rows(files: Record<string, string>): Promise<Map<string, RequirementCoverage>> {
  const report = computeCoverage(await projectOf(files));
  return new Map(report.frameworks.flatMap((f) => f.groups.flatMap((g) => g.requirements)).map((r) => [`${r.framework} ${r.id}`, r]));
}

test('a requirement is covered by the controls and policies that map it; a clause covers its sub-clauses', async () => {
  const r = await rows({ 'controls/a.yaml': control('AUD-1', 'CC4.1', '"9.2"'), 'policies/p.md': policy('POL-1', 'A.5.15') });
  assert.deepEqual(
    ['iso27001 9.2.1', 'iso27001 9.2.2'].map((k) => [r.get(k)!.status, r.get(k)!.controls.map((c) => c.id)]),
    [
      ['covered', ['AUD-1']],
      ['covered', ['AUD-1']],
    ],
  );
  assert.equal(r.has('iso27001 9.2'), false, 'only leaves are counted');
  assert.deepEqual([r.get('iso27001 A.5.15')!.status, r.get('iso27001 A.5.15')!.policies.map((p) => p.id)], ['covered', ['POL-1']]);
  assert.equal(r.get('iso27001 9.2.1')!.managementSystem, true);
  assert.equal(r.get('iso27001 A.5.15')!.managementSystem, false);
});

test('gaps know their covered crosswalk counterparts; categories out of scope are not gaps', async () => {
  const r = await rows({ 'controls/a.yaml': control('AC-1', 'CC6.1', 'A.8.5') });
  const a515 = r.get('iso27001 A.5.15')!;
  assert.equal(a515.status, 'gap');
  assert.deepEqual(
    a515.counterparts.filter((c) => c.status === 'covered'),
    [{ framework: 'soc2', id: 'CC6.1', status: 'covered', strength: 'strong', relationship: 'overlapping', netNew: false }],
  );
  assert.equal(r.get('soc2 PI1.1')!.status, 'out-of-scope');
  assert.equal(r.get('soc2 A1.1')!.status, 'out-of-scope');
  const withAvailability = await rows({ 'crosswalk.yaml': 'frameworks:\n  soc2:\n    categories: [security, availability]\n  iso27001: {}\n', 'controls/a.yaml': control('AC-1', 'CC6.1', 'A.8.5') });
  assert.equal(withAvailability.get('soc2 A1.1')!.status, 'gap');
});

test('totals add up per framework', async () => {
  const report = computeCoverage(await projectOf({ 'controls/a.yaml': control('AC-1', 'CC6.1, CC6.2', 'A.5.15') }));
  const soc2 = report.frameworks.find((f) => f.framework === 'soc2')!;
  const iso = report.frameworks.find((f) => f.framework === 'iso27001')!;
  assert.deepEqual(soc2.totals, { requirements: 61, covered: 2, gap: 31, excluded: 0, outOfScope: 28, citedOnly: 0 });
  assert.deepEqual(iso.totals, { requirements: 123, covered: 1, gap: 122, excluded: 0, outOfScope: 0, citedOnly: 0 });
  assert.deepEqual(
    report.frameworks.map((f) => f.framework),
    ['soc2', 'iso27001'],
  );
});

test('a hover names at most eight covering controls, then a count', async () => {
  const { frameworkIdHover } = await import('../server/core/queries/hover.ts');
  const files: Record<string, string> = {};
  for (let i = 1; i <= 10; i++) files[`controls/c${i}.yaml`] = control(`AC-${String(i).padStart(2, '0')}`, 'CC6.1', 'A.5.15');
  const p = await projectOf(files);
  const text = frameworkIdHover(p, { kind: 'valid', framework: 'soc2', id: 'CC6.1', canonical: true })!;
  // The repository line comes right after the title line.
  assert.equal(text.split('\n')[2], '**In this repository:** covered by controls `AC-01`, `AC-02`, `AC-03`, `AC-04`, `AC-05`, `AC-06`, `AC-07`, `AC-08` and 2 more');
});

test('a gap that a policy cites in its text is labelled cited only, and is still a gap', async () => {
  const r = await rows({ 'controls/a.yaml': control('C-1', 'CC6.1', 'A.5.15'), 'policies/p.md': `${policy('POL-1', 'A.5.15')}\nWe also meet CC6.2 and A.8.5.\n` });
  assert.deepEqual([r.get('soc2 CC6.2')!.status, r.get('soc2 CC6.2')!.citedBy], ['gap', ['POL-1']]);
  assert.deepEqual([r.get('iso27001 A.8.5')!.status, r.get('iso27001 A.8.5')!.citedBy], ['gap', ['POL-1']]);
  // Covered requirements are not labelled, however often they are cited.
  assert.equal(r.get('soc2 CC6.1')!.citedBy, undefined);
});
