import type { Finding } from '../types.ts';
import { workspaceRule } from './rule.ts';
import { label, MAX_NAMED, MAX_RELATED } from './util.ts';
import { firstAndMore } from '../text/lists.ts';
import { CONFIG_FILE } from '../knowledge/config/config.ts';

export const excludedButImplemented = workspaceRule({
  code: 'excluded-but-implemented',
  severity: 'warning',
  summary: 'An Annex A control excluded in the Statement of Applicability (crosswalk.yaml, or an SoA table in a policy) that controls in the catalogue still implement.',
  *keys(file, ctx) {
    if (file.kind === 'config') for (const x of ctx.config.soaExclusions) if (x.canonical) yield x.canonical;
    for (const e of file.entities) for (const m of e.mappings) for (const r of m.ids) if (r.resolution.kind === 'valid' && r.resolution.framework === 'iso27001') yield r.resolution.id;
    if (file.kind === 'policy') for (const r of file.prose) if (r.excludedBecause && r.resolution.kind === 'valid' && r.resolution.framework === 'iso27001') yield r.resolution.id;
  },
  // The check reads a member's entities that map the id (their kind, id, document and where the id is), and its SoA rows that exclude it.
  reads: (file, key) =>
    JSON.stringify([
      file.entities
        .filter((e) => e.mappings.some((m) => m.ids.some((r) => r.resolution.kind === 'valid' && r.resolution.framework === 'iso27001' && r.resolution.id === key)))
        .map((e) => [e.kind, e.id, e.document, e.idRange]),
      file.prose.filter((r) => r.excludedBecause && r.resolution.kind === 'valid' && r.resolution.id === key).map((r) => r.range),
    ]),
  check(key, index, ctx, _members, finding) {
    const configured = ctx.config.soaExclusions.find((x) => x.canonical === key);
    const places = [
      ...(configured ? [{ path: CONFIG_FILE, range: configured.range }] : []),
      ...index
        .exclusionsInText(key)
        .map((x) => ({ path: x.path, range: x.item.range }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.range.start.line - b.range.start.line)),
    ];
    if (places.length === 0) return [];
    // In path and line order, not the order files happened to be indexed: an edit elsewhere must not reword it.
    const mappers = index
      .mappers('iso27001', key)
      .filter((m) => m.entity.kind === 'control')
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.entity.idRange.start.line - b.entity.idRange.start.line));
    if (mappers.length === 0) return [];
    return places.map((place): Finding => {
      const f = finding(
        place.path,
        place.range,
        `${key} is excluded from the Statement of Applicability, but ${firstAndMore(mappers, MAX_NAMED, (m) => label(m.entity))} implement${mappers.length === 1 ? 's' : ''} it: include it, or remove the mapping`,
      );
      f.related = mappers.slice(0, MAX_RELATED).map((m) => ({ path: m.path, range: m.entity.idRange, message: `${label(m.entity)} maps ${key}` }));
      return f;
    });
  },
});
