// Completion of framework ids, framework keys, and control and policy ids.
// It reads the text as it is being typed (often not valid YAML yet), so the
// context comes from indentation and the keys above the cursor.
import type { Position, Range } from '../types.ts';
import type { Project } from '../engine/project.ts';
import { findHeader } from '../syntax/frontMatter.ts';
import { yamlId } from '../rules/util.ts';

export interface CompletionEntry {
  label: string;
  kind: 'framework-id' | 'framework-key' | 'control' | 'policy';
  detail?: string;
  documentation?: string;
  insertText: string;
  /** The text the completion replaces (the partial word). */
  range: Range;
  sortText: string;
}

interface YamlContext {
  /** The key whose value is being written, or undefined when a key is being written. */
  key?: string;
  /** The key above: the mapping the cursor is inside. */
  parent?: string;
}

const MAPPING_KEYS = ['mappings', 'satisfies'];

export function complete(project: Project, path: string, text: string, pos: Position): CompletionEntry[] {
  const kind = project.kindOf(path);
  if (kind !== 'policy' && kind !== 'controls') return [];
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  let first = 0;
  if (kind === 'policy') {
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

  if (ctx.key === undefined) {
    if (ctx.parent !== undefined && MAPPING_KEYS.includes(ctx.parent)) {
      return reg.frameworks.filter((f) => !f.legacy).map((f, i) => ({ label: f.id, kind: 'framework-key', detail: f.title, insertText: f.id, range, sortText: String(i).padStart(3, '0') }));
    }
    return [];
  }
  if (ctx.parent !== undefined && MAPPING_KEYS.includes(ctx.parent)) {
    const fw = reg.frameworkForKey(ctx.key);
    if (!fw) return [];
    return fw.requirements.map((r, i) => {
      const entry: CompletionEntry = { label: r.id, kind: 'framework-id', detail: r.title, insertText: quoted ? r.id : yamlId(r.id), range, sortText: String(i).padStart(4, '0') };
      if (r.description) entry.documentation = r.description;
      return entry;
    });
  }
  const refKind = kind === 'controls' && ctx.key === 'policies' ? 'policy' : kind === 'policy' && ctx.key === 'controls' ? 'control' : undefined;
  if (!refKind) return [];
  const ids = [...project.catalogue.entityIds(refKind)].sort();
  return ids.map((id, i) => {
    const def = project.catalogue.definitions(refKind, id)[0];
    const entry: CompletionEntry = { label: id, kind: refKind, insertText: id, range, sortText: String(i).padStart(5, '0') };
    if (def?.entity.title) entry.detail = def.entity.title.text;
    return entry;
  });
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
    return { key: keyOnLine[2].trim(), parent: parentOf(indent, lineNo - 1) };
  }
  const item = /^(\s*)-\s+[^:]*$/.exec(before) ?? /^(\s*)-\s*$/.exec(before);
  if (item) {
    // "    - CC|": an item of the list under the nearest key above with a smaller (or, for "key:\n- a", equal) indent.
    const dash = item[1]!.length;
    for (let i = lineNo - 1; i >= first; i--) {
      const l = lines[i]!;
      if (l.trim() === '' || /^\s*-/.test(l)) continue;
      const m = /^(\s*)([^\s:#][^:#]*?)\s*:\s*(?:#.*)?$/.exec(l);
      if (m && m[1]!.length <= dash) return { key: m[2]!.trim(), parent: parentOf(m[1]!.length, i - 1) };
      if (indentOf(l) <= dash) break;
    }
    return {};
  }
  // A key being typed: "    so|" inside a mapping.
  const bare = /^(\s*)[A-Za-z0-9_-]*$/.exec(before);
  if (bare) return { parent: parentOf(bare[1]!.length, lineNo - 1) };
  return {};
}
