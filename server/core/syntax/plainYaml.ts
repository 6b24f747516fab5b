// Reads plain YAML from the `yaml` library's syntax tree (its CST), without
// composing a Document: block mappings with text keys, block sequences, flow
// sequences and flow mappings with text keys, and scalars of every style.
// That is how catalogues are written, and it skips a third of the library's
// time and most of its garbage.
//
// A document may start with a `---` line.
//
// Anything outside that subset, and anything the composer would report as an
// error, makes readPlainYaml return undefined, and the caller composes the
// document in full. So the subset is defined by the composer's own checks
// (yaml/dist/compose/resolve-*.js): each `outside()` below stands for one of
// them, or for a construct left to the composer. Tests compare the two
// readers on generated and mutated documents.
import { CST, Parser, Schema, isScalar } from 'yaml';
import type { YMap, YNode, YPair, YScalar, YSeq } from './yamlNodes.ts';

type SourceToken = CST.SourceToken;

/** The scalar tags YAML 1.2's core schema tries on plain text, in the composer's order. */
const PLAIN_TAGS = new Schema({}).tags.filter((t) => !t.collection && t.default === true && t.test !== undefined);

/** Thrown (never escapes this module) when the text needs the full composer. */
const OUTSIDE = new Error('outside the plain YAML subset');

function outside(): never {
  throw OUTSIDE;
}

/** The document's tree, or undefined when the text needs the full composer. */
export function readPlainYaml(text: string): YNode | undefined {
  // Tabs are indentation errors in some places and text in others: left to the composer.
  if (text.includes('\t')) return undefined;
  let doc: CST.Document | undefined;
  for (const token of new Parser().parse(text)) {
    if (token.type === 'document' && doc === undefined) doc = token;
    else if (token.type !== 'comment' && token.type !== 'newline' && token.type !== 'space') return undefined;
  }
  // No document, or one of comments only: the composer decides between null and an empty scalar.
  if (doc?.value === undefined || doc.value.type === 'block-scalar') return undefined; // a root block scalar is indented by other rules
  try {
    return new PlainReader(text).document(doc, doc.value);
  } catch (e) {
    // RangeError: nesting deep enough to exhaust the stack, which the composer reports as an error.
    if (e === OUTSIDE || e instanceof RangeError) return undefined;
    throw e;
  }
}

class PlainReader {
  /** Where the last node read ends, trailing spaces, comments and line break included (the composer's range[2]). */
  private after = 0;

  constructor(private readonly text: string) {}

  document(doc: CST.Document, value: CST.Token): YNode {
    // A `---` line first (yamllint asks for one); a value on that line is left to the composer.
    const marked = doc.start[0]?.type === 'doc-start';
    if (marked && !doc.start.some((t) => t.type === 'newline')) outside();
    this.separators(marked ? doc.start.slice(1) : doc.start);
    const node = this.node(value);
    if (doc.end) this.separators(doc.end);
    return node;
  }

  private node(token: CST.Token): YNode {
    switch (token.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        return this.scalar(token);
      case 'block-map':
        return this.blockMap(token);
      case 'block-seq':
        return this.blockSeq(token);
      case 'flow-collection':
        return token.start.source === '{' ? this.flowMap(token) : this.flowSeq(token);
      default:
        return outside(); // aliases, and error tokens the composer reports
    }
  }

  private scalar(token: CST.FlowScalar | CST.BlockScalar): YScalar {
    const r = CST.resolveAsScalar(token, true, outside);
    if (r === null) return outside();
    const quoted = token.type === 'single-quoted-scalar' || token.type === 'double-quoted-scalar';
    this.after = r.range[2];
    return { kind: 'scalar', start: r.range[0], end: r.range[1], value: token.type === 'scalar' ? plainValue(r.value) : r.value, text: r.value, quoted };
  }

  private blockMap(bm: CST.BlockMap): YMap {
    const pairs: YPair[] = [];
    let offset = bm.offset;
    let commentEnd: number | undefined;
    const last = bm.items.length - 1;
    for (let i = 0; i <= last; i++) {
      const { start, key, sep, value } = bm.items[i]!;
      const keyStart = this.separators(start) ?? offset;
      if (!sep) {
        // Comments after the last entry; anything else without ':' is an error.
        if (key !== undefined || value !== undefined || i !== last) outside();
        commentEnd = keyStart;
        continue;
      }
      if (!key || !isFlowScalar(key)) return outside();
      if (key.indent !== bm.indent || key.source.includes('\n') || key.end?.some((t) => t.type === 'newline')) outside(); // BAD_INDENT, MULTILINE_IMPLICIT_KEY
      const keyNode = this.textKey(key, pairs);
      const { indicator, newline, comment } = this.separator(sep);
      if (keyStart < indicator.offset - 1024) outside(); // KEY_OVER_1024_CHARS
      if (value?.type === 'block-map' && !newline) outside(); // nested mapping in a compact mapping
      const valueNode = value ? this.node(value) : this.empty(endOf(sep)!, sep, comment);
      offset = this.after;
      pairs.push({ key: keyNode, value: valueNode });
    }
    if (commentEnd !== undefined && commentEnd < offset) outside();
    this.after = commentEnd ?? offset;
    return { kind: 'map', start: bm.offset, end: offset, pairs, flow: false };
  }

  private blockSeq(bs: CST.BlockSequence): YSeq {
    const items: YNode[] = [];
    let offset = bs.offset;
    let commentEnd: number | undefined;
    for (const { start, value } of bs.items) {
      let indicator = false;
      let comment = false;
      for (const t of start) {
        if (t.type === 'seq-item-ind') {
          if (indicator) outside();
          indicator = true;
        } else if (t.type === 'comment') {
          this.spaced(t);
          comment = true;
        } else if (t.type !== 'space' && t.type !== 'newline') outside();
      }
      const propsEnd = endOf(start) ?? offset;
      if (!indicator) {
        if (value) outside(); // an item without '-'
        commentEnd = propsEnd;
        continue;
      }
      items.push(value ? this.node(value) : this.empty(propsEnd, start, comment));
      offset = this.after;
    }
    this.after = commentEnd ?? offset;
    return { kind: 'seq', start: bs.offset, end: offset, items, flow: false };
  }

  /** `[a, "b", {id: x}]`: scalars and flow collections; pairs (`[a: 1]`) go to the composer. */
  private flowSeq(fc: CST.FlowCollection): YSeq {
    const items: YNode[] = [];
    const end = this.flowItems(fc, ']', ({ key, sep, value }) => {
      if (key !== undefined || sep !== undefined || !value) return outside();
      items.push(this.flowNode(value));
    });
    return { kind: 'seq', start: fc.offset, end, items, flow: true };
  }

  /** `{soc2: [CC6.1], iso27001: A.5.15}`: text keys, each with ':', and scalars or flow collections. */
  private flowMap(fc: CST.FlowCollection): YMap {
    const pairs: YPair[] = [];
    const end = this.flowItems(fc, '}', ({ key, sep, value }) => {
      if (!key || !isFlowScalar(key) || !sep) return outside(); // `{a}`, `{: b}` and other keys: the composer
      const keyNode = this.textKey(key, pairs);
      const { comment } = this.separator(sep);
      pairs.push({ key: keyNode, value: value ? this.flowNode(value) : this.empty(endOf(sep)!, sep, comment) });
    });
    return { kind: 'map', start: fc.offset, end, pairs, flow: true };
  }

  /** Reads each item of a flow collection that is not empty, checking the ',' between them; returns where it ends. */
  private flowItems(fc: CST.FlowCollection, close: string, read: (item: CST.CollectionItem) => void): number {
    let offset = fc.offset + 1;
    const last = fc.items.length - 1;
    for (let i = 0; i <= last; i++) {
      const item = fc.items[i]!;
      const empty = item.key === undefined && item.sep === undefined && item.value === undefined;
      const itemEnd = this.flowItemStart(item.start, i, last, offset, empty);
      if (empty) {
        offset = itemEnd;
        continue;
      }
      read(item);
      offset = this.after;
    }
    return this.flowEnd(fc, close);
  }

  /** A mapping key: text, and not a key the mapping already has. */
  private textKey(key: CST.FlowScalar, pairs: readonly YPair[]): YScalar {
    const node = this.scalar(key);
    // Keys the schema reads as numbers, booleans or null compare by value (1 and 1.0 are duplicates): left to the composer.
    if (typeof node.value !== 'string') outside();
    for (const p of pairs) if ((p.key as YScalar).value === node.value) outside(); // DUPLICATE_KEY
    return node;
  }

  /** The tokens between a key and its value: one ':', with spaces, line breaks and comments around it. */
  private separator(sep: SourceToken[]): { indicator: SourceToken; newline: boolean; comment: boolean } {
    let indicator: SourceToken | undefined;
    let newline = false;
    let comment = false;
    for (const t of sep) {
      if (t.type === 'map-value-ind') {
        if (indicator) outside(); // UNEXPECTED_TOKEN: a second ':'
        indicator = t;
      } else if (t.type === 'newline') newline = true;
      else if (t.type === 'comment') {
        this.spaced(t);
        comment = true;
      } else if (t.type !== 'space') outside();
    }
    if (!indicator) return outside(); // MISSING_CHAR: a key without ':'
    return { indicator, newline, comment };
  }

  /** A value inside a flow collection: block collections there are errors, aliases the composer's. */
  private flowNode(token: CST.Token): YNode {
    if (isFlowScalar(token)) return this.scalar(token);
    if (token.type !== 'flow-collection') return outside();
    return token.start.source === '{' ? this.flowMap(token) : this.flowSeq(token);
  }

  /**
   * Checks the tokens before a flow item: one ',' between items, none before the
   * first; an empty item only last (a trailing ','). Returns where they end.
   */
  private flowItemStart(start: SourceToken[], i: number, last: number, offset: number, empty: boolean): number {
    let commas = 0;
    for (const t of start) {
      if (t.type === 'comma') commas++;
      else if (t.type === 'comment') this.spaced(t);
      else if (t.type !== 'space' && t.type !== 'newline') outside();
    }
    if (commas > 1 || (i === 0 && commas === 1)) outside(); // a stray ','
    if (empty ? i < last : i > 0 && commas === 0) outside(); // an empty item inside; items without ','
    return endOf(start) ?? offset;
  }

  /** The closing bracket, which must be there (not an unclosed collection, or one closed by indentation). */
  private flowEnd(fc: CST.FlowCollection, bracket: string): number {
    const [close, ...rest] = fc.end;
    if (close?.source !== bracket) return outside();
    const end = close.offset + 1;
    this.after = end;
    if (rest.length > 0) this.after = this.separators(rest) ?? end;
    return end;
  }

  /** The null a missing value stands for, where the composer puts it: after the last token before it that is not a separator. */
  private empty(propsEnd: number, before: SourceToken[], comment: boolean): YScalar {
    let at = propsEnd;
    for (let i = before.length - 1; i >= 0; i--) {
      const t = before[i]!;
      if (t.type === 'space' || t.type === 'comment' || t.type === 'newline') {
        at -= t.source.length;
        continue;
      }
      for (let j = i + 1; j < before.length && before[j]!.type === 'space'; j++) at += before[j]!.source.length;
      break;
    }
    this.after = comment ? propsEnd : at;
    return { kind: 'scalar', start: at, end: at, value: null, text: '', quoted: false };
  }

  /** Checks tokens that may only be spaces, comments and line breaks; returns where they end (undefined for none). */
  private separators(tokens: SourceToken[]): number | undefined {
    for (const t of tokens) {
      if (t.type === 'comment') this.spaced(t);
      else if (t.type !== 'space' && t.type !== 'newline') outside();
    }
    return endOf(tokens);
  }

  /** A comment must follow white space (MISSING_CHAR); checked on the text, which is stricter than the composer. */
  private spaced(comment: SourceToken): void {
    const before = comment.offset === 0 ? 0x20 : this.text.charCodeAt(comment.offset - 1);
    if (before !== 0x20 && before !== 0x0a && before !== 0x0d) outside();
  }
}

function isFlowScalar(t: CST.Token): t is CST.FlowScalar {
  return t.type === 'scalar' || t.type === 'single-quoted-scalar' || t.type === 'double-quoted-scalar';
}

function endOf(tokens: SourceToken[]): number | undefined {
  const last = tokens[tokens.length - 1];
  return last ? last.offset + last.source.length : undefined;
}

/** A plain scalar's value under the core schema: the first default tag whose pattern matches, else the text. */
function plainValue(text: string): unknown {
  for (const tag of PLAIN_TAGS) {
    if (tag.test!.test(text)) {
      const v: unknown = (tag as { resolve(s: string, onError: (m: string) => void, o: object): unknown }).resolve(text, outside, {});
      return isScalar(v) ? v.value : v;
    }
  }
  return text;
}
