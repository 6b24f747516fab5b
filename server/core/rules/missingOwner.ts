import type { FileRule } from './rule.ts';
import { finding, label } from './util.ts';

export const missingOwner: FileRule = {
  scope: 'file',
  code: 'missing-owner',
  severity: 'warning',
  summary: 'A control or policy with no owner: auditors ask who operates and answers for it.',
  check(file) {
    return file.entities.flatMap((e) => {
      if (e.owner || (e.kind === 'policy' && e.style === 'comply')) return [];
      return [finding('missing-owner', 'warning', file.path, e.idRange, `${label(e)} has no owner: add 'owner:' with the role that operates it`)];
    });
  },
};
