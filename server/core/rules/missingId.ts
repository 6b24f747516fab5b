import { fileRule } from './rule.ts';

export const missingId = fileRule({
  code: 'missing-id',
  severity: 'error',
  summary: 'A control or policy without an id, so nothing can refer to it.',
  check(file, _ctx, finding) {
    return file.entities.flatMap((e) => {
      if (e.id !== undefined) return [];
      const what = e.title ? `${e.kind} '${e.title.text}'` : `this ${e.kind}`;
      const field = e.kind === 'policy' && e.style === 'comply' ? 'acronym' : 'id';
      return [finding(file.path, e.idRange, `${what} has no ${field}: add '${field}: ...' so controls and policies can refer to it`)];
    });
  },
});
