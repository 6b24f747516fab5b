import { fileRule } from './rule.ts';
import { idSites, replaceFix, shortName } from './util.ts';

export const headingId = fileRule<'claimed'>({
  code: 'heading-id',
  severity: 'info',
  otherSeverities: { claimed: 'error' },
  summary: 'A heading of the SOC 2 criteria tables (CC1.0, P1.0), not a criterion; an error when a mapping claims it.',
  check(file, ctx, finding) {
    return idSites(file, 'family').flatMap(({ ref }) => {
      const r = ref.resolution;
      if (r.kind !== 'family' || !r.heading) return [];
      const what = `${r.id}.0 is the heading of the ${shortName(ctx.registry, r.framework)} family ${r.id} (${ctx.registry.group(r.framework, r.id)?.title ?? r.id}), not a criterion`;
      if (ref.where === 'prose') return [finding(file.path, ref.range, `${what}; its criteria are ${r.criteria.join(', ')}`)];
      const fixes = r.criteria.map((c) => replaceFix(`Replace with ${c}`, file.path, ref.range, c));
      return [finding.as('claimed', file.path, ref.range, `${what}: a heading cannot be satisfied; map the criteria under it that apply (${r.criteria.join(', ')})`, fixes)];
    });
  },
});
