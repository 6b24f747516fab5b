// The crosswalk pairs the tool reasons with, bundled and the repository's
// own, as one table per crosswalk: what `crosswalk crosswalk` exports for an
// auditor to read.
import { normalisePath, type Project } from '../engine/project.ts';
import type { Crosswalk, Relationship, Strength } from '../knowledge/frameworks/model.ts';

export interface CrosswalkRow {
  sourceId: string;
  sourceTitle: string;
  targetId: string;
  targetTitle: string;
  relationship: Relationship | 'no-counterpart';
  /** Empty for a declared no-counterpart entry. */
  strength: Strength | '';
  netNew: boolean;
  evidence: string[];
  /** The pair's rationale, or a no-counterpart entry's note. */
  rationale: string;
  reviewed: string;
}

export interface CrosswalkTable {
  id: string;
  title: string;
  from: { framework: string; short: string };
  to: { framework: string; short: string };
  /** The file it was read from: the repository path, or for a bundled crosswalk its file name. */
  file: string;
  bundled: boolean;
  lastReviewed?: string;
  sources: Record<string, string>;
  rows: CrosswalkRow[];
}

export function crosswalkTables(project: Project): CrosswalkTable[] {
  return project.registry.crosswalks.map((cw) => table(project, cw));
}

function table(project: Project, cw: Crosswalk): CrosswalkTable {
  const reg = project.registry;
  const title = (framework: string, id: string): string => reg.requirement(framework, id)?.title ?? '';
  const side = (framework: string): { framework: string; short: string } => ({ framework, short: reg.framework(framework)?.short ?? framework });
  const rows: CrosswalkRow[] = cw.pairs.map((p) => ({
    sourceId: p.from,
    sourceTitle: title(cw.from, p.from),
    targetId: p.to,
    targetTitle: title(cw.to, p.to),
    relationship: p.relationship,
    strength: p.strength,
    netNew: p.netNew,
    evidence: p.evidence,
    rationale: p.rationale,
    reviewed: p.reviewed ?? '',
  }));
  for (const n of cw.noCounterpart) {
    const from = n.side === 'from';
    rows.push({
      sourceId: from ? n.id : '',
      sourceTitle: from ? title(cw.from, n.id) : '',
      targetId: from ? '' : n.id,
      targetTitle: from ? '' : title(cw.to, n.id),
      relationship: 'no-counterpart',
      strength: '',
      netNew: false,
      evidence: [],
      rationale: n.note,
      reviewed: '',
    });
  }
  // A repository's own crosswalks are read from the paths crosswalk.yaml names; anything else came with the tool.
  const bundled = !project.config.customCrosswalks.some((e) => normalisePath(e.text) === cw.source);
  const file = bundled ? (cw.source.split(/[\\/]/).at(-1) ?? cw.source) : cw.source;
  const out: CrosswalkTable = { id: cw.id, title: cw.title, from: side(cw.from), to: side(cw.to), file, bundled, sources: cw.sources, rows };
  if (cw.lastReviewed !== undefined) out.lastReviewed = cw.lastReviewed;
  return out;
}
