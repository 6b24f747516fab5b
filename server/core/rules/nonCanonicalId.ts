import { fileRule } from './rule.ts';
import { idSites, replaceFix, yamlId } from './util.ts';

export const nonCanonicalId = fileRule({
  code: 'non-canonical-id',
  severity: 'warning',
  summary: 'A valid id in a structured field written in another spelling ("CC 6.1", "Annex A.5.15", "5.15", "6.1.2(d)").',
  check(file, _ctx, finding) {
    return idSites(file, 'valid').flatMap(({ ref }) => {
      const r = ref.resolution;
      // Prose may say "ISO 27001 Annex A.5.15"; only structured fields are held to one spelling.
      if (r.kind !== 'valid' || r.canonical || ref.where === 'prose') return [];
      const lossy = ref.lossy ? ` (YAML reads ${ref.raw} as the number ${Number(ref.raw)})` : '';
      const id = r.item === undefined ? r.id : `${r.id}.${r.item}`;
      return [finding(file.path, ref.range, `write ${id}, not '${ref.raw}'${lossy}`, [replaceFix(`Change to ${id}`, file.path, ref.range, yamlId(id), true)])];
    });
  },
});
