// What sits at a position in a catalogue file: a framework id, a control or
// policy id where it is defined, or a reference to one. Hover, definition,
// references and rename all start here.
import type { Position } from '../types.ts';
import type { Entity, EntityRef, FileFacts, IdRef, Mapping } from '../model/facts.ts';
import { rangeContains } from '../text/lineIndex.ts';

export type Target =
  | { kind: 'framework-id'; ref: IdRef; entity?: Entity; mapping?: Mapping }
  | { kind: 'entity'; entity: Entity }
  | { kind: 'entity-ref'; ref: EntityRef; entity: Entity }
  | { kind: 'framework-key'; mapping: Mapping; entity: Entity };

export function targetAt(file: FileFacts, pos: Position): Target | undefined {
  for (const entity of file.entities) {
    if (entity.id !== undefined && rangeContains(entity.idRange, pos)) return { kind: 'entity', entity };
    for (const ref of entity.refs) if (rangeContains(ref.range, pos)) return { kind: 'entity-ref', ref, entity };
    for (const mapping of entity.mappings) {
      if (rangeContains(mapping.keyRange, pos)) return { kind: 'framework-key', mapping, entity };
      for (const ref of mapping.ids) if (rangeContains(ref.range, pos)) return { kind: 'framework-id', ref, entity, mapping };
    }
  }
  for (const ref of file.prose) if (rangeContains(ref.range, pos)) return { kind: 'framework-id', ref };
  return undefined;
}
