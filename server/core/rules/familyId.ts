import { fileRule } from './rule.ts';
import { idSites, replaceFix, shortName } from './util.ts';

export const familyId = fileRule<'prose'>({
  code: 'family-id',
  severity: 'warning',
  otherSeverities: { prose: 'info' },
  summary: 'A SOC 2 family (CC6, C1) where a criterion belongs: mapping it claims no criterion; its criteria are the choices.',
  check(file, ctx, finding) {
    return idSites(file, 'family').flatMap(({ ref }) => {
      const r = ref.resolution;
      if (r.kind !== 'family' || r.heading) return [];
      const what = `${r.id} is a ${shortName(ctx.registry, r.framework)} family (${ctx.registry.group(r.framework, r.id)?.title ?? r.id}), not a criterion`;
      if (ref.where === 'prose') return [finding.as('prose', file.path, ref.range, `${what}; its criteria are ${r.criteria.join(', ')}`)];
      const fixes = r.criteria.map((c) => replaceFix(`Replace with ${c}`, file.path, ref.range, c));
      return [finding(file.path, ref.range, `${what}: map the criteria of it that apply (${r.criteria.join(', ')})`, fixes)];
    });
  },
});
