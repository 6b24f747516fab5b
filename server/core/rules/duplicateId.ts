import { workspaceRule } from './rule.ts';
import { MAX_NAMED, MAX_RELATED, noun } from './util.ts';

export const duplicateId = workspaceRule({
  code: 'duplicate-id',
  severity: 'error',
  summary: 'Two controls (or two policies) with the same id.',
  *keys(file) {
    for (const e of file.entities) if (e.id !== undefined) yield `${e.kind}\u0000${e.id}`;
  },
  check(key, index, _ctx, _members, finding) {
    const [kind, id] = key.split('\u0000') as ['control' | 'policy', string];
    const all = index.definitions(kind, id);
    if (all.length < 2) return [];
    // Translations of one document share its id and differ in `lang`: a duplicate is the same id in the same language.
    const langOf = (d: (typeof all)[number]): string => d.item.lang?.text.trim().toLowerCase() ?? '';
    const byLang = new Map<string, typeof all>();
    for (const d of all) (byLang.get(langOf(d)) ?? byLang.set(langOf(d), []).get(langOf(d))!).push(d);
    return [...byLang.values()].flatMap((found) => (found.length < 2 ? [] : report(found)));

    function report(found: typeof all): ReturnType<typeof finding>[] {
      // In path and line order, not the order files happened to be indexed: an edit must not reword the others.
      const defs = [...found].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.item.idRange.start.line - b.item.idRange.start.line));
      // The others' heads only (the list without d, cut short): 40,000 copies of an id cost 40,000 findings, not their square.
      const head = defs.slice(0, MAX_RELATED + 1);
      return defs.map((d) => {
        const others = head.filter((o) => o !== d).slice(0, MAX_RELATED);
        // Named up to a few: an id pasted into thousands of files must not make each message list them all.
        const named = others
          .slice(0, MAX_NAMED)
          .map((o) => `${o.path}:${o.item.idRange.start.line + 1}`)
          .join(', ');
        const where = defs.length - 1 > MAX_NAMED ? `${named} and ${defs.length - 1 - MAX_NAMED} more` : named;
        const f = finding(d.path, d.item.idRange, `${noun(d.item)} id ${id} is also defined at ${where}: give each ${kind} its own id`);
        f.related = others.map((o) => ({ path: o.path, range: o.item.idRange, message: `${kind} ${id} also defined here` }));
        return f;
      });
    }
  },
});
