import type { Finding } from '../types.ts';
import type { Definition } from '../model/facts.ts';
import { workspaceRule } from './rule.ts';
import { MAX_NAMED, MAX_RELATED } from './util.ts';
import { itemsWithKey } from './groupedBy.ts';

/** Distinct wordings of one term each wording is compared with. */
const MAX_WORDINGS = 64;

interface Located {
  path: string;
  d: Definition;
  /** Its place in the group's document order. */
  at: number;
}

const keyOf = (d: Definition): string => d.key;

const STOP = new Set([
  'a',
  'an',
  'the',
  'of',
  'or',
  'and',
  'to',
  'in',
  'on',
  'for',
  'by',
  'any',
  'all',
  'that',
  'which',
  'is',
  'are',
  'be',
  'as',
  'with',
  'its',
  'it',
  'such',
  'this',
  'these',
  'other',
  'means',
]);

function tokens(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/[^a-z0-9\s]+/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 1 && !STOP.has(w))
      .map((w) => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w)),
  );
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
  // Its definitions of the term (wording, range, owner): an edit elsewhere in the file re-checks no term.
  reads: (file, key) => JSON.stringify(itemsWithKey(file.definitions, key, keyOf)),
  check(key, _index, _ctx, members, finding) {
    const defs: Located[] = [];
    for (const file of members) for (const d of itemsWithKey(file.definitions, key, keyOf)) defs.push({ path: file.path, d, at: defs.length });
    // Compared once per distinct wording: a glossary pasted into hundreds of policies is one text, not a pair per two copies.
    const byWording = new Map<string, Located[]>();
    for (const x of defs) {
      const same = byWording.get(x.d.definition);
      if (same) same.push(x);
      else byWording.set(x.d.definition, [x]);
    }
    const wordings = [...byWording.keys()];
    const words = new Map(wordings.map((w) => [w, tokens(w)]));
    // Each wording is compared with the first MAX_WORDINGS (all of them, unless a term is worded in hundreds of ways).
    const reference = wordings.slice(0, MAX_WORDINGS);
    const out: Finding[] = [];
    for (const w of wordings) {
      const differ = reference.filter((v) => !sameMeaning(words.get(w)!, words.get(v)!)).map((v) => byWording.get(v)!);
      if (differ.length === 0) continue;
      const count = differ.reduce((n, g) => n + g.length, 0);
      // The first few in document order, from the groups' heads: never the whole list.
      const shown = differ
        .flatMap((g) => g.slice(0, MAX_RELATED))
        .sort((a, b) => a.at - b.at)
        .slice(0, MAX_RELATED);
      for (const x of byWording.get(w)!) {
        const named = shown
          .slice(0, MAX_NAMED)
          .map((y) => `${y.path}:${y.d.range.start.line + 1}${y.d.owner ? ` (${y.d.owner})` : ''}`)
          .join(', ');
        const where = count > MAX_NAMED ? `${named} and ${count - MAX_NAMED} more` : named;
        const f = finding(
          x.path,
          x.d.range,
          `'${x.d.term}' is defined differently in ${where}: "${clip(x.d.definition)}" here, "${clip(shown[0]!.d.definition)}" there; keep one definition (a shared glossary) and refer to it`,
        );
        f.related = shown.map((y) => ({ path: y.path, range: y.d.range, message: `'${y.d.term}': ${clip(y.d.definition)}` }));
        out.push(f);
      }
    }
    // In document order, as the definitions come.
    return out;
  },
});

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
