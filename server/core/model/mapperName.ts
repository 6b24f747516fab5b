// The name coverage, hovers and reports give what maps a requirement.
import type { Entity } from './facts.ts';

/**
 * An entity's id; for a policy without front matter that states none, its file's name
 * (`policies/Privacy_Policy.md` is Privacy_Policy.md). Undefined for a control or a policy whose header
 * lacks its id: `missing-id` reports it, and what it maps counts for nothing until it has one.
 */
export function mapperName(entity: Entity, path: string): string | undefined {
  if (entity.id !== undefined) return entity.id;
  return entity.style === 'body' ? path.slice(path.lastIndexOf('/') + 1) : undefined;
}
