import { fileRule } from './rule.ts';
import { idSites, replaceFix, shortName, titled, writtenId } from './util.ts';

export const pointOfFocusId = fileRule({
  code: 'point-of-focus-id',
  severity: 'warning',
  summary: 'A point of focus as compliance tools number them (CC6.1.3): not a SOC 2 criterion; map its criterion.',
  check(file, ctx, finding) {
    return idSites(file, 'point-of-focus').flatMap(({ ref }) => {
      const r = ref.resolution;
      if (r.kind !== 'point-of-focus') return [];
      const verb = ref.where === 'prose' ? 'cite' : 'map';
      const fix = replaceFix(`Replace with ${r.id}`, file.path, ref.range, r.id, ref.where !== 'prose');
      return [
        finding(
          file.path,
          ref.range,
          `${writtenId(ref)} is a point of focus of ${titled(ctx.registry, r.framework, r.id)} as compliance tools number them, not a ${shortName(ctx.registry, r.framework)} criterion: ${verb} ${r.id}`,
          [fix],
        ),
      ];
    });
  },
});
