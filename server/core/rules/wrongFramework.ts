import type { Fix } from '../types.ts';
import { fileRule } from './rule.ts';
import { addToFramework, idSites, shortName } from './util.ts';

export const wrongFramework = fileRule({
  code: 'wrong-framework',
  severity: 'error',
  summary: "An id listed under another framework's key (a SOC 2 criterion under iso27001, or the reverse).",
  check(file, ctx, finding) {
    return idSites(file, 'wrong-framework').flatMap(({ ref, entity, mapping }) => {
      const r = ref.resolution;
      if (r.kind !== 'wrong-framework' || !entity || !mapping) return [];
      const fixes: Fix[] = [];
      const add = addToFramework(file.path, entity, r.framework, [r.id]);
      if (add && ref.deleteRange) fixes.push({ title: `Move ${r.id} to ${r.framework}`, edits: [{ path: file.path, range: ref.deleteRange, newText: '' }, ...add], preferred: true });
      const title = ctx.registry.requirement(r.framework, r.id)?.title;
      return [
        finding(
          file.path,
          ref.range,
          `${r.id} is a ${shortName(ctx.registry, r.framework)} id${title ? ` (${title})` : ''}, listed under '${mapping.key}' (${shortName(ctx.registry, r.expected)}); move it to ${r.framework}`,
          fixes,
        ),
      ];
    });
  },
});
