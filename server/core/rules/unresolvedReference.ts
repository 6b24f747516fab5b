import { workspaceRule } from './rule.ts';
import { orList, replaceFix } from './util.ts';

export const unresolvedReference = workspaceRule({
  code: 'unresolved-reference',
  severity: 'error',
  suggestsIds: true,
  summary: 'A control names a policy (or a policy a control) that no file defines.',
  // Definitions are keys too: a file that defines the id, arriving or leaving, re-checks its references.
  *keys(file) {
    for (const e of file.entities) {
      if (e.id !== undefined) yield `${e.kind}\u0000${e.id}`;
      for (const r of e.refs) yield `${r.kind}\u0000${r.id}`;
    }
  },
  check(key, index, _ctx, _members, finding) {
    const [kind, id] = key.split('\u0000') as ['control' | 'policy', string];
    if (index.definitions(kind, id).length > 0) return [];
    const other = kind === 'policy' ? 'control' : 'policy';
    const isOther = index.definitions(other, id).length > 0;
    const suggestions = isOther ? [] : index.entitySpellings(kind).closest(id, 3, 3);
    return index.references(kind, id).map((r) => {
      const why = isOther ? `${id} is a ${other}, not a ${kind}` : `no ${kind} has the id ${id}${suggestions.length > 0 ? `; did you mean ${orList(suggestions)}?` : ''}`;
      const fixes = suggestions.map((s, i) => replaceFix(`Replace with ${s}`, r.path, r.item.range, s, i === 0));
      return finding(r.path, r.item.range, `'${r.item.field}' names ${kind} ${id}, but ${why}`, fixes);
    });
  },
});
