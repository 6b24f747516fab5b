import type { Finding } from '../types.ts';
import type { Definition } from '../model/facts.ts';
import { workspaceRule } from './rule.ts';
import { MAX_NAMED, MAX_RELATED } from './util.ts';
import { firstAndMore } from '../text/lists.ts';

const STOP = new Set(['a', 'an', 'the', 'of', 'or', 'and', 'to', 'in', 'on', 'for', 'by', 'any', 'all', 'that', 'which', 'is', 'are', 'be', 'as', 'with', 'its', 'it', 'such', 'this', 'these', 'other', 'means']);

function tokens(text: string): Set<string> {
  return new Set(text.toLowerCase().replace(/[^a-z0-9\s]+/g, ' ').split(/\s+/).filter((w) => w.length > 1 && !STOP.has(w)).map((w) => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w)));
}

/** Same meaning in other words passes; a different meaning does not (compared on their tokens). */
function sameMeaning(x: Set<string>, y: Set<string>): boolean {
  if (x.size === 0 || y.size === 0) return true;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared) >= 0.5;
}

export const conflictingDefinition = workspaceRule({
  code: 'conflicting-definition',
  severity: 'warning',
  summary: 'The same term defined differently in two places.',
  *keys(file) {
    for (const d of file.definitions ?? []) yield d.key;
  },
  check(key, _index, _ctx, members, finding) {
    const defs: Array<{ path: string; d: Definition }> = [];
    for (const file of members) for (const d of file.definitions ?? []) if (d.key === key) defs.push({ path: file.path, d });
    // Compared once per distinct wording: a glossary pasted into hundreds of policies is one text, not a pair per two copies.
    const wordings = [...new Set(defs.map((x) => x.d.definition))];
    const words = new Map(wordings.map((w) => [w, tokens(w)]));
    const clashesOf = new Map<string, Array<{ path: string; d: Definition }>>();
    for (const w of wordings) {
      const differ = new Set(wordings.filter((v) => !sameMeaning(words.get(w)!, words.get(v)!)));
      clashesOf.set(w, differ.size === 0 ? [] : defs.filter((y) => differ.has(y.d.definition)));
    }
    const out: Finding[] = [];
    for (const x of defs) {
      const clashes = clashesOf.get(x.d.definition)!;
      if (clashes.length === 0) continue;
      const where = firstAndMore(clashes, MAX_NAMED, (y) => `${y.path}:${y.d.range.start.line + 1}${y.d.owner ? ` (${y.d.owner})` : ''}`);
      const f = finding(x.path, x.d.range, `'${x.d.term}' is defined differently in ${where}: "${clip(x.d.definition)}" here, "${clip(clashes[0]!.d.definition)}" there; keep one definition (a shared glossary) and refer to it`);
      f.related = clashes.slice(0, MAX_RELATED).map((y) => ({ path: y.path, range: y.d.range, message: `'${y.d.term}': ${clip(y.d.definition)}` }));
      out.push(f);
    }
    return out;
  },
});

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
