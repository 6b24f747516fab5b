// Small helpers shared by the rules: walking id references, naming
// frameworks in messages, and building fix edits from the facts' appenders.
import type { Fix, Range } from '../types.ts';
import type { Appender, Entity, FileFacts, IdRef, Mapping } from '../model/facts.ts';
import type { FrameworkRegistry } from '../knowledge/frameworks/registry.ts';
import type { Resolution } from '../model/resolution.ts';
import { withoutQualifiers } from '../knowledge/ids/spellings.ts';

/** Rules that compare documents name this many of the others in a message, and attach this many as related information. */
export const MAX_NAMED = 3;
export const MAX_RELATED = 20;

export interface IdSite {
  ref: IdRef;
  entity?: Entity;
  mapping?: Mapping;
}

// Eight file rules read a file's id sites one after another: the last file's serve them all, and nothing older is kept.
let lastFile: FileFacts | undefined;
let lastSites: readonly IdSite[] = [];
let lastByKind: Map<Resolution['kind'], IdSite[]> | undefined;
const NO_SITES: readonly IdSite[] = [];

/**
 * Every framework id written in a file: mapping lists first, then prose. With `kind`, only the ids
 * resolved as that (most rules report one kind, and most files have none of it), in the same order.
 */
export function idSites(file: FileFacts, kind?: Resolution['kind']): readonly IdSite[] {
  if (file !== lastFile) {
    const out: IdSite[] = [];
    for (const entity of file.entities) for (const mapping of entity.mappings) for (const ref of mapping.ids) out.push({ ref, entity, mapping });
    for (const ref of file.prose) out.push({ ref });
    lastFile = file;
    lastSites = out;
    lastByKind = undefined;
  }
  if (kind === undefined) return lastSites;
  if (!lastByKind) {
    lastByKind = new Map();
    for (const site of lastSites) {
      const same = lastByKind.get(site.ref.resolution.kind);
      if (same) same.push(site);
      else lastByKind.set(site.ref.resolution.kind, [site]);
    }
  }
  return lastByKind.get(kind) ?? NO_SITES;
}

export function shortName(registry: FrameworkRegistry, framework: string | undefined): string {
  return (framework && registry.framework(framework)?.short) || framework || 'framework';
}

/** The id a reference writes, without the framework name or edition around it, as messages quote it. */
export function writtenId(ref: IdRef): string {
  return withoutQualifiers(ref.raw).id;
}

/** How an id is written into YAML: clause numbers quoted so they stay text. */
export function yamlId(id: string): string {
  return /^\d/.test(id) ? `"${id}"` : id;
}

export function titled(registry: FrameworkRegistry, framework: string, id: string): string {
  const title = registry.requirement(framework, id)?.title;
  return title ? `${id} (${title})` : id;
}

export function replaceFix(title: string, path: string, range: Range, newText: string, preferred = false): Fix {
  const fix: Fix = { title, edits: [{ path, range, newText }] };
  if (preferred) fix.preferred = true;
  return fix;
}

/** Text of an appender with the new ids filled in. */
export function appendEdit(path: string, appender: Appender, ids: string[], empty: boolean): Fix['edits'][number] {
  const template = empty && appender.emptyTemplate !== undefined ? appender.emptyTemplate : appender.template;
  const text = template.includes('- $ID') ? ids.map((id) => template.replace('$ID', id)).join('') : template.replace('$ID', ids.join(', '));
  return { path, range: { start: appender.position, end: appender.position }, newText: text };
}

/** Edits that add ids to the entity's list for `framework`, creating the key if needed. */
export function addToFramework(path: string, entity: Entity, framework: string, ids: string[]): Fix['edits'] | undefined {
  const yamlIds = ids.map(yamlId);
  const target = entity.mappings.find((m) => m.framework === framework);
  if (target?.append) return [appendEdit(path, target.append, yamlIds, target.ids.length === 0)];
  if (target) return undefined;
  if (!entity.newMapping) return undefined;
  const text = entity.newMapping.template.replace('$KEY', framework).replace('$IDS', yamlIds.join(', '));
  return [{ path, range: { start: entity.newMapping.position, end: entity.newMapping.position }, newText: text }];
}

export function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** "control AC-01", or "this control" when it has no id. */
export function label(e: Entity): string {
  return e.id === undefined ? `this ${noun(e)}` : `${noun(e)} ${e.id}`;
}

/** What to call an entity in a message: control, policy, narrative or procedure. */
export function noun(e: Entity): string {
  return e.document ?? e.kind;
}
