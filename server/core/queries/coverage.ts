// The coverage model: for each framework requirement, which controls and
// policies cover it and whether it is covered, a gap, excluded (with the
// Statement of Applicability's justification) or out of scope. The CLI's
// tables, the editor's tree view and hovers all read this one model.
import type { Strength } from '../knowledge/frameworks/model.ts';
import { counterpartIs, type Relative } from '../knowledge/frameworks/relationship.ts';
import type { Project } from '../engine/project.ts';
import type { IdRef, TextMappingPlace } from '../model/facts.ts';
import type { Located, Mapper } from '../rules/rule.ts';
import { mapperName } from '../model/mapperName.ts';
import { frameworksInScope } from '../knowledge/config/config.ts';
import type { Framework } from '../knowledge/frameworks/model.ts';

export type CoverageStatus = 'covered' | 'gap' | 'excluded' | 'out-of-scope';

export interface CoveringEntity {
  /** Its id; a policy without front matter that states none is named by its file (Privacy_Policy.md). */
  id: string;
  path: string;
  /** Where it maps the requirement: its id, or the line of its text that declares the mapping. */
  line: number;
  /** The id it maps: the requirement itself or a parent clause. */
  via: string;
  /** Mapped in its text (a heading, a mappings section, a Statement of Applicability row), not by a field. */
  inText?: TextMappingPlace;
}

export interface RequirementCoverage {
  framework: string;
  id: string;
  title: string;
  /** Category or part, then series or theme. */
  group: string;
  subgroup?: string;
  /** ISO 27001 clauses 4-10: the management system itself, which SOC 2 has no counterpart for. */
  managementSystem: boolean;
  status: CoverageStatus;
  controls: CoveringEntity[];
  policies: CoveringEntity[];
  justification?: string;
  /** An exclusion stated by a Statement of Applicability table in a policy's text (not crosswalk.yaml): where. */
  excludedIn?: { path: string; line: number };
  /**
   * Crosswalk counterparts in other in-scope frameworks, with their own status, how each relates to
   * this requirement, its strength, and whether this side is still net-new management-system work.
   */
  counterparts: Array<{ framework: string; id: string; status: CoverageStatus; strength: Strength; relationship: Relative; netNew: boolean }>;
  /** In-scope frameworks a crosswalk declares to have no counterpart of it, with the crosswalk's note (only when there are some). */
  noCounterpart?: Array<{ framework: string; note: string }>;
  /** A gap that policies cite in their text (by id, or by path when a policy has none): "cited only", still a gap until a field maps it. */
  citedBy?: string[];
}

export interface Totals {
  requirements: number;
  covered: number;
  gap: number;
  excluded: number;
  outOfScope: number;
  /** Gaps that policies cite in their text: counted in `gap` too. */
  citedOnly: number;
}

export interface GroupCoverage {
  id: string;
  title: string;
  totals: Totals;
  requirements: RequirementCoverage[];
}

export interface FrameworkCoverage {
  framework: string;
  title: string;
  short: string;
  inScope: boolean;
  totals: Totals;
  groups: GroupCoverage[];
}

export interface CoverageReport {
  organization?: string;
  frameworks: FrameworkCoverage[];
  /** Requirement ids that mapping files map under standards Crosswalk does not bundle (NIST CSF, PCI DSS, ...), by standard, most first. */
  unbundled?: Array<{ standard: string; ids: number }>;
}

export function emptyTotals(): Totals {
  return { requirements: 0, covered: 0, gap: 0, excluded: 0, outOfScope: 0, citedOnly: 0 };
}

export function addTo(t: Totals, row: Pick<RequirementCoverage, 'status' | 'citedBy'>): void {
  t.requirements++;
  const status = row.status;
  if (status === 'covered') t.covered++;
  else if (status === 'gap') t.gap++;
  else if (status === 'excluded') t.excluded++;
  else t.outOfScope++;
  if (row.citedBy) t.citedOnly++;
}

/** Covered share of what is applicable (excluded and out-of-scope requirements do not count). */
export function percent(t: Totals): number {
  const applicable = t.covered + t.gap;
  return applicable === 0 ? 100 : Math.round((t.covered / applicable) * 1000) / 10;
}

export function computeCoverage(project: Project): CoverageReport {
  const reg = project.registry;
  const config = project.config;
  const inScope = frameworksInScope(config);
  const exclusions = exclusionsOf(project);

  const statusOf = new Map<string, CoverageStatus>();
  const rows: RequirementCoverage[] = [];
  const categories = project.soc2Categories();
  const cited = citations(project);
  for (const fw of reportOrder(reg.frameworks, inScope)) {
    if (fw.legacy) continue;
    for (const req of fw.requirements) {
      if (!reg.isLeaf(fw.id, req.id)) continue;
      const chain = reg.groupChain(fw.id, req.id);
      // ISO's top groups are parts (clauses, Annex A): group Annex A by theme instead.
      const shown = chain[0]?.kind === 'part' && chain[1] ? chain[1] : chain[0];
      const { controls, policies } = coveringOf(project, fw.id, req.id);
      const status = coverageStatus(project, fw.id, req.id, controls.length + policies.length > 0, inScope, exclusions, categories);
      statusOf.set(`${fw.id}\u0000${req.id}`, status);
      const row: RequirementCoverage = {
        framework: fw.id,
        id: req.id,
        title: req.title,
        group: shown?.title ?? fw.short,
        managementSystem: fw.id === 'iso27001' && chain[0]?.id === 'clauses',
        status,
        controls,
        policies,
        counterparts: [],
      };
      if (chain[1] && chain[1] !== shown) row.subgroup = chain[1].title;
      if (status === 'excluded') {
        const x = exclusions.get(req.id)!;
        row.justification = x.justification;
        if (x.inText) row.excludedIn = x.inText;
      }
      const citing = status === 'gap' ? cited.get(`${fw.id}\u0000${req.id}`) : undefined;
      if (citing) row.citedBy = [...citing].sort();
      rows.push(row);
    }
  }
  for (const row of rows) {
    const seen = new Set<string>();
    for (const c of reg.counterpartsWithin(row.framework, row.id)) {
      if (!inScope.includes(c.framework)) continue;
      for (const leaf of reg.leavesUnder(c.framework, c.id)) {
        const key = `${c.framework}\u0000${leaf}`;
        if (seen.has(key)) continue;
        seen.add(key);
        row.counterparts.push({ framework: c.framework, id: leaf, status: statusOf.get(key) ?? 'out-of-scope', strength: c.pair.strength, relationship: counterpartIs(c), netNew: c.pair.netNew });
      }
    }
    const declared = reg
      .ancestry(row.framework, row.id)
      .flatMap((a) => reg.declaredWithoutCounterpart(row.framework, a))
      .filter((d) => inScope.includes(d.other));
    if (declared.length > 0) row.noCounterpart = declared.map((d) => ({ framework: d.other, note: d.entry.note }));
  }

  const frameworks: FrameworkCoverage[] = [];
  for (const fw of reportOrder(reg.frameworks, inScope)) {
    if (fw.legacy) continue;
    const fc: FrameworkCoverage = { framework: fw.id, title: fw.title, short: fw.short, inScope: inScope.includes(fw.id), totals: emptyTotals(), groups: [] };
    for (const row of rows) {
      if (row.framework !== fw.id) continue;
      let g = fc.groups.find((x) => x.title === row.group);
      if (!g) fc.groups.push((g = { id: groupId(reg.groupChain(fw.id, row.id)) ?? fw.id, title: row.group, totals: emptyTotals(), requirements: [] }));
      g.requirements.push(row);
      addTo(g.totals, row);
      addTo(fc.totals, row);
    }
    frameworks.push(fc);
  }
  const report: CoverageReport = { frameworks };
  if (config.organization !== undefined) report.organization = config.organization;
  const unbundled = new Map<string, number>();
  for (const file of project.catalogue.files()) for (const [standard, n] of Object.entries(file.unbundled ?? {})) unbundled.set(standard, (unbundled.get(standard) ?? 0) + n);
  if (unbundled.size > 0) report.unbundled = [...unbundled].map(([standard, ids]) => ({ standard, ids })).sort((a, b) => b.ids - a.ids || a.standard.localeCompare(b.standard));
  return report;
}

/** Requirements policies cite in their text, with who cites them. */
function citations(project: Project): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const file of project.catalogue.files()) {
    if (file.kind !== 'policy') continue;
    const who = file.entities[0]?.id ?? file.path;
    for (const ref of file.prose) {
      const r = ref.resolution;
      if (r.kind !== 'valid') continue;
      const key = `${r.framework}\u0000${r.id}`;
      (out.get(key) ?? out.set(key, new Set()).get(key)!).add(who);
    }
  }
  return out;
}

/** The controls and policies that map a requirement or one of its parent clauses; a field's mapping before one in the text. */
export function coveringOf(project: Project, framework: string, id: string): { controls: CoveringEntity[]; policies: CoveringEntity[] } {
  // A large catalogue maps one criterion hundreds of times: dedupe through a map, not a scan.
  const found = new Map<string, CoveringEntity & { kind: string }>();
  for (const via of project.registry.ancestry(framework, id)) {
    for (const m of project.catalogue.mappers(framework, via)) {
      const name = mapperName(m.entity, m.path);
      if (name === undefined) continue;
      // An entity without an id is named by its file: two files of one name are two documents.
      const key = `${m.entity.kind}\u0000${name}${m.entity.id === undefined ? `\u0000${m.path}` : ''}`;
      const known = found.get(key);
      if (known && (known.inText === undefined || m.inText !== undefined)) continue;
      found.set(key, { ...covering(m, name, via), kind: m.entity.kind });
    }
  }
  const controls: CoveringEntity[] = [];
  const policies: CoveringEntity[] = [];
  for (const { kind, ...c } of found.values()) (kind === 'control' ? controls : policies).push(c);
  return { controls: controls.sort(byId), policies: policies.sort(byId) };
}

/** Annex A controls excluded in the Statement of Applicability, with their justification: in crosswalk.yaml, else in a policy's SoA table. */
interface Exclusions {
  get(id: string): { justification: string; inText?: { path: string; line: number } } | undefined;
  has(id: string): boolean;
}

function exclusionsOf(project: Project): Exclusions {
  const configured = new Map(project.config.soaExclusions.filter((x) => x.canonical).map((x) => [x.canonical!, x.justification?.text ?? '']));
  const get = (id: string): ReturnType<Exclusions['get']> => {
    const justification = configured.get(id);
    if (justification !== undefined) return { justification };
    const row = project.catalogue.exclusionsInText(id).reduce<Located<IdRef> | undefined>((a, b) => (!a || b.path < a.path ? b : a), undefined);
    return row ? { justification: row.item.excludedBecause!.text, inText: { path: row.path, line: row.item.range.start.line + 1 } } : undefined;
  };
  return { get, has: (id) => configured.has(id) || project.catalogue.exclusionsInText(id).length > 0 };
}

function coverageStatus(project: Project, framework: string, id: string, covered: boolean, inScope: string[], exclusions: Exclusions, categories?: readonly string[]): CoverageStatus {
  const category = project.registry.groupChain(framework, id)[0];
  const categoryInScope = framework !== 'soc2' || (category !== undefined && (categories ?? project.soc2Categories()).includes(category.id));
  if (!inScope.includes(framework) || !categoryInScope) return 'out-of-scope';
  if (framework === 'iso27001' && exclusions.has(id)) return 'excluded';
  return covered ? 'covered' : 'gap';
}

/** The status alone, without listing what covers it: cheap enough for every counterpart in a hover. */
export function statusOnly(project: Project, framework: string, id: string): CoverageStatus {
  const covered = project.registry.ancestry(framework, id).some((via) => project.catalogue.mappers(framework, via).some((m) => mapperName(m.entity, m.path) !== undefined));
  return coverageStatus(project, framework, id, covered, frameworksInScope(project.config), exclusionsOf(project));
}

/** Coverage of one requirement (a leaf, or a parent clause counted through its own mappings). */
export function requirementStatus(project: Project, framework: string, id: string): { status: CoverageStatus; controls: CoveringEntity[]; policies: CoveringEntity[] } {
  const { controls, policies } = coveringOf(project, framework, id);
  return { status: coverageStatus(project, framework, id, controls.length + policies.length > 0, frameworksInScope(project.config), exclusionsOf(project)), controls, policies };
}

function groupId(chain: ReturnType<Project['registry']['groupChain']>): string | undefined {
  return (chain[0]?.kind === 'part' && chain[1] ? chain[1] : chain[0])?.id;
}

function covering(m: Mapper, name: string, via: string): CoveringEntity {
  const c: CoveringEntity = { id: name, path: m.path, line: (m.inText?.range ?? m.entity.idRange).start.line + 1, via };
  if (m.inText?.declaredIn !== undefined) c.inText = m.inText.declaredIn;
  return c;
}

function byId(a: CoveringEntity, b: CoveringEntity): number {
  return a.id.localeCompare(b.id);
}

/** In-scope frameworks in the order the configuration lists them, then the others. */
function reportOrder(frameworks: readonly Framework[], inScope: readonly string[]): Framework[] {
  const rank = (f: Framework): number => (inScope.includes(f.id) ? inScope.indexOf(f.id) : inScope.length);
  return [...frameworks].sort((a, b) => rank(a) - rank(b));
}
