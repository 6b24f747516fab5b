// The fixes that involve no judgement (spelling, 2013 -> 2022 migration,
// moving an id to its framework), planned over the files' texts: what
// `crosswalk check --fix` writes and what the editor's fix-all applies.
import type { Finding, Fix, TextEdit } from '../types.ts';
import { LineIndex } from '../text/lineIndex.ts';
import type { Project } from '../engine/project.ts';

/** Rules whose fixes are mechanical. Suggestions for unknown ids or stricter frequencies need a person. */
export const AUTOFIX_RULES: ReadonlySet<string> = new Set(['non-canonical-id', 'legacy-id', 'wrong-framework']);

export interface FixPlan {
  /** New text per path, for the files that change. */
  texts: Map<string, string>;
  /** The edits taken per path, in the original text's positions (what an editor applies). */
  edits: Map<string, TextEdit[]>;
  applied: number;
  /** Fixes left out because their edits overlap one already taken (applied by a second run). */
  deferred: number;
}

/** The single fix to apply for a finding, or undefined when there is none or a person must choose. */
function chosen(f: Finding): Fix | undefined {
  if (!AUTOFIX_RULES.has(f.rule) || !f.fixes || f.fixes.length === 0) return undefined;
  return f.fixes.find((x) => x.preferred) ?? (f.fixes.length === 1 ? f.fixes[0] : undefined);
}

/** The findings that have a fix to apply without a person, in one file or in all of them. */
export function autofixable(project: Project, path?: string): Finding[] {
  const paths = path === undefined ? [...project.catalogue.pathsWithFindings()] : [path];
  return paths.flatMap((p) => project.findings(p)).filter((f) => chosen(f) !== undefined);
}

export function planFixes(findings: readonly Finding[], original: ReadonlyMap<string, string>): FixPlan {
  const byPath = new Map<string, Array<{ start: number; end: number; text: string }>>();
  const edits = new Map<string, TextEdit[]>();
  let applied = 0;
  let deferred = 0;
  for (const f of findings) {
    const fix = chosen(f);
    if (!fix) continue;
    const spans = fix.edits.map((e: TextEdit) => {
      const text = original.get(e.path);
      if (text === undefined) return undefined;
      const lines = new LineIndex(text);
      return { path: e.path, start: lines.offset(e.range.start), end: lines.offset(e.range.end), text: e.newText };
    });
    if (spans.some((s) => s === undefined)) continue;
    // A fix is taken whole or not at all: one overlapping edit defers all of it.
    const overlaps = spans.some((s) => (byPath.get(s!.path) ?? []).some((o) => (s!.start < o.end && o.start < s!.end) || (s!.start === s!.end && s!.start === o.start && o.start === o.end)));
    if (overlaps) {
      deferred++;
      continue;
    }
    for (const s of spans) byPath.set(s!.path, [...(byPath.get(s!.path) ?? []), { start: s!.start, end: s!.end, text: s!.text }]);
    for (const e of fix.edits) edits.set(e.path, [...(edits.get(e.path) ?? []), e]);
    applied++;
  }
  const texts = new Map<string, string>();
  for (const [path, spans] of byPath) {
    let text = original.get(path)!;
    for (const e of [...spans].sort((a, b) => b.start - a.start || b.end - a.end)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    texts.set(path, text);
  }
  return { texts, edits, applied, deferred };
}
