// Terms a policy defines: entries of a "Definitions" / "Glossary" section
// (lists, tables, "**Term**: ..." paragraphs) and sentences such as
// '"Confidential data" means ...' anywhere. This is the one place that needs
// the Markdown structure, so the remark parse (about 1 ms for a 2 KB policy)
// runs only for documents that can hold one of those, and only from where the
// first can start: ordinary prose ("by means of", "refers to") does not pay
// for it, and a glossary at the end costs what the glossary costs.
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import type { Root, RootContent } from 'mdast';

export interface RawDefinition {
  term: string;
  /** The term normalised for comparison across documents. */
  key: string;
  definition: string;
  /** Offsets of the term in the document. */
  start: number;
  end: number;
}

/**
 * Of GFM, the tables and footnotes: the constructs that shape blocks (links,
 * strikethrough and task lists are inline). Registered as remark-gfm registers
 * all of them, at half its cost: its autolink pass walks every tree.
 */
function gfmBlocks(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmFootnote());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmFootnoteFromMarkdown());
}

/** A policy's body; its front matter is cut off beforehand, so a `---` line there is a thematic break. */
const bodyProcessor = unified().use(remarkParse).use(gfmBlocks);
const SECTION = /^(?:definitions?|glossary|terminology|terms(?: and definitions)?|key terms)$/i;
/** What any match of SENTENCE contains, wherever it lies: a quoted or bold term, then "means" and the definition. Global, to search from an offset. */
const SENTENCE_AT = /(?:["“][A-Za-z][\w /&-]{0,60}["”](?:\*\*|__)?|(?:\*\*|__)[A-Za-z][\w /&-]{0,60}(?:\*\*|__))\s+(?:means|is defined as|refers to)\s+[^.]/g;
/** What a heading SECTION matches contains. */
const SECTION_WORD = /definition|glossary|terminology|terms/i;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*\r?$/;
const ENTRY = /^\s*(?:[-*+]|\d+\.)?\s*(?:\*\*|__)?["“]?([A-Za-z][\w /&()-]{0,60}?)["”]?(?:\*\*|__)?\s*(?::|–|—|\s-\s)\s*(\S[\s\S]*)$/;
const SENTENCE =
  /(?:^|[.!?]\s+)(?:\*\*|__)?["“]([A-Za-z][\w /&-]{0,60}?)["”](?:\*\*|__)?\s+(?:means|is defined as|refers to)\s+([^.]+[.]?)|(?:^|[.!?]\s+)(?:\*\*|__)([A-Za-z][\w /&-]{0,60}?)(?:\*\*|__)\s+(?:means|is defined as|refers to)\s+([^.]+[.]?)/g;

export function termKey(term: string): string {
  const k = term
    .toLowerCase()
    .replace(/["“”*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return k.length > 4 && k.endsWith('s') && !k.endsWith('ss') ? k.slice(0, -1) : k;
}

const MARKUP = /\*\*|__|`/;
const MARKUP_ALL = /\*\*|__|`/g;

function clean(s: string): string {
  return s.replace(MARKUP_ALL, '').replace(/\s+/g, ' ').trim();
}

/** A line indented by four columns or more. */
const INDENTED_CODE = /^(?: {0,3}\t| {4})/;
/** Where a line opens a fenced code block or an HTML block, which can run on over blank lines. */
const FENCE_OR_HTML = /^ {0,3}(?:```|~~~|<)/;

/**
 * Where to start parsing the body for definitions, or undefined when it can
 * hold none: no sentence SENTENCE can match (SENTENCE_AT finds where one
 * would), and no heading with one of SECTION's words (ATX, or the paragraph
 * above a setext underline, once cleaned). Those are looser than the parse,
 * never stricter. The start is the last line at or before the first of them
 * where the Markdown outside starts afresh: a line at the left margin after a
 * blank line, or an ATX heading there. Such a line closes every paragraph,
 * list and quote, so the rest parses alone as it does in the whole text,
 * unless a fenced code or HTML block above could still be open (then the
 * whole body is parsed). test/definitions.test.ts checks this against a parse
 * of the whole text.
 */
function parseStart(text: string, bodyStart: number): number | undefined {
  SENTENCE_AT.lastIndex = bodyStart;
  const sentence = SENTENCE_AT.exec(text)?.index ?? Infinity;
  const body = text.slice(bodyStart);
  // Markup can split a word (`Gloss**ary**` is a glossary); spaces cannot, as no section word has one.
  const mayHaveSection = SECTION_WORD.test(body) || (MARKUP.test(body) && SECTION_WORD.test(body.replace(MARKUP_ALL, '')));
  if (sentence === Infinity && !mayHaveSection) return undefined;

  const lines: Array<{ at: number; text: string }> = [];
  for (let at = bodyStart; at < text.length || at === bodyStart;) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    lines.push({ at, text: text.slice(at, end) });
    if (nl === -1) break;
    at = nl + 1;
  }
  let first = lines.findIndex((l, i) => l.at + l.text.length >= sentence || (mayHaveSection && isSectionCandidate(lines, i)));
  if (first === -1) return undefined;
  const blank = (i: number): boolean => lines[i]!.text.trim() === '';
  const atMargin = (i: number): boolean => !blank(i) && lines[i]!.text[0] !== ' ' && lines[i]!.text[0] !== '\t';
  // After indented code, micromark starts blocks differently ("2. x" is no list there): not a fresh start.
  const afterIndentedCode = (i: number): boolean => {
    let j = i - 1;
    while (j >= 0 && blank(j)) j--;
    return j >= 0 && INDENTED_CODE.test(lines[j]!.text);
  };
  const freshStart = (i: number): boolean => atMargin(i) && (ATX_HEADING.test(lines[i]!.text) || (blank(i - 1) && !afterIndentedCode(i)));
  while (first > 0 && !freshStart(first)) first--;
  for (let i = 0; i < first; i++) if (FENCE_OR_HTML.test(lines[i]!.text)) return bodyStart;
  return lines[first]!.at;
}

/** A heading line with a section word, or a setext underline below a paragraph with one. */
function isSectionCandidate(lines: ReadonlyArray<{ text: string }>, i: number): boolean {
  const line = lines[i]!.text;
  if (ATX_HEADING.test(line)) return SECTION_WORD.test(clean(line));
  if (i === 0 || !SETEXT_UNDERLINE.test(line) || lines[i - 1]!.text.trim() === '') return false;
  let j = i - 1;
  while (j > 0 && lines[j - 1]!.text.trim() !== '') j--;
  return SECTION_WORD.test(
    clean(
      lines
        .slice(j, i)
        .map((l) => l.text)
        .join(' '),
    ),
  );
}

/** The definitions in a policy's body (from `bodyStart`, after its front matter). */
export function findDefinitions(text: string, bodyStart: number): RawDefinition[] {
  const from = parseStart(text, bodyStart);
  return from === undefined ? [] : definitionsIn(text, from, bodyProcessor);
}

/**
 * The definitions in the Markdown structure of `whole` from `from` on. The
 * tests check the shortcuts above against the whole text parsed with full GFM.
 */
export function definitionsIn(whole: string, from = 0, parser: { parse(text: string): unknown } = bodyProcessor): RawDefinition[] {
  const text = whole.slice(from);
  const tree = parser.parse(text) as Root;
  const out: RawDefinition[] = [];
  const add = (term: string, definition: string, sourceStart: number, source: string): void => {
    const t = clean(term);
    const d = clean(definition);
    if (t.length < 2 || d.length < 3) return;
    const at = source.indexOf(term);
    const start = from + sourceStart + Math.max(0, at);
    out.push({ term: t, key: termKey(t), definition: d, start, end: start + term.length });
  };
  const slice = (n: RootContent): [string, number] => {
    const s = n.position?.start.offset ?? 0;
    const e = n.position?.end.offset ?? s;
    return [text.slice(s, e), s];
  };

  let sectionDepth = 0;
  for (const node of tree.children) {
    if (node.type === 'heading') {
      // The heading's text: without `#` marks, a closing `##` or a setext underline.
      const first = node.children[0]?.position;
      const last = node.children.at(-1)?.position;
      const title = first && last ? clean(text.slice(first.start.offset, last.end.offset)) : '';
      if (SECTION.test(title)) sectionDepth = node.depth;
      else if (sectionDepth > 0 && node.depth <= sectionDepth) sectionDepth = 0;
      continue;
    }
    if (sectionDepth > 0) {
      if (node.type === 'list') {
        for (const item of node.children) {
          const [src, at] = slice(item as unknown as RootContent);
          const m = ENTRY.exec(src);
          if (m) add(m[1]!, m[2]!, at, src);
        }
        continue;
      }
      if (node.type === 'table') {
        for (const row of node.children.slice(1)) {
          const [term, def] = row.children;
          if (!term || !def) continue;
          const [tSrc, tAt] = slice(term as unknown as RootContent);
          add(
            clean(tSrc.replace(/^\|?\s*/, '').replace(/\s*\|?$/, '')),
            slice(def as unknown as RootContent)[0]
              .replace(/^\|?\s*/, '')
              .replace(/\s*\|?$/, ''),
            tAt,
            tSrc,
          );
        }
        continue;
      }
      if (node.type === 'paragraph') {
        const [src, at] = slice(node);
        const m = ENTRY.exec(src);
        if (m && /^\s*(?:\*\*|__)/.test(src)) {
          add(m[1]!, m[2]!, at, src);
          continue;
        }
      }
    }
    if (node.type === 'paragraph' || node.type === 'list') {
      const [src, at] = slice(node);
      SENTENCE.lastIndex = 0;
      for (const m of src.matchAll(SENTENCE)) {
        const term = m[1] ?? m[3]!;
        const def = m[2] ?? m[4]!;
        const local = src.indexOf(term, m.index);
        add(term, def, at + local, term);
      }
    }
  }
  return out;
}
