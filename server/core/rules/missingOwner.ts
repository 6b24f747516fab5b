import { fileRule } from './rule.ts';
import { label } from './util.ts';

export const missingOwner = fileRule({
  code: 'missing-owner',
  severity: 'warning',
  summary: 'A control or policy with no owner: auditors ask who operates and answers for it.',
  check(file, _ctx, finding) {
    return file.entities.flatMap((e) => {
      if (e.owner || (e.kind === 'policy' && e.style === 'comply')) return [];
      return [finding(file.path, e.idRange, `${label(e)} has no owner: add 'owner:' with the role that operates it`)];
    });
  },
});
