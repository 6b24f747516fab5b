import { workspaceRule } from './rule.ts';
import type { Entity } from '../model/facts.ts';
import { MAX_NAMED, MAX_RELATED, label, noun } from './util.ts';
import { firstAndMore } from '../text/lists.ts';

function titleKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bpolicy\b/g, '')
    .trim();
}

export const duplicatePolicy = workspaceRule({
  code: 'duplicate-policy',
  severity: 'warning',
  summary: 'Two policies (different ids) with the same title: two documents in force for the same thing.',
  // A policy file holds one policy: a title with one file has no duplicate.
  minMembers: 2,
  *keys(file) {
    for (const e of file.entities) if (e.kind === 'policy' && e.title && e.id !== undefined) yield titleKey(e.title.text);
  },
  check(key, _index, _ctx, members, finding) {
    const policies: Array<{ path: string; e: Entity }> = [];
    for (const file of members) for (const e of file.entities) if (e.kind === 'policy' && e.id !== undefined && e.title && titleKey(e.title.text) === key) policies.push({ path: file.path, e });
    const ids = new Set(policies.map((p) => p.e.id));
    if (ids.size < 2) return [];
    // The one to keep: the most recently reviewed, then the one that maps more, then the lower id.
    const mapped = (e: Entity): number => e.mappings.reduce((n, m) => n + m.ids.length, 0);
    const keep = [...policies].sort((a, b) => (b.e.lastReviewed?.text ?? '').localeCompare(a.e.lastReviewed?.text ?? '') || mapped(b.e) - mapped(a.e) || a.e.id!.localeCompare(b.e.id!))[0]!;
    return policies.map((p) => {
      const others = policies.filter((o) => o.e.id !== p.e.id);
      // Named up to a few: a title copied into thousands of policies must not make each message list them all.
      const ids = firstAndMore(others, MAX_NAMED, (o) => o.e.id!);
      const why =
        (p.e.lastReviewed?.text ?? '') !== (keep.e.lastReviewed?.text ?? '')
          ? ` (reviewed more recently${keep.e.lastReviewed ? `, on ${keep.e.lastReviewed.text}` : ''})`
          : mapped(keep.e) !== mapped(p.e)
            ? ' (it maps more requirements)'
            : '';
      const advice = p.e.id === keep.e.id ? `merge ${ids} into this ${noun(p.e)} and retire ${others.length > 1 ? 'them' : 'it'}` : `merge this ${noun(p.e)} into ${keep.e.id}${why} and retire it`;
      const f = finding(
        p.path,
        p.e.title!.range,
        `${label(p.e)} has the same title as ${firstAndMore(others, MAX_NAMED, (o) => `${o.e.id} (${o.path})`)}: two documents in force for the same thing; ${advice}`,
      );
      f.related = others.slice(0, MAX_RELATED).map((o) => ({ path: o.path, range: o.e.title!.range, message: `${label(o.e)}: ${o.e.title!.text}` }));
      return f;
    });
  },
});
