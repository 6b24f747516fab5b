// The ISO 27001:2022 Statement of Applicability: one row per Annex A control,
// whether it applies, why, and what implements it.
import type { CoverageReport, RequirementCoverage } from './coverage.ts';
import { coveringLabel } from './mappedInText.ts';

export interface SoaRow {
  id: string;
  title: string;
  theme: string;
  applicable: boolean;
  /** implemented: a control maps it; documented: only a policy does; not-implemented: nothing yet; excluded. */
  status: 'implemented' | 'documented' | 'not-implemented' | 'excluded';
  justification: string;
  controls: string[];
  policies: string[];
}

export function statementOfApplicability(coverage: CoverageReport): SoaRow[] {
  const iso = coverage.frameworks.find((f) => f.framework === 'iso27001');
  if (!iso) return [];
  const rows: SoaRow[] = [];
  for (const g of iso.groups) for (const r of g.requirements) if (r.id.startsWith('A.')) rows.push(row(r));
  return rows;
}

function row(r: RequirementCoverage): SoaRow {
  const controls = r.controls.map((c) => c.id);
  const policies = r.policies.map((p) => p.id);
  if (r.status === 'excluded') {
    // An exclusion a policy's SoA table states says where, so the exported statement can be traced to it.
    const source = r.excludedIn ? ` (stated in ${r.excludedIn.path}:${r.excludedIn.line})` : '';
    return { id: r.id, title: r.title, theme: r.group, applicable: false, status: 'excluded', justification: `${r.justification ?? ''}${source}`, controls, policies };
  }
  const status = controls.length > 0 ? 'implemented' : policies.length > 0 ? 'documented' : 'not-implemented';
  const justification =
    status === 'implemented'
      ? `Applicable: implemented by ${controls.join(', ')}`
      : status === 'documented'
        ? `Applicable: stated in ${r.policies.map((p) => coveringLabel(p)).join(', ')}; no control implements it yet`
        : 'Applicable: not yet implemented';
  return { id: r.id, title: r.title, theme: r.group, applicable: true, status, justification, controls, policies };
}
