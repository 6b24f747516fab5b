import type { FileRule } from './rule.ts';
import { finding, label } from './util.ts';

export const missingEvidence: FileRule = {
  scope: 'file',
  code: 'missing-evidence',
  severity: 'warning',
  summary: 'A control that names no evidence an auditor could inspect.',
  check(file) {
    return file.entities.flatMap((e) => {
      if (e.kind !== 'control' || e.evidence.length > 0) return [];
      return [finding('missing-evidence', 'warning', file.path, e.idRange, `${label(e)} names no evidence: add 'evidence:' items (id, description, source)`)];
    });
  },
};
