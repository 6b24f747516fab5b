import { fileRule } from './rule.ts';
import { idSites, orList, replaceFix, shortName, writtenId, yamlId } from './util.ts';

export const unknownId = fileRule({
  code: 'unknown-id',
  severity: 'error',
  summary: 'A framework id that does not exist in its framework (with the closest valid ids).',
  check(file, ctx, finding) {
    return idSites(file, 'unknown').flatMap(({ ref, mapping }) => {
      const r = ref.resolution;
      if (r.kind !== 'unknown' || (mapping && mapping.framework === undefined)) return [];
      const name = shortName(ctx.registry, r.expected);
      const hint = r.suggestions.length > 0 ? `; did you mean ${orList(r.suggestions)}?` : '';
      const fixes = r.suggestions.map((s, i) => replaceFix(`Replace with ${s}`, file.path, ref.range, ref.where === 'prose' ? s : yamlId(s), i === 0));
      return [finding(file.path, ref.range, `unknown ${name} id '${writtenId(ref)}'${hint}`, fixes)];
    });
  },
});
