// The readiness model: for a team that holds one framework (SOC 2) and goes
// for the other (ISO 27001), or the reverse, how far the controls it already
// has reach through the crosswalk, what is left, and which evidence serves both.
import type { Strength } from '../knowledge/frameworks/model.ts';
import type { Relative } from '../knowledge/frameworks/relationship.ts';
import type { Project } from '../engine/project.ts';
import { computeCoverage, type CoverageReport, type RequirementCoverage } from './coverage.ts';
import { coveringLabel } from './mappedInText.ts';

/**
 * How one requirement of the framework pursued stands:
 * mapped (a control or policy maps it), crosswalk (a strong, not net-new counterpart in the held framework
 * is covered: existing controls likely meet it), partial (only partial counterparts are covered), net-new
 * (an ISO management-system clause nothing covers, or one whose covered counterparts are all net-new pairs),
 * gap (nothing reaches it).
 */
export type ReadinessClass = 'mapped' | 'crosswalk' | 'partial' | 'net-new' | 'gap';
export const READINESS_CLASSES: readonly ReadinessClass[] = ['mapped', 'crosswalk', 'partial', 'net-new', 'gap'];

export interface ReadinessItem {
  id: string;
  title: string;
  group: string;
  cls: ReadinessClass;
  /** For crosswalk and partial: the covered counterparts and the controls behind them; for net-new: the covered topics it overlaps. */
  via: Array<{ id: string; strength: Strength; relationship: Relative; netNew: boolean; controls: string[] }>;
  /** For net-new and gap: why the crosswalk declares the held framework to have no counterpart of it. */
  noCounterpart?: string;
  /** For mapped: what maps it. */
  covering: string[];
  /** Mapped, but only by policies' text (headings, mappings sections, SoA tables), by no field. */
  mappedInText?: true;
  /** Not mapped, but cited in the text of these policies (ids, or paths of policies without one): "cited only". */
  citedBy?: string[];
}

export type ClassCounts = Record<ReadinessClass, number>;

export interface ReadinessDirection {
  held: { framework: string; short: string; covered: number; applicable: number };
  pursued: { framework: string; short: string };
  counts: ClassCounts;
  /** Of the mapped items, those only policies' text maps. */
  mappedInText: number;
  /** Items that policies cite in their text but no field maps, whatever their class: listed apart as "cited only". */
  citedOnly: number;
  groups: Array<{ title: string; counts: ClassCounts }>;
  items: ReadinessItem[];
}

export interface SharedEvidence {
  control: string;
  path: string;
  evidence: string;
  description: string;
  source: string;
  /** Framework short name -> ids the control maps. */
  frameworks: Array<{ short: string; ids: string[] }>;
}

export interface ReadinessReport {
  organization?: string;
  date: string;
  directions: ReadinessDirection[];
  sharedEvidence: SharedEvidence[];
  /** Controls, and evidence items, mapped to one framework only. */
  singleFramework: { controls: number; of: number };
}

const zero = (): ClassCounts => ({ mapped: 0, crosswalk: 0, partial: 0, 'net-new': 0, gap: 0 });

function direction(report: CoverageReport, held: string, pursued: string): ReadinessDirection | undefined {
  const h = report.frameworks.find((f) => f.framework === held);
  const p = report.frameworks.find((f) => f.framework === pursued);
  if (!h || !p || !h.inScope || !p.inScope) return undefined;
  const rows = new Map<string, RequirementCoverage>(h.groups.flatMap((g) => g.requirements).map((r) => [r.id, r]));
  // What already covers the counterpart: controls first, then policies (saying so where a policy's text maps it).
  const controlsOf = (id: string): string[] => [...(rows.get(id)?.controls ?? []), ...(rows.get(id)?.policies ?? [])].map((c) => coveringLabel(c));
  const out: ReadinessDirection = {
    held: { framework: h.framework, short: h.short, covered: h.totals.covered, applicable: h.totals.covered + h.totals.gap },
    pursued: { framework: p.framework, short: p.short },
    counts: zero(),
    mappedInText: 0,
    citedOnly: 0,
    groups: [],
    items: [],
  };
  for (const g of p.groups) {
    const counts = zero();
    for (const r of g.requirements) {
      if (r.status === 'excluded' || r.status === 'out-of-scope') continue;
      const covered = r.counterparts.filter((c) => c.framework === held && c.status === 'covered');
      // A net-new pair overlaps in topic only: the ISMS artefact is still to be built, so it counts for nothing here.
      const fromHeld = covered.filter((c) => !c.netNew);
      const strong = fromHeld.filter((c) => c.strength === 'strong');
      const cls: ReadinessClass = r.status === 'covered' ? 'mapped' : strong.length > 0 ? 'crosswalk' : fromHeld.length > 0 ? 'partial' : r.managementSystem || covered.length > 0 ? 'net-new' : 'gap';
      const shown = cls === 'crosswalk' ? strong : cls === 'partial' ? fromHeld : cls === 'net-new' ? covered : [];
      const via = shown.map((c) => ({ id: c.id, strength: c.strength, relationship: c.relationship, netNew: c.netNew, controls: controlsOf(c.id) }));
      const covering = [...r.controls, ...r.policies];
      const item: ReadinessItem = { id: r.id, title: r.title, group: g.title, cls, via, covering: covering.map((c) => c.id) };
      if (cls === 'mapped' && covering.every((c) => c.inText !== undefined)) {
        item.mappedInText = true;
        out.mappedInText++;
      }
      const declared = r.noCounterpart?.filter((d) => d.framework === held).map((d) => d.note);
      if ((cls === 'net-new' || cls === 'gap') && declared && declared.length > 0) item.noCounterpart = declared.join(' ');
      if (r.citedBy) {
        item.citedBy = r.citedBy;
        out.citedOnly++;
      }
      out.items.push(item);
      counts[cls]++;
      out.counts[cls]++;
    }
    out.groups.push({ title: g.title, counts });
  }
  return out;
}

export function computeReadiness(project: Project): ReadinessReport {
  const coverage = computeCoverage(project);
  const directions = [direction(coverage, 'soc2', 'iso27001'), direction(coverage, 'iso27001', 'soc2')].filter((d): d is ReadinessDirection => d !== undefined);
  const reg = project.registry;
  const sharedEvidence: SharedEvidence[] = [];
  let controls = 0;
  let single = 0;
  const seen = new Set<string>();
  for (const file of [...project.catalogue.files()].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    for (const e of file.entities) {
      if (e.kind !== 'control' || e.id === undefined || e.partial || seen.has(e.id)) continue;
      seen.add(e.id);
      controls++;
      const frameworks = new Map<string, string[]>();
      for (const m of e.mappings) {
        for (const ref of m.ids) {
          if (ref.resolution.kind !== 'valid' || reg.framework(ref.resolution.framework)?.legacy) continue;
          const short = reg.framework(ref.resolution.framework)?.short ?? ref.resolution.framework;
          frameworks.set(short, [...(frameworks.get(short) ?? []), ref.resolution.id]);
        }
      }
      if (frameworks.size < 2) {
        single++;
        continue;
      }
      for (const ev of e.evidence) {
        sharedEvidence.push({
          control: e.id,
          path: file.path,
          evidence: ev.id ?? '',
          description: ev.description ?? '',
          source: ev.source ?? '',
          frameworks: [...frameworks].map(([short, ids]) => ({ short, ids })),
        });
      }
    }
  }
  const report: ReadinessReport = { date: project.today, directions, sharedEvidence, singleFramework: { controls: single, of: controls } };
  if (project.config.organization !== undefined) report.organization = project.config.organization;
  return report;
}
