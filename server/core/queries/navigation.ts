// Definition, references, rename, symbols and code-lens data for control
// and policy ids, and definition/references for framework ids.
import type { Range, TextEdit } from '../types.ts';
import type { Project } from '../engine/project.ts';
import type { Entity, EntityKind } from '../model/facts.ts';
import type { Target } from './target.ts';
import { idSites } from '../rules/util.ts';
import { citedDocuments } from './documents.ts';
import { declaredInText } from './mappedInText.ts';
import { citesName, nameKeys } from '../knowledge/documentNames.ts';

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export interface Place {
  path: string;
  range: Range;
}

/** A place in a bundled or custom framework file: `line` is zero-based. */
export interface FrameworkPlace {
  frameworkSource: string;
  line: number;
}

function entityKey(t: Target): { kind: EntityKind; id: string } | undefined {
  if (t.kind === 'entity' && t.entity.id !== undefined) return { kind: t.entity.kind, id: t.entity.id };
  if (t.kind === 'entity-ref') return { kind: t.ref.kind, id: t.ref.id };
  return undefined;
}

export function definition(project: Project, t: Target, frameworkText: (source: string) => string | undefined): Array<Place | FrameworkPlace> {
  const key = entityKey(t);
  if (key) return project.catalogue.definitions(key.kind, key.id).map((d) => ({ path: d.path, range: d.entity.idRange }));
  if (t.kind === 'citation') return citedDocuments(project.catalogue, t.citation).map((d) => ({ path: d.path, range: d.item.range }));
  if (t.kind === 'link') return t.link.target !== undefined && project.catalogue.hasFile(t.link.target) ? [{ path: t.link.target, range: START }] : [];
  if (t.kind !== 'framework-id') return [];
  const r = t.ref.resolution;
  if (r.kind !== 'valid' && r.kind !== 'legacy' && r.kind !== 'wrong-framework') return [];
  const fw = project.registry.framework(r.framework);
  const text = fw ? frameworkText(fw.source) : undefined;
  if (!fw || text === undefined) return [];
  const line = findIdLine(text, r.id);
  return line === undefined ? [] : [{ frameworkSource: fw.source, line }];
}

/** The line of `id: <id>` in a framework file (plain or quoted), or of `ref_id: <id>` in a CISO Assistant library. */
export function findIdLine(text: string, id: string): number | undefined {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^\\s*(?:-\\s+)?(?:ref_)?id:\\s*["']?${escaped}["']?\\s*(?:#.*)?$`, 'm').exec(text);
  return m ? text.slice(0, m.index).split('\n').length - 1 : undefined;
}

export function references(project: Project, t: Target, includeDeclaration: boolean): Place[] {
  const key = entityKey(t);
  if (key) {
    const refs: Place[] = project.catalogue.references(key.kind, key.id).map((r) => ({ path: r.path, range: r.item.range }));
    const defs: Place[] = includeDeclaration ? project.catalogue.definitions(key.kind, key.id).map((d) => ({ path: d.path, range: d.entity.idRange })) : [];
    return [...defs, ...refs];
  }
  if (t.kind !== 'framework-id') return [];
  const r = t.ref.resolution;
  if (r.kind !== 'valid' && r.kind !== 'legacy' && r.kind !== 'wrong-framework') return [];
  const out: Place[] = [];
  for (const file of project.catalogue.files()) {
    for (const site of idSites(file)) {
      const s = site.ref.resolution;
      if ((s.kind === 'valid' || s.kind === 'legacy' || s.kind === 'wrong-framework') && s.framework === r.framework && s.id === r.id) out.push({ path: file.path, range: site.ref.range });
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/**
 * The occurrences in `path` of the id under the cursor, the cursor's own included: a requirement id in
 * mapping lists, front matter and prose, or a control or policy id where it is defined and referenced.
 */
export function documentHighlights(project: Project, path: string, t: Target): Range[] {
  return references(project, t, true)
    .filter((p) => p.path === path)
    .map((p) => p.range)
    .sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
}

export class RenameError extends Error {}

/** Edits renaming a control or policy id at its definition and every reference, or a policy's title where it is set and where prose names it. */
export function renameEdits(project: Project, t: Target, newId: string): TextEdit[] {
  if (t.kind === 'title' || t.kind === 'citation') return renameTitle(project, t, newId);
  const key = entityKey(t);
  if (!key) throw new RenameError('only control and policy ids can be renamed');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(newId)) throw new RenameError(`'${newId}' is not a valid id: use letters, digits, '.', '_' and '-'`);
  if (newId !== key.id && project.catalogue.definitions(key.kind, newId).length > 0) throw new RenameError(`a ${key.kind} with the id ${newId} already exists`);
  return references(project, t, true).map((p) => ({ path: p.path, range: p.range, newText: newId }));
}

/** The range a rename starts from, when the position is on a renameable id. */
export function renameRange(t: Target): Range | undefined {
  if (t.kind === 'entity') return t.entity.idRange;
  if (t.kind === 'entity-ref') return t.ref.range;
  if (t.kind === 'title') return t.title.range;
  if (t.kind === 'citation') return t.citation.range;
  return undefined;
}

/**
 * A new title for a policy, from its header or from a name citing it: the header's field, and every
 * citation that writes the old title in full (with words in front, "the Acme ...", those are kept).
 * Shortened names ("Conduct Policy" for "Code of Conduct Policy") are left to the author.
 */
function renameTitle(project: Project, t: Extract<Target, { kind: 'title' | 'citation' }>, newTitle: string): TextEdit[] {
  const title = newTitle.trim();
  if (title === '' || /[\r\n]/.test(title) || title.length > 200) throw new RenameError('a title is one line of at most 200 characters');
  const docs = t.kind === 'title' ? project.catalogue.titledDocuments().filter((d) => d.item === t.title) : citedDocuments(project.catalogue, t.citation);
  if (docs.length !== 1)
    throw new RenameError(
      docs.length === 0 ? 'no document in the repository has this title' : `this name refers to ${docs.length} documents (${docs.map((d) => d.path).join(', ')}): rename one from its header`,
    );
  const doc = docs[0]!;
  // The heading is not where that title is written: renaming it there would change nothing.
  if (doc.entity.titleListed) throw new RenameError(`this title is the name ${doc.entity.id} is listed under in config.json: rename it there`);
  const old = nameKeys(doc.item.text)[0];
  // Plain YAML when it stays plain text; quoted when it has characters YAML would read otherwise.
  const inYaml = /^[A-Za-z0-9][A-Za-z0-9 ,.&'()/-]*$/.test(title) && !/ #|: /.test(title) ? title : JSON.stringify(title);
  const edits: TextEdit[] = [{ path: doc.path, range: doc.item.range, newText: inYaml }];
  if (!old) return edits;
  for (const file of project.catalogue.files()) {
    for (const c of file.citations ?? []) {
      const cited = nameKeys(c.name)[0];
      if (!cited || cited.words.length < old.words.length || !citesName(cited, old)) continue;
      // The old title's words are the last of the name: replace those, keep the words in front.
      const at = tailStart(c.name, old.words.length + (old.noun === undefined ? 0 : 1));
      edits.push({ path: file.path, range: { start: { line: c.range.start.line, character: c.range.start.character + at }, end: c.range.end }, newText: title });
    }
  }
  return edits;
}

/** Where the last `n` words of a name start. */
function tailStart(name: string, n: number): number {
  const starts = [...name.matchAll(/\S+/g)].map((m) => m.index);
  return starts[Math.max(0, starts.length - n)] ?? 0;
}

export interface SymbolInfo {
  name: string;
  kind: EntityKind;
  detail: string;
  path: string;
  range: Range;
  selectionRange: Range;
}

function symbolOf(path: string, e: Entity): SymbolInfo | undefined {
  if (e.id === undefined) return undefined;
  return { name: e.id, kind: e.kind, detail: e.title?.text ?? '', path, range: e.range, selectionRange: e.idRange };
}

export function documentSymbols(project: Project, path: string): SymbolInfo[] {
  const file = project.catalogue.file(path);
  return (file?.entities ?? []).map((e) => symbolOf(path, e)).filter((s): s is SymbolInfo => s !== undefined);
}

/** Controls and policies whose id or title contains the query (case-insensitive), at most `limit`. */
export function workspaceSymbols(project: Project, query: string, limit = 500): SymbolInfo[] {
  const q = query.toLowerCase();
  const out: SymbolInfo[] = [];
  for (const file of project.catalogue.files()) {
    for (const e of file.entities) {
      const s = symbolOf(file.path, e);
      if (s && (s.name.toLowerCase().includes(q) || s.detail.toLowerCase().includes(q))) out.push(s);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

export interface LensInfo {
  range: Range;
  title: string;
  /** For "referenced by N" (N > 0): where the id stands, and the references to list from there. */
  references?: { at: Range['start']; places: Place[] };
}

/**
 * Per control or policy, on the line the editor shows them above (a control's id, a policy's first
 * header line, never inside its front matter): how many ids it maps per framework, one lens each, then
 * for a policy how many its text maps, and how often it is referenced, with the references to show.
 */
export function codeLenses(project: Project, path: string): LensInfo[] {
  const file = project.catalogue.file(path);
  if (!file) return [];
  return file.entities.flatMap((e) => {
    if (e.id === undefined) return [];
    const line = e.kind === 'policy' ? e.range.start.line : e.idRange.start.line;
    const range: Range = { start: { line, character: 0 }, end: { line, character: 0 } };
    const counts = new Map<string, number>();
    for (const m of e.mappings) {
      const valid = m.ids.filter((r) => r.resolution.kind === 'valid').length;
      if (m.framework !== undefined) counts.set(m.framework, (counts.get(m.framework) ?? 0) + valid);
    }
    const short = (fw: string): string => project.registry.framework(fw)?.short ?? fw;
    const lenses: LensInfo[] = [...counts].map(([fw, n]) => ({ range, title: `${short(fw)}: ${n}` }));
    // What the policy's text maps (headings, a mappings section, SoA rows), counted apart as its hover lists it.
    if (e.kind === 'policy' && file.entities[0] === e) for (const [fw, ids] of declaredInText(file)) lenses.push({ range, title: `${short(fw)} in its text: ${ids.length}` });
    const places = project.catalogue.references(e.kind, e.id).map((r) => ({ path: r.path, range: r.item.range }));
    const refs: LensInfo = { range, title: `referenced by ${places.length}` };
    if (places.length > 0) refs.references = { at: e.idRange.start, places };
    return [...lenses, refs];
  });
}
