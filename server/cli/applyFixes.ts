// `crosswalk check --fix`: applies the fixes that involve no judgement
// (spelling, 2013 -> 2022 migration, moving an id to its framework) to the
// files, each written whole or not at all, and never over a file that changed
// since it was analysed.
import type { Finding, Fix, TextEdit } from '../core/types.ts';
import { LineIndex } from '../core/text/lineIndex.ts';

/** Rules whose fixes are mechanical. Suggestions for unknown ids or stricter frequencies need a person. */
export const AUTOFIX_RULES: ReadonlySet<string> = new Set(['non-canonical-id', 'legacy-id', 'wrong-framework']);

export interface FixPlan {
  /** New text per path, for the files that change. */
  texts: Map<string, string>;
  applied: number;
  /** Fixes left out because their edits overlap one already taken (applied by a second run). */
  deferred: number;
}

/** The single fix to apply for a finding, or undefined when there is none or a person must choose. */
function chosen(f: Finding): Fix | undefined {
  if (!AUTOFIX_RULES.has(f.rule) || !f.fixes || f.fixes.length === 0) return undefined;
  return f.fixes.find((x) => x.preferred) ?? (f.fixes.length === 1 ? f.fixes[0] : undefined);
}

export function planFixes(findings: readonly Finding[], original: ReadonlyMap<string, string>): FixPlan {
  const byPath = new Map<string, Array<{ start: number; end: number; text: string }>>();
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
    const overlaps = spans.some((s) => (byPath.get(s!.path) ?? []).some((o) => s!.start < o.end && o.start < s!.end || (s!.start === s!.end && s!.start === o.start && o.start === o.end)));
    if (overlaps) {
      deferred++;
      continue;
    }
    for (const s of spans) byPath.set(s!.path, [...(byPath.get(s!.path) ?? []), { start: s!.start, end: s!.end, text: s!.text }]);
    applied++;
  }
  const texts = new Map<string, string>();
  for (const [path, edits] of byPath) {
    let text = original.get(path)!;
    for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    texts.set(path, text);
  }
  return { texts, applied, deferred };
}
