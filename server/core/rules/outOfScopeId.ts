import { fileRule } from './rule.ts';
import { idSites, shortName } from './util.ts';
import { frameworksInScope } from '../knowledge/config/config.ts';

export const outOfScopeId = fileRule({
  code: 'out-of-scope-id',
  severity: 'info',
  summary: 'A valid id of a framework or SOC 2 category that crosswalk.yaml does not put in scope.',
  check(file, ctx, finding) {
    const inScope = frameworksInScope(ctx.config);
    return idSites(file, 'valid').flatMap(({ ref }) => {
      const r = ref.resolution;
      if (r.kind !== 'valid' || ref.where === 'prose') return [];
      if (!inScope.includes(r.framework)) {
        return [finding(file.path, ref.range, `${r.id}: ${shortName(ctx.registry, r.framework)} is not in scope (add it under 'frameworks' in crosswalk.yaml to count it)`)];
      }
      // With no categories declared, what the catalogue maps is in scope.
      if (r.framework !== 'soc2' || ctx.config.soc2.fromClaims) return [];
      const category = ctx.registry.groupChain('soc2', r.id)[0];
      if (!category || ctx.config.soc2.categories.includes(category.id)) return [];
      return [finding(file.path, ref.range, `${r.id} is in the SOC 2 ${category.title} category, which is not in scope (frameworks.soc2.categories in crosswalk.yaml)`)];
    });
  },
});
