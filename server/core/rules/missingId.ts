import { fileRule } from './rule.ts';
import { noun } from './util.ts';

export const missingId = fileRule({
  code: 'missing-id',
  severity: 'error',
  summary: 'A control or policy without an id, so nothing can refer to it.',
  check(file, _ctx, finding) {
    return file.entities.flatMap((e) => {
      if (e.id !== undefined || e.style === 'body') return [];
      const what = e.title ? `${noun(e)} '${e.title.text}'` : `this ${noun(e)}`;
      // comply names policies and narratives by acronym, procedures by id.
      const field = e.kind === 'policy' && e.style === 'comply' && e.document !== 'procedure' ? 'acronym' : 'id';
      return [finding(file.path, e.idRange, `${what} has no ${field}: add '${field}: ...' so controls and policies can refer to it`)];
    });
  },
});
