// Quick fixes that only an editor offers, because a person completes them:
// the skeleton of a missing owner or evidence list, or of a missing header,
// with empty values to fill in (the finding stays until they are), and "Mark
// reviewed today" for a stale review. They are not in the findings, so `check --fix` and the JSON and
// SARIF outputs never apply them.
import type { Finding, Fix, Range } from '../types.ts';
import type { Entity } from '../model/facts.ts';
import type { Project } from '../engine/project.ts';
import { rangeContains } from '../text/lineIndex.ts';

export function skeletonFixes(project: Project, finding: Finding, text: string): Fix[] {
  if (finding.rule === 'missing-front-matter') return headerSkeleton(project, finding, text);
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

/**
 * A header for a document without one, in the layout the repository's other documents use: a comply
 * header (`name:`, `acronym:`, closed by `---`) where one of them has it, as the rule decides, else front
 * matter. What the body already states (its first heading, a document-control table) fills the fields.
 */
function headerSkeleton(project: Project, finding: Finding, text: string): Fix[] {
  const file = project.catalogue.file(finding.path);
  if (!file?.headerless) return [];
  const body = file.entities[0];
  const title = body?.title?.text ?? /^#[ \t]+(.+?)[ \t#]*$/m.exec(text.slice(0, 8192))?.[1];
  const comply = [...project.catalogue.files()].some((f) => f.kind === 'policy' && !f.headerless && f.entities[0]?.style === 'comply');
  const start: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const insert = (fixTitle: string, lines: string[]): Fix[] => [{ title: fixTitle, edits: [{ path: finding.path, range: start, newText: `${lines.join('\n')}\n` }] }];
  if (comply) return insert('Add a comply header', [`name: ${scalar(title)}`, `acronym: ${scalar(acronym(title))}`, '---']);
  const empty = (v: string | undefined, note: string): string => (v === undefined ? `"" # ${note}` : scalar(v));
  return insert('Add front matter', [
    '---',
    `id: ${scalar(body?.id ?? idFromPath(project, finding.path))}`,
    `title: ${empty(title, "the document's name")}`,
    `owner: ${empty(body?.owner?.text, 'the role accountable for it')}`,
    `review_frequency: "" # annual, quarterly, ...`,
    ...(body?.lastReviewed ? [`last_reviewed: ${scalar(body.lastReviewed.text)}`] : []),
    '---',
  ]);
}

/** POL- and the file's name ("policies/access-control.md" -> POL-ACCESS-CONTROL), or POL- alone when that id is taken. */
function idFromPath(project: Project, path: string): string {
  const stem = (path.split('/').pop() ?? '').replace(/\.[^.]*$/, '');
  const id = `POL-${stem
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')}`;
  return id === 'POL-' || project.catalogue.definitions('policy', id).length > 0 ? 'POL-' : id;
}

/** The initials of a title's words ("Access Control Policy" -> ACP). */
function acronym(title: string | undefined): string | undefined {
  const letters = (title ?? '').match(/\b[A-Za-z]/g);
  return letters && letters.length > 1 ? letters.join('').toUpperCase().slice(0, 8) : undefined;
}

/** A YAML value: plain where YAML reads it back as the same text, double-quoted otherwise; one line. */
function scalar(value: string | undefined): string {
  const v = (value ?? '').replace(/[\r\n]+/g, ' ').trim();
  return /^[A-Za-z0-9][A-Za-z0-9 ,.&'()/-]*$/.test(v) && !/ #|: /.test(v) ? v : JSON.stringify(v);
}
