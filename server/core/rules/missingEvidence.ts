import { fileRule } from './rule.ts';
import { label } from './util.ts';

export const missingEvidence = fileRule({
  code: 'missing-evidence',
  severity: 'warning',
  summary: 'A control that names no evidence an auditor could inspect.',
  check(file, _ctx, finding) {
    return file.entities.flatMap((e) => {
      if (e.kind !== 'control' || e.evidence.length > 0) return [];
      return [finding(file.path, e.idRange, `${label(e)} names no evidence: add 'evidence:' items (id, description, source)`)];
    });
  },
});
