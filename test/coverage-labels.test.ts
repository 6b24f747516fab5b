// The coverage tree's words: a requirement policies cite but nothing maps is
// "cited only", counted apart from the gaps and from what is covered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectOf } from './helpers/memory.ts';
import { computeCoverage } from '../server/core/queries/coverage.ts';
import { coverDescription, frameworkDescription, groupDescription, requirementDescription, requirementTooltip, statusLine } from '../client/coverageLabels.ts';

const FILES = {
  'crosswalk.yaml': 'frameworks:\n  soc2: {}\n',
  'controls/a.yaml': 'id: C-1\ntitle: x\nowner: IT\nfrequency: daily\nevidence: [x]\nmappings:\n  soc2: [CC6.1]\n',
  'policies/p.md': '---\nid: POL-1\ntitle: P\nowner: CISO\nlast_reviewed: 2026-10-01\n---\nWe meet CC6.2 and CC6.1.\n',
  'policies/q.md': '---\nid: POL-2\ntitle: Q\nowner: CISO\nlast_reviewed: 2026-10-01\n---\nSee CC6.2.\n',
};

test('a cited-only requirement is described and counted apart, with the citing policies in its tooltip', async () => {
  const report = computeCoverage(await projectOf(FILES));
  const soc2 = report.frameworks.find((f) => f.framework === 'soc2')!;
  const group = soc2.groups.find((g) => g.requirements.some((r) => r.id === 'CC6.2'))!;
  const req = (id: string) => group.requirements.find((r) => r.id === id)!;
  assert.equal(requirementDescription(req('CC6.2')), 'cited only');
  assert.equal(requirementDescription(req('CC6.3')), 'gap');
  assert.equal(requirementDescription(req('CC6.1')), '1 covering');
  assert.equal(
    requirementTooltip(req('CC6.2')),
    [
      'CC6.2 User registration/authorization before access; credential removal when no longer authorized: cited only, in POL-1, POL-2',
      "No control or policy maps it, so it counts as a gap: add it to the citing policy's mappings (the quick fix on the citation) to count it",
    ].join('\n'),
  );
  assert.equal(groupDescription(group), '1/33 · 31 gaps · 1 cited only');
  assert.equal(frameworkDescription(soc2), '1/33 covered (3%) · 1 cited only');
  assert.equal(statusLine(soc2), `${soc2.title}: 1 of 33 covered, 31 gaps, 1 cited only`);
});

test('a covering policy that maps the requirement in its text says where; an exclusion an SoA table states says where too', () => {
  const entity = { id: 'soc2.md', path: 'docs/soc2.md', line: 12, via: 'CC6.1', inText: 'heading' as const };
  assert.equal(coverDescription('policy', entity, 'CC6.1'), 'policy · docs/soc2.md:12 · mapped in its text: heading');
  assert.equal(coverDescription('control', { id: 'C-1', path: 'controls/c.yaml', line: 1, via: '9.2' }, '9.2.1'), 'control · controls/c.yaml:1 (maps 9.2)');
  const excluded = { status: 'excluded', justification: 'No premises', excludedIn: { path: 'docs/soa.md', line: 6 } } as Parameters<typeof requirementTooltip>[0];
  assert.equal(requirementTooltip(excluded), 'Excluded: No premises (stated in docs/soa.md:6)');
});
