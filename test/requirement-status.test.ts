// The phrases of the editor's Go to Requirement pick and the new-control
// template, read from coverage the core computes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectOf } from './helpers/memory.ts';
import { computeCoverage } from '../server/core/queries/coverage.ts';
import { controlFileName, newControlText, requirementStatus } from '../client/requirementStatus.ts';

const control = (id: string, soc2: string, iso: string): string => `id: ${id}\ntitle: ${id}\nowner: IT\nfrequency: annual\nevidence: [x]\nmappings:\n  soc2: [${soc2}]\n  iso27001: [${iso}]\n`;
const policy = (id: string, iso: string): string => `---\nid: ${id}\ntitle: ${id}\nowner: CISO\nlast_reviewed: 2026-06-01\nsatisfies:\n  iso27001: [${iso}]\n---\n# ${id}\n`;

test('each status in one phrase: covered by controls and policies, gap, cited only, not applicable, out of scope', async () => {
  const project = await projectOf({
    'crosswalk.yaml': 'frameworks:\n  soc2:\n    categories: [security]\n  iso27001: {}\nstatement_of_applicability:\n  exclusions:\n    - id: A.7.11\n      justification: No premises of our own.\n',
    'controls/a.yaml': control('C-1', 'CC6.1', 'A.5.15'),
    'controls/b.yaml': control('C-2', 'CC6.1', '"9.2"'),
    'policies/p.md': `${policy('POL-1', 'A.5.15')}\nWe also meet CC6.2.\n`,
  });
  const rows = new Map(
    computeCoverage(project)
      .frameworks.flatMap((f) => f.groups.flatMap((g) => g.requirements))
      .map((r) => [`${r.framework} ${r.id}`, r]),
  );
  const phrase = (key: string): string => requirementStatus(rows.get(key)!);
  assert.deepEqual(
    ['soc2 CC6.1', 'iso27001 A.5.15', 'iso27001 9.2.1', 'soc2 CC6.2', 'soc2 CC6.3', 'iso27001 A.7.11', 'soc2 A1.1'].map((k) => [k, phrase(k)]),
    [
      ['soc2 CC6.1', 'covered by 2 controls'],
      ['iso27001 A.5.15', 'covered by 1 control and 1 policy'],
      // Through its clause 9.2.
      ['iso27001 9.2.1', 'covered by 1 control'],
      ['soc2 CC6.2', 'cited only'],
      ['soc2 CC6.3', 'gap'],
      ['iso27001 A.7.11', 'not applicable'],
      ['soc2 A1.1', 'out of scope'],
    ],
  );
});

test('a new control: its file name from the requirement, its mapping, one line for a title with line ends', () => {
  assert.deepEqual([controlFileName('A.5.19'), controlFileName('CC6.1'), controlFileName(undefined), controlFileName('...')], ['a-5-19.yaml', 'cc6-1.yaml', 'new-control.yaml', 'new-control.yaml']);
  assert.equal(
    newControlText({ framework: 'iso27001', id: 'A.5.19', title: 'Supplier\r\nrelationships' }, ['soc2', 'iso27001']),
    'id: CTL-\ntitle: "Supplier relationships"\nowner: ""\nfrequency: ""\nevidence:\n  - id: EV-\n    description: ""\n    source: ""\nmappings:\n  iso27001: ["A.5.19"]\n',
  );
  assert.equal(newControlText(undefined, ['soc2', 'iso27001']).split('mappings:\n')[1], '  soc2: []\n  iso27001: []\n');
});
