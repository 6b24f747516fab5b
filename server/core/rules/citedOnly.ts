import type { Finding } from '../types.ts';
import type { FrameworkRegistry } from '../knowledge/frameworks/registry.ts';
import { frameworksInScope } from '../knowledge/config/config.ts';
import { workspaceRule } from './rule.ts';
import { addToFramework, titled } from './util.ts';
import { mapperName } from '../model/mapperName.ts';

/** treeKey's answers per registry, framework and id: a scan asks for 50,000 of them, of a few hundred requirements. */
const treeKeys = new WeakMap<FrameworkRegistry, Map<string, Map<string, string>>>();

/** The group of a requirement: its framework and the top of its clause tree, so that mapping a parent clause re-checks what its children's citations say. */
function treeKey(registry: FrameworkRegistry, framework: string, id: string): string {
  let byFramework = treeKeys.get(registry);
  if (!byFramework) treeKeys.set(registry, (byFramework = new Map()));
  let byId = byFramework.get(framework);
  if (!byId) byFramework.set(framework, (byId = new Map()));
  let key = byId.get(id);
  // Only ids the registry resolved (valid) are asked for: as many as its requirements.
  if (key === undefined) byId.set(id, (key = `${framework}\u0000${registry.ancestry(framework, id).at(-1) ?? id}`));
  return key;
}

export const citedOnly = workspaceRule({
  code: 'cited-only',
  severity: 'info',
  summary: 'A requirement a policy cites in a sentence of its text that no control or policy maps: it counts for no coverage until a field, or a heading or mappings section of the text, claims it.',
  *keys(file, ctx) {
    if (file.kind === 'policy') for (const r of file.prose) if (r.resolution.kind === 'valid') yield treeKey(ctx.registry, r.resolution.framework, r.resolution.id);
    for (const e of file.entities) for (const m of e.mappings) for (const r of m.ids) if (r.resolution.kind === 'valid') yield treeKey(ctx.registry, r.resolution.framework, r.resolution.id);
  },
  check(key, index, ctx, members, finding) {
    const reg = ctx.registry;
    const inScope = frameworksInScope(ctx.config);
    const excluded = new Set(ctx.config.soaExclusions.map((x) => x.canonical));
    const out: Finding[] = [];
    for (const file of members) {
      if (file.kind !== 'policy') continue;
      const policy = file.entities.find((e) => e.kind === 'policy' && e.id !== undefined && !e.partial);
      if (!policy) continue;
      const seen = new Set<string>();
      for (const ref of file.prose) {
        const r = ref.resolution;
        if (r.kind !== 'valid' || treeKey(reg, r.framework, r.id) !== key || seen.has(r.id)) continue;
        seen.add(r.id);
        // A whole clause or series cited is a general reference; out of scope and excluded requirements count for nothing anyway.
        if (!reg.isLeaf(r.framework, r.id) || !inScope.includes(r.framework) || (r.framework === 'iso27001' && (excluded.has(r.id) || index.exclusionsInText(r.id).length > 0))) continue;
        if (reg.ancestry(r.framework, r.id).some((via) => index.mappers(r.framework, via).some((m) => mapperName(m.entity, m.path) !== undefined))) continue;
        const edits = addToFramework(file.path, policy, r.framework, [r.id]);
        const fixes = edits ? [{ title: `Add ${r.id} to this policy's mappings`, edits }] : [];
        out.push(
          finding(
            file.path,
            ref.range,
            `${titled(reg, r.framework, r.id)} is cited here, but no control or policy maps it: coverage counts it as a gap; if this policy meets it, add it to the policy's mappings`,
            fixes,
          ),
        );
      }
    }
    return out;
  },
});
