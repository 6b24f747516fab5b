import { fileRule } from './rule.ts';

export const soaExclusion = fileRule({
  code: 'invalid-exclusion',
  severity: 'error',
  summary: 'A Statement of Applicability exclusion without a justification, or of something that cannot be excluded.',
  check(file, ctx, finding) {
    if (file.kind !== 'config') return [];
    return ctx.config.soaExclusions.flatMap((x) => {
      const out = [];
      if (x.canonical !== undefined && !x.canonical.startsWith('A.')) {
        out.push(finding(file.path, x.range, `clause ${x.canonical} cannot be excluded: clauses 4-10 are mandatory; only Annex A controls can be excluded in the Statement of Applicability`));
      } else if (!x.justification) {
        out.push(finding(file.path, x.range, `exclusion of ${x.canonical ?? x.id} has no justification: ISO 27001 6.1.3 d) requires one for every excluded control`));
      }
      return out;
    });
  },
});
