import type { Config } from '../knowledge/config/config.ts';
import type { EntityKind } from '../model/facts.ts';
import type { FoldedWords } from '../text/similarity.ts';
import { workspaceRule } from './rule.ts';
import { orList, replaceFix } from './util.ts';

/** Suggestions are at most this many. */
const SUGGESTED = 3;

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
  check(key, index, ctx, _members, finding) {
    const [kind, id] = key.split('\u0000') as [EntityKind, string];
    if (index.definitions(kind, id).length > 0) return [];
    const other = kind === 'policy' ? 'control' : 'policy';
    const isOther = index.definitions(other, id).length > 0;
    const suggestions = isOther ? [] : suggest(index.entitySpellings(kind), id);
    const [mine, theirs] = [kind, other].map((k) => nounFor(k as EntityKind, ctx.config));
    return index.references(kind, id).map((r) => {
      const why = isOther ? `${id} is a ${theirs}, not a ${mine}` : `no ${mine} has the id ${id}${suggestions.length > 0 ? `; did you mean ${orList(suggestions)}?` : ''}`;
      const fixes = suggestions.map((s, i) => replaceFix(`Replace with ${s}`, r.path, r.item.range, s, i === 0));
      return finding(r.path, r.item.range, `'${r.item.field}' names ${mine} ${id}, but ${why}`, fixes);
    });
  },
});

/**
 * Ids close to a missing one: the same words in another order first (`cp-review-access` for
 * `cp-access-review`), then those a few edits away, then those with one word more or fewer
 * (`cp-discipline` for `cp-staff-discipline`).
 */
function suggest(spellings: FoldedWords, id: string): string[] {
  const words = spellings.sameWords(id, SUGGESTED);
  return [...new Set([...words.reordered, ...spellings.closest(id, 3, SUGGESTED), ...words.oneApart])].slice(0, SUGGESTED);
}

/**
 * What a reference to a document is looked up among: policies, and the narratives and procedures
 * where the layout reads them (a JupiterOne mapping names procedures as often as policies).
 */
function nounFor(kind: EntityKind, config: Config): string {
  if (kind === 'control') return 'control';
  return config.narratives.length > 0 || config.procedures.length > 0 ? 'document' : 'policy';
}
