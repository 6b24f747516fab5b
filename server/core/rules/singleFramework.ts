import type { Fix } from '../types.ts';
import { fileRule } from './rule.ts';
import { addToFramework, label, shortName } from './util.ts';
import { frameworksInScope } from '../knowledge/config/config.ts';
import { firstAndMore } from '../text/lists.ts';
import { likelyMeets } from '../knowledge/frameworks/relationship.ts';

export const singleFramework = fileRule({
  code: 'single-framework',
  severity: 'warning',
  summary: 'A control mapped to one in-scope framework while the crosswalk names counterparts in another.',
  check(file, ctx, finding) {
    const reg = ctx.registry;
    const inScope = frameworksInScope(ctx.config);
    return file.entities.flatMap((e) => {
      // An unknown key may well be the other framework misspelt: unknown-framework says so.
      if (e.kind !== 'control' || e.mappings.some((m) => m.framework === undefined)) return [];
      const mapped = new Map<string, string[]>();
      for (const m of e.mappings) {
        for (const ref of m.ids) {
          if (ref.resolution.kind !== 'valid' || !inScope.includes(ref.resolution.framework)) continue;
          const list = mapped.get(ref.resolution.framework) ?? [];
          list.push(ref.resolution.id);
          mapped.set(ref.resolution.framework, list);
        }
      }
      if (mapped.size !== 1) return [];
      const [from, ids] = [...mapped][0]!;
      const out = [];
      // A key present with only invalid ids is an attempt: the id rules report it.
      const keyed = new Set(e.mappings.map((m) => m.framework));
      for (const other of inScope) {
        if (other === from || keyed.has(other)) continue;
        // Net-new pairs name ISMS artefacts the control does not make: never offered.
        const all = ids.flatMap((id) => reg.counterparts(from, id).filter((c) => c.framework === other && !c.pair.netNew));
        const order = reg.requirementIds(other);
        const sorted = (cs: typeof all): string[] => [...new Set(cs.map((c) => c.id))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
        // Strong pairs are what the control most likely meets: offered first; partial ones after, for review.
        const strong = sorted(all.filter((c) => likelyMeets(c.pair)));
        const partial = sorted(all).filter((id) => !strong.includes(id));
        const counterparts = strong.length > 0 ? strong : partial;
        if (counterparts.length === 0) continue;
        const fixes: Fix[] = [];
        const add = addToFramework(file.path, e, other, counterparts);
        if (add)
          fixes.push({
            title: `Add ${shortName(reg, other)} ${strong.length > 0 ? 'strong counterparts' : 'partial counterparts (review each)'}: ${firstAndMore(counterparts, 8, (id) => id)}`,
            edits: add,
          });
        const both =
          strong.length > 0 && partial.length > 0
            ? addToFramework(
                file.path,
                e,
                other,
                [...strong, ...partial].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
              )
            : undefined;
        if (both) fixes.push({ title: `Add ${shortName(reg, other)} strong and partial counterparts (review each): ${firstAndMore([...strong, ...partial], 8, (id) => id)}`, edits: both });
        out.push(
          finding(
            file.path,
            e.idRange,
            `${label(e)} is mapped to ${shortName(reg, from)} only, but ${shortName(reg, other)} is in scope; the crosswalk pairs ${firstAndMore([...new Set(ids)], 8, (id) => id)} with ${firstAndMore(counterparts, 8, (id) => id)}${strong.length > 0 ? '' : ' (partial matches only)'}`,
            fixes,
          ),
        );
      }
      return out;
    });
  },
});
