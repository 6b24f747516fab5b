// Completion of framework ids, framework keys, and control and policy ids.
// It reads the text as it is being typed (often not valid YAML yet), so the
// context comes from indentation and the keys above the cursor.
//
// Framework ids are found by topic as well as by id (the title is part of the
// text the editor filters on: "supplier" finds A.5.19), ids already in the
// list are left out, and the crosswalk counterparts of the entity's other
// mappings come first, strong before partial, so a control mapped to CC6.1
// is offered A.5.15 at the top of its iso27001 list.
import type { Position, Range } from '../types.ts';
import type { Project } from '../engine/project.ts';
import type { Entity } from '../model/facts.ts';
import { findHeader } from '../syntax/frontMatter.ts';
import { yamlId } from '../rules/util.ts';
import { rangeContains } from '../text/lineIndex.ts';
import { statusOnly } from './coverage.ts';

export interface CompletionEntry {
  label: string;
  kind: 'framework-id' | 'framework-key' | 'control' | 'policy' | 'snippet';
  /** insertText is a snippet (\${1:placeholder} tab stops). */
  snippet?: true;
  detail?: string;
  documentation?: string;
  insertText: string;
  /** The text the completion replaces (the partial word). */
  range: Range;
  sortText: string;
  /** The text the editor matches what was typed against: the id and its title. */
  filterText: string;
  /** Shown beside the label on every row: why this row is where it is ("strong counterpart of CC6.1", "gap"). */
  note?: string;
}

interface YamlContext {
  /** The key whose value is being written, or undefined when a key is being written. */
  key?: string;
  /** The key above: the mapping the cursor is inside. */
  parent?: string;
  /** The line of `key`. */
  keyLine?: number;
}

const MAPPING_KEYS = ['mappings', 'satisfies'];

export function complete(project: Project, path: string, text: string, pos: Position): CompletionEntry[] {
  const kind = project.kindOf(path);
  if (kind !== 'policy' && kind !== 'controls') return [];
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  let first = 0;
  if (kind === 'policy') {
    // An empty policy, or one whose first dashes are being typed: the whole front matter.
    if (pos.line === 0 && /^-*$/.test(text.trimEnd())) return [frontMatterSnippet(pos, (lines[0] ?? '').length)];
    const fm = findHeader(text);
    if (!fm) return [];
    const fmFirst = text.slice(0, fm.start).split('\n').length - 1;
    const fmLast = text.slice(0, fm.end).split('\n').length - 1;
    if (pos.line < fmFirst || pos.line > fmLast) return [];
    first = fmFirst;
  }
  const line = lines[pos.line] ?? '';
  const before = line.slice(0, pos.character);
  const word = /[A-Za-z0-9._-]*$/.exec(before)![0];
  const after = /^[A-Za-z0-9._-]*/.exec(line.slice(pos.character))![0];
  const range: Range = { start: { line: pos.line, character: pos.character - word.length }, end: { line: pos.line, character: pos.character + after.length } };
  const quoted = /["']$/.test(before.slice(0, before.length - word.length));
  const ctx = context(lines, first, pos.line, before);
  const reg = project.registry;
  // A new control at the top of a control file, a new item of an evidence list.
  if (kind === 'controls' && ctx.key === undefined && ctx.parent === undefined && /^[A-Za-z]*$/.test(before) && !lines.some((l) => /^controls\s*:/.test(l))) return [CONTROL_SNIPPET(range, '')];
  if (kind === 'controls' && ctx.key === 'controls' && /^\s*-\s+[A-Za-z]*$/.test(before)) return [CONTROL_SNIPPET(range, '  ')];
  if (ctx.key === 'evidence' && /^\s*-\s+[A-Za-z]*$/.test(before)) return [EVIDENCE_SNIPPET(range)];

  if (ctx.key === undefined) {
    if (ctx.parent !== undefined && MAPPING_KEYS.includes(ctx.parent)) {
      return reg.frameworks
        .filter((f) => !f.legacy)
        .map((f, i) => ({ label: f.id, kind: 'framework-key', detail: f.title, insertText: f.id, range, sortText: String(i).padStart(3, '0'), filterText: `${f.id} ${f.title}` }));
    }
    return [];
  }
  const listed = listedIds(lines, ctx.keyLine ?? pos.line, pos);
  if (ctx.parent !== undefined && MAPPING_KEYS.includes(ctx.parent)) {
    const fw = reg.frameworkForKey(ctx.key);
    if (!fw) return [];
    const entity = project.catalogue.file(path)?.entities.find((e) => rangeContains(e.range, pos));
    const ranked = entity ? counterpartsOfOtherMappings(project, entity, fw.id) : new Map<string, Rank>();
    return fw.requirements
      .filter((r) => !listed.has(r.id))
      .map((r, i) => {
        const rank = ranked.get(r.id);
        const order = rank === undefined ? 2 : rank.strong ? 0 : 1;
        const entry: CompletionEntry = {
          label: r.id,
          kind: 'framework-id',
          detail: r.title,
          insertText: quoted ? r.id : yamlId(r.id),
          range,
          sortText: `${order}${String(i).padStart(4, '0')}`,
          filterText: `${r.id} ${r.title}`,
        };
        if (r.description) entry.documentation = r.description;
        const notes = [rank ? `${rank.strong ? 'strong' : 'partial'} counterpart of ${rank.of}` : '', statusOnly(project, fw.id, r.id) === 'gap' ? 'gap' : ''].filter(Boolean);
        if (notes.length > 0) entry.note = notes.join(' · ');
        return entry;
      });
  }
  const refKind = kind === 'controls' && ctx.key === 'policies' ? 'policy' : kind === 'policy' && ctx.key === 'controls' ? 'control' : undefined;
  if (!refKind) return [];
  const ids = [...project.catalogue.entityIds(refKind)].filter((id) => !listed.has(id)).sort();
  return ids.map((id, i) => {
    const def = project.catalogue.definitions(refKind, id)[0];
    const entry: CompletionEntry = { label: id, kind: refKind, insertText: id, range, sortText: String(i).padStart(5, '0'), filterText: id };
    if (def?.entity.title) {
      entry.detail = def.entity.title.text;
      entry.filterText = `${id} ${def.entity.title.text}`;
    }
    return entry;
  });
}

interface Rank {
  strong: boolean;
  /** The id of the other mapping it is a counterpart of. */
  of: string;
}

/** The requirements of `framework` that the crosswalks pair with the entity's ids in other frameworks, strong wins. */
function counterpartsOfOtherMappings(project: Project, entity: Entity, framework: string): Map<string, Rank> {
  const out = new Map<string, Rank>();
  for (const m of entity.mappings) {
    if (m.framework === undefined || m.framework === framework) continue;
    for (const ref of m.ids) {
      if (ref.resolution.kind !== 'valid') continue;
      for (const c of project.registry.counterpartsWithin(ref.resolution.framework, ref.resolution.id)) {
        if (c.framework !== framework) continue;
        const strong = c.pair.strength === 'strong';
        const before = out.get(c.id);
        if (!before || (strong && !before.strong)) out.set(c.id, { strong, of: ref.resolution.id });
      }
    }
  }
  return out;
}

const ID_TOKEN = /[A-Za-z0-9][A-Za-z0-9._-]*/g;

/**
 * The ids already written in the value of the key on `keyLine`: its flow list
 * (`soc2: [CC6.1, CC6.2]`) and its block items, except the word at the cursor.
 * Read from the text, which is often not valid YAML while it is typed.
 */
function listedIds(lines: string[], keyLine: number, pos: Position): Set<string> {
  const out = new Set<string>();
  const take = (lineNo: number, from: number): void => {
    const line = (lines[lineNo] ?? '').replace(/\s#.*$/, '');
    for (const m of line.slice(from).matchAll(ID_TOKEN)) {
      const start = from + m.index;
      if (lineNo === pos.line && start <= pos.character && pos.character <= start + m[0].length) continue;
      out.add(m[0]);
    }
  };
  const keyText = lines[keyLine] ?? '';
  const colon = keyText.indexOf(':');
  if (colon >= 0) take(keyLine, colon + 1);
  const keyIndent = /^\s*/.exec(keyText)![0].length;
  for (let i = keyLine + 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '' || l.trim().startsWith('#')) continue;
    const item = /^(\s*)-\s*/.exec(l);
    // A line that is no list item, a shallower item or an item that is a mapping ends the list of ids.
    if (!item || item[1]!.length < keyIndent || /^[^\s:#][^:#]*:(\s|$)/.test(l.slice(item[0].length))) break;
    take(i, item[0].length);
  }
  return out;
}

function indentOf(s: string): number {
  return /^[ \t-]*/.exec(s)![0].replace(/-/g, ' ').length;
}

/** The key being written and its parent, from the lines above the cursor. */
function context(lines: string[], first: number, lineNo: number, before: string): YamlContext {
  const keyOnLine = /^(\s*(?:-\s+)?)([^\s:#][^:#]*?)\s*:\s+(.*)$|^(\s*(?:-\s+)?)([^\s:#][^:#]*?)\s*:$/.exec(before);
  const parentOf = (indent: number, from: number): string | undefined => {
    for (let i = from; i >= first; i--) {
      const l = lines[i]!;
      if (l.trim() === '' || l.trim().startsWith('#')) continue;
      const m = /^(\s*(?:-\s+)?)([^\s:#][^:#]*?)\s*:\s*(?:#.*)?$/.exec(l) ?? /^(\s*(?:-\s+)?)([^\s:#][^:#]*?)\s*:\s/.exec(l);
      if (m && indentOf(m[1]!) < indent) return m[2]!.trim();
    }
    return undefined;
  };
  if (keyOnLine && keyOnLine[2] !== undefined) {
    // "  soc2: [CC6.1, CC|" or "policies: POL-|": the value of the key on this line.
    const indent = indentOf(keyOnLine[1]!);
    return { key: keyOnLine[2].trim(), parent: parentOf(indent, lineNo - 1), keyLine: lineNo };
  }
  const item = /^(\s*)-\s+[^:]*$/.exec(before) ?? /^(\s*)-\s*$/.exec(before);
  if (item) {
    // "    - CC|": an item of the list under the nearest key above with a smaller (or, for "key:\n- a", equal) indent.
    const dash = item[1]!.length;
    for (let i = lineNo - 1; i >= first; i--) {
      const l = lines[i]!;
      if (l.trim() === '' || /^\s*-/.test(l)) continue;
      const m = /^(\s*)([^\s:#][^:#]*?)\s*:\s*(?:#.*)?$/.exec(l);
      if (m && m[1]!.length <= dash) return { key: m[2]!.trim(), parent: parentOf(m[1]!.length, i - 1), keyLine: i };
      if (indentOf(l) <= dash) break;
    }
    return {};
  }
  // A key being typed: "    so|" inside a mapping.
  const bare = /^(\s*)[A-Za-z0-9_-]*$/.exec(before);
  if (bare) return { parent: parentOf(bare[1]!.length, lineNo - 1) };
  return {};
}

// Snippets, offered only where they fit in a catalogue file (never in other YAML or Markdown).
// Continuation lines are relative to the line's indentation, which the editor adds.
const snippet = (label: string, detail: string, range: Range, body: string[]): CompletionEntry => ({
  label,
  kind: 'snippet',
  snippet: true,
  detail,
  insertText: body.join('\n'),
  range,
  sortText: '0',
  filterText: label,
});

/** `item` indents the lines after the first under a list item's `- `. */
const CONTROL_SNIPPET = (range: Range, item: string): CompletionEntry =>
  snippet('control', 'A control with owner, frequency, evidence and mappings', range, [
    'id: ${1:AC-01}',
    ...[
      'title: ${2:What is done}',
      'owner: ${3:Role that operates it}',
      'frequency: ${4|daily,weekly,monthly,quarterly,annual,on-event|}',
      'evidence:',
      '  - id: EV-${1}',
      '    description: ${5:What shows it was done}',
      '    source: ${6:Where it is kept}',
      'mappings:',
      '  soc2: [${7}]',
      '  iso27001: [${8}]',
    ].map((l) => item + l),
    '$0',
  ]);

const EVIDENCE_SNIPPET = (range: Range): CompletionEntry =>
  snippet('evidence item', 'An evidence item: id, description and source', range, ['id: ${1:EV-}', '  description: ${2:What shows it was done}', '  source: ${3:Where it is kept}$0']);

function frontMatterSnippet(pos: Position, length: number): CompletionEntry {
  const range: Range = { start: { line: pos.line, character: 0 }, end: { line: pos.line, character: length } };
  const entry = snippet('policy front matter', 'id, title, owner, review and mappings of a policy', range, [
    '---',
    'id: ${1:POL-}',
    'title: ${2:Policy title}',
    'owner: ${3:Role accountable for it}',
    'review_frequency: ${4|annual,quarterly|}',
    'last_reviewed: ${5:YYYY-MM-DD}',
    'satisfies:',
    '  soc2: [${6}]',
    '  iso27001: [${7}]',
    '---',
    '$0',
  ]);
  // Editors filter an item on the text from its range's start to the cursor: the dashes typed so far.
  return { ...entry, filterText: `--- ${entry.label}` };
}
