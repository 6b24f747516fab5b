// The words of the coverage tree and status item: descriptions and tooltips
// from the server's coverage model. No VS Code API here, so they are tested
// as plain text.
import type { CoveringEntity, FrameworkCoverage, GroupCoverage, RequirementCoverage } from './protocol.ts';

/** A gap that policies cite in their text but no field maps: shown apart, still a gap in the figures. */
export function isCitedOnly(r: RequirementCoverage): boolean {
  return r.status === 'gap' && (r.citedBy?.length ?? 0) > 0;
}

export function citedOnlyCount(requirements: readonly RequirementCoverage[]): number {
  return requirements.filter(isCitedOnly).length;
}

export function pct(covered: number, gap: number): string {
  const applicable = covered + gap;
  return applicable === 0 ? '100%' : `${Math.round((covered / applicable) * 1000) / 10}%`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** Gaps and cited-only requirements, each counted once: "3 gaps · 1 cited only". */
function unmapped(gap: number, cited: number): string[] {
  return [...(gap - cited > 0 ? [plural(gap - cited, 'gap', 'gaps')] : []), ...(cited > 0 ? [`${cited} cited only`] : [])];
}

export function frameworkDescription(fw: FrameworkCoverage): string {
  const t = fw.totals;
  const cited = citedOnlyCount(fw.groups.flatMap((g) => g.requirements));
  return [`${t.covered}/${t.covered + t.gap} covered (${pct(t.covered, t.gap)})`, ...(cited > 0 ? [`${cited} cited only`] : [])].join(' · ');
}

export function groupDescription(group: GroupCoverage): string {
  const t = group.totals;
  return [
    `${t.covered}/${t.covered + t.gap}`,
    ...unmapped(t.gap, citedOnlyCount(group.requirements)),
    ...(t.excluded ? [`${t.excluded} excluded`] : []),
    ...(t.outOfScope ? ['out of scope'] : []),
  ].join(' · ');
}

/** The status item's line for a framework in scope. */
export function statusLine(fw: FrameworkCoverage): string {
  const t = fw.totals;
  const rest = unmapped(t.gap, citedOnlyCount(fw.groups.flatMap((g) => g.requirements)));
  return `${fw.title}: ${t.covered} of ${t.covered + t.gap} covered${rest.length > 0 ? `, ${rest.join(', ')}` : ''}`;
}

export function requirementDescription(r: RequirementCoverage): string {
  const count = r.controls.length + r.policies.length;
  if (r.status === 'covered') return `${count} covering`;
  if (r.status === 'excluded') return 'excluded';
  if (r.status === 'out-of-scope') return 'out of scope';
  const what = isCitedOnly(r) ? 'cited only' : 'gap';
  return r.managementSystem ? `${what} · management system` : what;
}

/** Where a policy's text maps a requirement, in the server's words ("mapped in its text: heading"). */
const IN_TEXT: Record<NonNullable<CoveringEntity['inText']>, string> = { heading: 'heading', section: 'mappings section', soa: 'SoA table' };

/** What a covering control or policy shows beside its id: "policy · docs/soc2.md:12 · mapped in its text: heading". */
export function coverDescription(what: 'control' | 'policy', entity: CoveringEntity, requirement?: string): string {
  const via = requirement !== undefined && entity.via !== requirement ? ` (maps ${entity.via})` : '';
  return `${what} · ${entity.path}:${entity.line}${via}${entity.inText ? ` · mapped in its text: ${IN_TEXT[entity.inText]}` : ''}`;
}

export function requirementTooltip(r: RequirementCoverage): string {
  if (r.justification) return `Excluded: ${r.justification}${r.excludedIn ? ` (stated in ${r.excludedIn.path}:${r.excludedIn.line})` : ''}`;
  if (r.status === 'gap') return gapNote(r);
  return `${r.id} ${r.title}: ${r.status}`;
}

/** The tooltip of a gap: who cites it, what the crosswalk says may already serve it, or why nothing does. */
function gapNote(r: RequirementCoverage): string {
  const cited = r.citedBy ?? [];
  const lines = isCitedOnly(r)
    ? [
        `${r.id} ${r.title}: cited only, in ${cited.slice(0, 5).join(', ')}${cited.length > 5 ? ` and ${cited.length - 5} more` : ''}`,
        "No control or policy maps it, so it counts as a gap: add it to the citing policy's mappings (the quick fix on the citation) to count it",
      ]
    : [`${r.id} ${r.title}: gap, nothing in this repository maps it`];
  const covered = r.counterparts.filter((c) => c.status === 'covered');
  if (covered.length > 0) lines.push(`Covered counterparts: ${covered.map((c) => `${c.id} (${c.strength})`).join(', ')}: their controls may serve it too`);
  else if (r.counterparts.length > 0) lines.push(`Counterparts, none covered: ${r.counterparts.map((c) => c.id).join(', ')}`);
  for (const n of r.noCounterpart ?? []) lines.push(`No ${n.framework} counterpart: ${n.note}`);
  if (r.managementSystem) lines.push('Management-system requirement: SOC 2 has no counterpart');
  return lines.join('\n');
}
