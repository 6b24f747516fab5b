import type { Fix } from '../types.ts';
import { fileRule } from './rule.ts';
import { resolveUnder } from '../knowledge/ids/resolve.ts';
import { addToFramework, idSites, replaceFix, shortName, titled, writtenId, yamlId } from './util.ts';

export const legacyId = fileRule({
  code: 'legacy-id',
  severity: 'warning',
  summary: 'An ISO 27001:2013 id; names its ISO 27001:2022 successors and offers to migrate.',
  check(file, ctx, finding) {
    return idSites(file, 'legacy').flatMap(({ ref, entity, mapping }) => {
      const r = ref.resolution;
      if (r.kind !== 'legacy') return [];
      const reg = ctx.registry;
      const what = r.group
        ? `an ${shortName(reg, r.framework)} control objective (${reg.group(r.framework, r.id)?.title ?? r.id}), not a control`
        : `an ${shortName(reg, r.framework)} id (${reg.requirement(r.framework, r.id)?.title ?? r.id})`;
      const successors = r.successors.map((s) => titled(reg, r.successorFramework, s));
      const tail =
        successors.length === 0
          ? `; it has no ${shortName(reg, r.successorFramework)} successor`
          : `; in ${shortName(reg, r.successorFramework)} ${r.group ? 'its controls became' : 'it is'} ${successors.join(', ')}`;
      const fixes: Fix[] = [];
      // Read in 2013, a successor such as A.8.2 would mean a 2013 objective again: such a migration goes with the edition.
      const reread = file.isoEdition === undefined ? [] : r.successors.filter((s) => resolveUnder(reg, r.successorFramework, s, file.isoEdition).kind !== 'valid');
      const ids = reread.length > 0 ? [] : r.successors;
      const note =
        reread.length > 0
          ? `; this file's ids are read in ISO 27001:${file.isoEdition}, where ${reread.join(', ')} ${reread.length > 1 ? 'mean' : 'means'} something else: migrate it together with the file's edition`
          : '';
      const legacyKey = mapping?.framework === r.framework;
      if (ids.length > 0 && mapping && entity && legacyKey && ref.deleteRange) {
        // Listed under the withdrawn edition's key: move the successors to the current one.
        const add = addToFramework(file.path, entity, r.successorFramework, ids);
        if (add) fixes.push({ title: `Migrate to ${ids.join(', ')} under ${r.successorFramework}`, edits: [{ path: file.path, range: ref.deleteRange, newText: '' }, ...add], preferred: true });
      } else if (ids.length > 0) {
        const asText = (id: string): string => (ref.where === 'prose' ? id : yamlId(id));
        ids.forEach((id, i) => fixes.push(replaceFix(`Migrate to ${id}`, file.path, ref.range, asText(id), i === 0 && ids.length === 1)));
        if (ids.length > 1) fixes.push(replaceFix(`Migrate to ${ids.join(', ')}`, file.path, ref.range, ids.map(asText).join(', '), true));
      }
      return [finding(file.path, ref.range, `${writtenId(ref)} is ${what}${tail}${note}`, fixes)];
    });
  },
});
