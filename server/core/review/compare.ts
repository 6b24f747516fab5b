// What a change to the catalogue does: the findings it introduces and fixes
// (matched by fingerprint) and how coverage moves per framework and
// requirement. Both sides are analysed by the same engine; this only compares.
import type { Finding } from '../types.ts';
import type { CoverageReport, CoverageStatus, CoveringEntity, Totals } from '../queries/coverage.ts';
import { unmatched } from './baseline.ts';

/** One side of a comparison: its findings with their fingerprints, and its coverage. */
export interface AnalysedTree {
  findings: readonly Finding[];
  fingerprints: readonly string[];
  coverage: CoverageReport;
}

export interface RequirementChange {
  id: string;
  title: string;
  from: CoverageStatus;
  to: CoverageStatus;
  /** Controls and policies covering it before and after. */
  before: string[];
  after: string[];
  /** One line for a reviewer: "removes the last control covering CC6.1". */
  summary: string;
}

export interface StatusMove {
  from: CoverageStatus;
  to: CoverageStatus;
  count: number;
  /** "moves 4 ISO 27001 requirements from gap to covered". */
  summary: string;
}

export interface FrameworkChange {
  framework: string;
  short: string;
  before: Totals;
  after: Totals;
  moves: StatusMove[];
  requirements: RequirementChange[];
}

export interface Comparison {
  introduced: Finding[];
  fixed: Finding[];
  coverage: FrameworkChange[];
}

const WORD: Record<CoverageStatus, string> = { covered: 'covered', gap: 'gap', excluded: 'excluded', 'out-of-scope': 'out of scope' };

export function compareTrees(base: AnalysedTree, head: AnalysedTree): Comparison {
  const introduced = unmatched(head.fingerprints, base.fingerprints).map((i) => head.findings[i]!);
  const fixed = unmatched(base.fingerprints, head.fingerprints).map((i) => base.findings[i]!);
  return { introduced, fixed, coverage: compareCoverage(base.coverage, head.coverage) };
}

export function compareCoverage(base: CoverageReport, head: CoverageReport): FrameworkChange[] {
  const out: FrameworkChange[] = [];
  for (const after of head.frameworks) {
    const before = base.frameworks.find((f) => f.framework === after.framework);
    if (!before || (!before.inScope && !after.inScope)) continue;
    const old = new Map(before.groups.flatMap((g) => g.requirements).map((r) => [r.id, r]));
    const requirements: RequirementChange[] = [];
    for (const r of after.groups.flatMap((g) => g.requirements)) {
      const was = old.get(r.id);
      if (!was || was.status === r.status) continue;
      const beforeIds = coveringIds(was.controls, was.policies);
      const afterIds = coveringIds(r.controls, r.policies);
      requirements.push({
        id: r.id,
        title: r.title,
        from: was.status,
        to: r.status,
        before: beforeIds,
        after: afterIds,
        summary: changeSummary(r.id, was.status, r.status, was.controls.length > 0, was.policies.length > 0, afterIds),
      });
    }
    const counts = new Map<string, StatusMove>();
    for (const c of requirements) {
      const key = `${c.from}>${c.to}`;
      const move = counts.get(key) ?? { from: c.from, to: c.to, count: 0, summary: '' };
      move.count++;
      counts.set(key, move);
    }
    const moves = [...counts.values()].map((m) => ({ ...m, summary: `moves ${m.count} ${after.short} requirement${m.count === 1 ? '' : 's'} from ${WORD[m.from]} to ${WORD[m.to]}` }));
    if (requirements.length > 0) out.push({ framework: after.framework, short: after.short, before: before.totals, after: after.totals, moves, requirements });
  }
  return out;
}

function coveringIds(controls: readonly CoveringEntity[], policies: readonly CoveringEntity[]): string[] {
  return [...controls, ...policies].map((e) => e.id);
}

function changeSummary(id: string, from: CoverageStatus, to: CoverageStatus, hadControls: boolean, hadPolicies: boolean, afterIds: readonly string[]): string {
  if (from === 'covered' && to === 'gap') {
    const what = hadControls && hadPolicies ? 'control or policy' : hadControls ? 'control' : 'policy';
    return `removes the last ${what} covering ${id}`;
  }
  if (from === 'gap' && to === 'covered') return `adds ${id} (covered by ${afterIds.join(', ')})`;
  return `moves ${id} from ${WORD[from]} to ${WORD[to]}`;
}
