import { fileRule } from './rule.ts';
import { label } from './util.ts';

export const missingOwner = fileRule({
  code: 'missing-owner',
  severity: 'warning',
  summary: 'A control or policy with no owner: auditors ask who operates and answers for it.',
  check(file, _ctx, finding) {
    return file.entities.flatMap((e) => {
      // comply documents have no owner field; a body-described policy says what it says.
      if (e.owner || (e.kind === 'policy' && e.style !== 'crosswalk')) return [];
      return [finding(file.path, e.idRange, `${label(e)} has no owner: add 'owner:' with the role that operates it`)];
    });
  },
});
