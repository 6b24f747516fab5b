// Quick fixes that only an editor offers, because a person completes them:
// the skeleton of a missing owner or evidence list, with empty values to fill
// in (the finding stays until they are), and "Mark reviewed today" for a stale
// review. They are not in the findings, so `check --fix` and the JSON and
// SARIF outputs never apply them.
import type { Finding, Fix, Range } from '../types.ts';
import type { Entity } from '../model/facts.ts';
import type { Project } from '../engine/project.ts';
import { rangeContains } from '../text/lineIndex.ts';

export function skeletonFixes(project: Project, finding: Finding, text: string): Fix[] {
  const entity = project.catalogue.file(finding.path)?.entities.find((e) => rangeContains(e.range, finding.range.start));
  if (!entity || entity.id === undefined || entity.partial) return [];
  const lines = text.split('\n');
  const idLine = lines[entity.idRange.start.line] ?? '';
  // The column of the entity's keys: where `id:` starts on its line, after any `- ` of a list item.
  const column = /^[\s-]*/.exec(idLine)![0].length;
  const indent = ' '.repeat(column);
  const after: Range = { start: { line: entity.idRange.start.line + 1, character: 0 }, end: { line: entity.idRange.start.line + 1, character: 0 } };
  const insert = (title: string, newText: string): Fix => ({ title, edits: [{ path: finding.path, range: after, newText }] });
  switch (finding.rule) {
    case 'missing-owner':
      return [insert(`Add an owner to ${entity.id}`, `${indent}owner: "" # the role accountable for it\n`)];
    case 'missing-evidence':
      if (entity.kind !== 'control') return [];
      return [insert(`Add an evidence item to ${entity.id}`, `${indent}evidence:\n${indent}  - id: EV-${entity.id}\n${indent}    description: ""\n${indent}    source: ""\n`)];
    case 'stale-review':
      return reviewedToday(project, finding, entity, lines);
    default:
      return [];
  }
}

function reviewedToday(project: Project, finding: Finding, entity: Entity, lines: string[]): Fix[] {
  const field = entity.lastReviewed;
  if (!field) return [];
  // A quoted date stays quoted the same way.
  const quote = /^["']/.exec((lines[field.range.start.line] ?? '').slice(field.range.start.character))?.[0] ?? '';
  return [{ title: `Mark reviewed today (${project.today})`, edits: [{ path: finding.path, range: field.range, newText: `${quote}${project.today}${quote}` }] }];
}
