// Thin, position-keeping access to `yaml` documents. Values are read from the
// source text, never through toJS(): `5.10` stays "5.10" (not the number 5.1),
// and aliases are never expanded, so an alias bomb costs nothing.
import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

export interface Span {
  start: number;
  end: number;
}

export interface YamlProblem extends Span {
  message: string;
}

export interface ParsedYaml {
  doc: Document.Parsed;
  problems: YamlProblem[];
}

/** Syntax errors listed per document: garbage can yield one per character, and an editor cannot show a million. */
export const MAX_SYNTAX_ERRORS = 20;

/** Collections nested deeper than this are refused before parsing: the parser's memory grows steeply with depth. */
export const MAX_NESTING = 64;

/** Parses one YAML document; offsets are relative to `text`. */
export function parseYaml(text: string): ParsedYaml {
  const deep = excessiveNesting(text);
  if (deep !== undefined) {
    const message = `collections are nested more than ${MAX_NESTING} levels deep here; the rest of the file is not read`;
    return { doc: parseDocument(''), problems: [{ start: deep, end: deep + 1, message }] };
  }
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, strict: true });
  const problems = doc.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => ({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1), message: cleanMessage(e.message) }));
  const more = doc.errors.length - MAX_SYNTAX_ERRORS;
  if (more > 0) {
    const at = doc.errors[MAX_SYNTAX_ERRORS]!.pos[0];
    problems.push({ start: at, end: at + 1, message: `${more} more from here on, not listed; fixing the first ones usually clears the rest` });
  }
  return { doc, problems };
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
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}

/** Characters after which a bracket opens a flow collection: ':', ',', '-', '?', '[', '{'. */
const VALUE_START = new Set([0x3a, 0x2c, 0x2d, 0x3f, 0x5b, 0x7b]);

export function spanOf(node: Node | null | undefined): Span | undefined {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

export interface Entry {
  key: string;
  keySpan: Span;
  value: Node | null;
  pair: Pair;
}

/** A pair with a text key as an Entry; undefined for other keys. */
function entryOf(pair: Pair): Entry | undefined {
  const k = pair.key as Node | null;
  if (!isScalar(k) || k.value === null || k.value === undefined) return undefined;
  const span = spanOf(k);
  return span ? { key: String(k.value), keySpan: span, value: (pair.value as Node | null) ?? null, pair } : undefined;
}

/** The string keys of a mapping, in order, with their spans. Non-scalar keys are skipped. */
export function entries(map: YAMLMap): Entry[] {
  const out: Entry[] = [];
  for (const pair of map.items) {
    const e = entryOf(pair);
    if (e) out.push(e);
  }
  return out;
}

export function findEntry(map: YAMLMap, key: string): Entry | undefined {
  // Without listing every entry: most files are asked for a key they do not have.
  for (const pair of map.items) {
    const k = pair.key as Node | null;
    if (isScalar(k) && k.value !== null && k.value !== undefined && String(k.value) === key) {
      const e = entryOf(pair);
      if (e) return e;
    }
  }
  return undefined;
}

export function asMap(node: Node | null | undefined): YAMLMap | undefined {
  return isMap(node) ? (node as YAMLMap) : undefined;
}

export interface ScalarText extends Span {
  text: string;
  /** True when YAML would read the text as something else (5.10 -> 5.1). */
  lossy: boolean;
  quoted: boolean;
}

/** A scalar's text as written (quotes removed), or undefined for collections, aliases and null. */
export function scalarText(node: Node | null | undefined): ScalarText | undefined {
  if (!isScalar(node) || isAlias(node)) return undefined;
  const span = spanOf(node);
  if (!span || node.value === null || node.value === undefined) return undefined;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const source = typeof node.source === 'string' && !quoted ? node.source : undefined;
  const text = source ?? String(node.value);
  const lossy = source !== undefined && typeof node.value !== 'string' && String(node.value) !== source;
  return { text, start: span.start, end: span.end, lossy, quoted };
}

/**
 * Items of a list field. Accepts a sequence of scalars, a single scalar, or a
 * comma-separated plain scalar ("CC6.1, CC6.2"): people write all three.
 */
export function listItems(node: Node | null | undefined, text: string): ScalarText[] {
  if (isSeq(node)) {
    const out: ScalarText[] = [];
    for (const item of node.items) {
      const s = scalarText(item as Node);
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

export function isSequence(node: Node | null | undefined): boolean {
  return isSeq(node);
}

export function isMapping(node: Node | null | undefined): boolean {
  return isMap(node);
}

/** The node type in words, for messages such as "expected a list, found a mapping". */
export function describeNode(node: Node | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isAlias(node)) return 'an alias';
  if (isScalar(node)) return node.value === null ? 'nothing' : typeof node.value === 'string' ? 'text' : `the ${typeof node.value} ${String(node.value)}`;
  return 'an unsupported value';
}
