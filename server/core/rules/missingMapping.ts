import { fileRule } from './rule.ts';
import { label } from './util.ts';

export const missingMapping = fileRule({
  code: 'missing-mapping',
  severity: 'warning',
  summary: 'A control mapped to no framework requirement, so it counts for no coverage.',
  check(file, _ctx, finding) {
    return file.entities.flatMap((e) => {
      if (e.kind !== 'control' || e.mappings.some((m) => m.ids.length > 0)) return [];
      return [finding(file.path, e.idRange, `${label(e)} is mapped to no framework: add 'mappings:' with the soc2 and iso27001 ids it satisfies`)];
    });
  },
});
