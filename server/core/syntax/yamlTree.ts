// Thin, position-keeping YAML trees. Values are read from the source text,
// never through toJS(): `5.10` stays "5.10" (not the number 5.1), and aliases
// are never expanded, so an alias bomb costs nothing.
//
// Two readers build the same tree: plainYaml.ts reads the `yaml` library's
// syntax tree directly for the plain YAML catalogues are written in, and
// anything else goes through the library's full document composer
// (documentTree.ts), which also reports every error. Composing is a third of
// the library's time, and control files are most of the catalogue. The node
// types live in yamlNodes.ts, which both readers import.
import { parseDocument } from 'yaml';
import { readPlainYaml } from './plainYaml.ts';
import { treeOfDocument } from './documentTree.ts';
import type { Span, YMap, YNode, YPair, YScalar, YSeq } from './yamlNodes.ts';

export type { Span, YScalar, YPair, YMap, YSeq, YAlias, YNode } from './yamlNodes.ts';

export interface YamlProblem extends Span {
  message: string;
}

export interface ParsedYaml {
  /** The document's contents; null for an empty (or comments-only) document, and when there are problems. */
  root: YNode | null;
  problems: YamlProblem[];
  /** With problems: what the composer made of the document anyway, to recover what lies clear of them. */
  damaged?: YNode | null;
}

/** Syntax errors listed per document: garbage can yield one per character, and an editor cannot show a million. */
export const MAX_SYNTAX_ERRORS = 20;

/** Collections nested deeper than this are refused before parsing: the parser's memory grows steeply with depth. */
export const MAX_NESTING = 64;

/**
 * Text the plain reader declines (syntax errors, anchors, tags) is composed by
 * the `yaml` library, whose error recovery costs grow faster than the text
 * (400 KiB of unclosed flow lists: 13 s). Only this much of such a text is
 * composed; the rest is not read, and a finding says so.
 */
export const MAX_RECOVERY_CHARS = 64 * 1024;

/**
 * Parses one YAML document; offsets are relative to `text`. `plain` is its
 * tree as readPlainTree gave it, when that was done already (on another thread).
 */
/**
 * How readers parse YAML. A scan of a large catalogue hands readers one whose trees were read
 * ahead on another thread; everywhere else the text is parsed where it is needed.
 */
export interface YamlParser {
  parse(text: string): ParsedYaml;
}

export const directYaml: YamlParser = { parse: (text) => parseYaml(text) };

/** A parser that takes the plain tree `treeOf` gives for a text (read elsewhere), and parses the text when it gives none. */
export function yamlWithTrees(treeOf: (text: string) => YNode | undefined): YamlParser {
  return { parse: (text) => parseYaml(text, treeOf(text)) };
}

export function parseYaml(text: string, plain?: YNode): ParsedYaml {
  if (plain !== undefined) return { root: plain, problems: [] };
  const deep = excessiveNesting(text);
  if (deep !== undefined) {
    const message = `collections are nested more than ${MAX_NESTING} levels deep here; the rest of the file is not read`;
    return { root: null, problems: [{ start: deep, end: deep + 1, message }] };
  }
  const tree = readPlainYaml(text);
  if (tree !== undefined) return { root: tree, problems: [] };
  if (text.length <= MAX_RECOVERY_CHARS) return parseComposed(text);
  // Cut at a line's end, so that the last line composed is whole.
  const nl = text.lastIndexOf('\n', MAX_RECOVERY_CHARS - 1);
  const cut = nl > 0 ? nl + 1 : MAX_RECOVERY_CHARS;
  const head = parseComposed(text.slice(0, cut));
  const message = `this YAML is not plain (a syntax error, an anchor or a tag) and is over ${MAX_RECOVERY_CHARS / 1024} KiB: only its first ${MAX_RECOVERY_CHARS / 1024} KiB are checked and the rest is not read; fix the errors, or split the file`;
  const problems = head.problems.slice();
  problems.push({ start: cut, end: Math.min(cut + 1, text.length), message });
  return { root: null, problems, damaged: head.damaged ?? head.root };
}

/** The document's tree when the plain reader takes it (see parseYaml), else undefined. */
export function readPlainTree(text: string): YNode | undefined {
  return excessiveNesting(text) === undefined ? readPlainYaml(text) : undefined;
}

/** Parses through the `yaml` library's composer, whatever the text: the reference that readPlainYaml must agree with. */
export function parseComposed(text: string): ParsedYaml {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, strict: true });
  const problems = doc.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => ({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1), message: cleanMessage(e.message) }));
  const more = doc.errors.length - MAX_SYNTAX_ERRORS;
  if (more > 0) {
    const at = doc.errors[MAX_SYNTAX_ERRORS]!.pos[0];
    problems.push({ start: at, end: at + 1, message: `${more} more from here on, not listed; fixing the first ones usually clears the rest` });
  }
  if (problems.length === 0) return { root: treeOfDocument(doc), problems };
  return { root: null, problems, damaged: treeOfDocument(doc) };
}

/**
 * Where flow brackets, or "- " items opened on one line, first nest deeper
 * than MAX_NESTING. A bracket opens a collection only where a value can
 * start (after a line start, ':', ',', '-', '?' or another bracket): one in
 * the middle of text ("see [1") does not count. A single pass over the text,
 * before the parser sees it.
 */
function excessiveNesting(text: string): number | undefined {
  let flow = 0;
  let items = 0;
  let atLineStart = true;
  let prev = 0; // the last character that was not a space on this line (0 at its start)
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      atLineStart = true;
      items = 0;
      prev = 0;
      continue;
    }
    if (c === 0x20 || c === 0x09 || c === 0x0d) continue;
    if ((c === 0x5b || c === 0x7b) && (prev === 0 || VALUE_START.has(prev))) {
      if (++flow > MAX_NESTING) return i;
    } else if ((c === 0x5d || c === 0x7d) && flow > 0) flow--;
    else if (c === 0x2d && atLineStart && (i + 1 === text.length || text.charCodeAt(i + 1) === 0x20)) {
      if (++items > MAX_NESTING) return i;
      prev = c;
      continue;
    }
    atLineStart = false;
    prev = c;
  }
  return undefined;
}

function cleanMessage(message: string): string {
  // `yaml` appends "at line N, column M" and a code frame; the finding has its own range.
  // Some messages quote the token whole (a tag, a block scalar header): a long one is cut, with its length.
  return message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim()
    .replace(/\S{61,}/g, (t) => `${t.slice(0, 40)}… (${t.length.toLocaleString('en-US')} characters)`);
}

/** Characters after which a bracket opens a flow collection: ':', ',', '-', '?', '[', '{'. */
const VALUE_START = new Set([0x3a, 0x2c, 0x2d, 0x3f, 0x5b, 0x7b]);

export function spanOf(node: YNode | null | undefined): Span | undefined {
  return node ? { start: node.start, end: node.end } : undefined;
}

export interface Entry {
  key: string;
  keySpan: Span;
  keyNode: YScalar;
  value: YNode | null;
}

/** A pair with a text key as an Entry; undefined for other keys. */
function entryOf(pair: YPair): Entry | undefined {
  const k = pair.key;
  if (k?.kind !== 'scalar' || k.value === null || k.value === undefined) return undefined;
  return { key: String(k.value), keySpan: { start: k.start, end: k.end }, keyNode: k, value: pair.value };
}

/** The string keys of a mapping, in order, with their spans. Non-scalar keys are skipped. */
export function entries(map: YMap): Entry[] {
  const out: Entry[] = [];
  for (const pair of map.pairs) {
    const e = entryOf(pair);
    if (e) out.push(e);
  }
  return out;
}

export function findEntry(map: YMap, key: string): Entry | undefined {
  // Without listing every entry: most files are asked for a key they do not have.
  for (const pair of map.pairs) {
    const k = pair.key;
    if (k?.kind === 'scalar' && k.value !== null && k.value !== undefined && String(k.value) === key) return entryOf(pair);
  }
  return undefined;
}

export function asMap(node: YNode | null | undefined): YMap | undefined {
  return node?.kind === 'map' ? node : undefined;
}

export function asSeq(node: YNode | null | undefined): YSeq | undefined {
  return node?.kind === 'seq' ? node : undefined;
}

export interface ScalarText extends Span {
  text: string;
  /** True when YAML would read the text as something else (5.10 -> 5.1). */
  lossy: boolean;
  quoted: boolean;
}

/** A scalar's text as written (quotes removed), or undefined for collections, aliases and null. */
export function scalarText(node: YNode | null | undefined): ScalarText | undefined {
  if (node?.kind !== 'scalar' || node.value === null || node.value === undefined) return undefined;
  const lossy = !node.quoted && typeof node.value !== 'string' && String(node.value) !== node.text;
  return { text: node.text, start: node.start, end: node.end, lossy, quoted: node.quoted };
}

/**
 * Items of a list field. Accepts a sequence of scalars, a single scalar, or a
 * comma-separated plain scalar ("CC6.1, CC6.2"): people write all three.
 */
export function listItems(node: YNode | null | undefined, text: string): ScalarText[] {
  if (node?.kind === 'seq') {
    const out: ScalarText[] = [];
    for (const item of node.items) {
      const s = scalarText(item);
      if (s) out.push(s);
    }
    return out;
  }
  const s = scalarText(node);
  if (!s) return [];
  if (s.quoted || !s.text.includes(',')) return [s];
  const out: ScalarText[] = [];
  const raw = text.slice(s.start, s.end);
  let at = 0;
  for (const part of raw.split(',')) {
    const lead = part.length - part.trimStart().length;
    const trimmed = part.trim();
    if (trimmed) out.push({ text: trimmed, start: s.start + at + lead, end: s.start + at + lead + trimmed.length, lossy: false, quoted: false });
    at += part.length + 1;
  }
  return out;
}

/** The node type in words, for messages such as "expected a list, found a mapping". */
export function describeNode(node: YNode | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  switch (node.kind) {
    case 'map':
      return 'a mapping';
    case 'seq':
      return 'a list';
    case 'alias':
      return 'an alias';
    case 'scalar':
      return node.value === null ? 'nothing' : typeof node.value === 'string' ? 'text' : `the ${typeof node.value} ${String(node.value)}`;
  }
}
