// What sits at a position in a catalogue file: a framework id, a control or
// policy id where it is defined, or a reference to one. Hover, definition,
// references and rename all start here.
import type { Position, Range } from '../types.ts';
import type { Citation, Entity, EntityRef, Field, FileFacts, IdRef, Link, Mapping } from '../model/facts.ts';
import { rangeContains } from '../text/lineIndex.ts';

export type Target =
  | { kind: 'framework-id'; ref: IdRef; entity?: Entity; mapping?: Mapping }
  | { kind: 'entity'; entity: Entity }
  | { kind: 'entity-ref'; ref: EntityRef; entity: Entity }
  | { kind: 'framework-key'; mapping: Mapping; entity: Entity }
  /** A policy's title in its header. */
  | { kind: 'title'; entity: Entity; title: Field }
  /** A document named in prose ("the Vendor Management Policy"). */
  | { kind: 'citation'; citation: Citation }
  | { kind: 'link'; link: Link };

export function targetAt(file: FileFacts, pos: Position): Target | undefined {
  for (const entity of file.entities) {
    if (entity.id !== undefined && rangeContains(entity.idRange, pos)) return { kind: 'entity', entity };
    if (entity.kind === 'policy' && entity.title && rangeContains(entity.title.range, pos)) return { kind: 'title', entity, title: entity.title };
    for (const ref of entity.refs) if (rangeContains(ref.range, pos)) return { kind: 'entity-ref', ref, entity };
    for (const mapping of entity.mappings) {
      if (rangeContains(mapping.keyRange, pos)) return { kind: 'framework-key', mapping, entity };
      for (const ref of mapping.ids) if (rangeContains(ref.range, pos)) return { kind: 'framework-id', ref, entity, mapping };
    }
  }
  for (const ref of file.prose) if (rangeContains(ref.range, pos)) return { kind: 'framework-id', ref };
  for (const citation of file.citations ?? []) if (rangeContains(citation.range, pos)) return { kind: 'citation', citation };
  for (const link of file.links ?? []) if (rangeContains(link.range, pos)) return { kind: 'link', link };
  return undefined;
}

/** The text a target covers, for the editor to highlight. */
export function targetRange(t: Target): Range {
  switch (t.kind) {
    case 'entity':
      return t.entity.idRange;
    case 'framework-key':
      return t.mapping.keyRange;
    case 'citation':
      return t.citation.range;
    case 'title':
      return t.title.range;
    case 'link':
      return t.link.range;
    default:
      return t.ref.range;
  }
}
