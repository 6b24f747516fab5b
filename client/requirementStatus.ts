// How a requirement's coverage reads in one phrase, for the Go to Requirement
// pick: "covered by 2 controls and 1 policy", "gap", "cited only",
// "not applicable", "out of scope". No editor imports, so it is tested alone.
import type { RequirementCoverage } from './protocol.ts';
import { isCitedOnly } from './coverageLabels.ts';

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function requirementStatus(r: RequirementCoverage): string {
  switch (r.status) {
    case 'covered': {
      // A control can cover a requirement twice (the requirement and its clause): count each once.
      const controls = new Set(r.controls.map((c) => c.id)).size;
      const policies = new Set(r.policies.map((p) => p.id)).size;
      const parts = [controls > 0 ? count(controls, 'control', 'controls') : '', policies > 0 ? count(policies, 'policy', 'policies') : ''].filter((p) => p !== '');
      return `covered by ${parts.join(' and ')}`;
    }
    case 'gap':
      return isCitedOnly(r) ? 'cited only' : 'gap';
    case 'excluded':
      return 'not applicable';
    case 'out-of-scope':
      return 'out of scope';
  }
}

/** The file name of a new control for a requirement: A.5.19 -> a-5-19.yaml. */
export function controlFileName(requirement: string | undefined): string {
  const slug = (requirement ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'new-control'}.yaml`;
}

/** A new control that maps `mapping` (or names the frameworks in scope with nothing mapped yet), to save under the catalogue's controls. */
export function newControlText(mapping: { framework: string; id: string; title: string } | undefined, frameworks: readonly string[]): string {
  const line = (t: string): string => t.replace(/[\r\n]+/g, ' ');
  const mappings = mapping ? [`  ${mapping.framework}: [${JSON.stringify(mapping.id)}]`] : frameworks.map((f) => `  ${f}: []`);
  return [
    `id: CTL-`,
    `title: ${JSON.stringify(mapping ? line(mapping.title) : '')}`,
    'owner: ""',
    'frequency: ""',
    'evidence:',
    '  - id: EV-',
    '    description: ""',
    '    source: ""',
    'mappings:',
    ...mappings,
    '',
  ].join('\n');
}
