// Terms a policy defines: entries of a "Definitions" / "Glossary" section
// (lists, tables, "**Term**: ..." paragraphs) and sentences such as
// '"Confidential data" means ...' anywhere. This is the one place that needs
// the Markdown structure, so the full remark parse (about 1 ms for a 2 KB
// policy) runs only for documents that can hold one of those: ordinary prose
// ("by means of", "refers to") does not pay for it.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
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

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
const SECTION = /^(?:definitions?|glossary|terminology|terms(?: and definitions)?|key terms)$/i;
/** What any match of SENTENCE contains, wherever it lies: a quoted or bold term, then "means" and the definition. */
const SENTENCE_CORE = /(?:["“][A-Za-z][\w /&-]{0,60}["”](?:\*\*|__)?|(?:\*\*|__)[A-Za-z][\w /&-]{0,60}(?:\*\*|__))\s+(?:means|is defined as|refers to)\s+[^.]/;
/** What a heading SECTION matches contains. */
const SECTION_WORD = /definition|glossary|terminology|terms/i;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*\r?$/;
const ENTRY = /^\s*(?:[-*+]|\d+\.)?\s*(?:\*\*|__)?["“]?([A-Za-z][\w /&()-]{0,60}?)["”]?(?:\*\*|__)?\s*(?::|–|—|\s-\s)\s*(\S[\s\S]*)$/;
const SENTENCE = /(?:^|[.!?]\s+)(?:\*\*|__)?["“]([A-Za-z][\w /&-]{0,60}?)["”](?:\*\*|__)?\s+(?:means|is defined as|refers to)\s+([^.]+[.]?)|(?:^|[.!?]\s+)(?:\*\*|__)([A-Za-z][\w /&-]{0,60}?)(?:\*\*|__)\s+(?:means|is defined as|refers to)\s+([^.]+[.]?)/g;

export function termKey(term: string): string {
  const k = term.toLowerCase().replace(/["“”*_]/g, '').replace(/\s+/g, ' ').trim();
  return k.length > 4 && k.endsWith('s') && !k.endsWith('ss') ? k.slice(0, -1) : k;
}

function clean(s: string): string {
  return s.replace(/\*\*|__|`/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * Whether the text can hold a definitions section: a heading (ATX, or the
 * paragraph above a setext underline) with one of SECTION's words once
 * cleaned. Looser than the parse (any such line), never stricter.
 */
function maySection(text: string): boolean {
  if (!SECTION_WORD.test(clean(text))) return false; // cleaned, as `Gloss**ary**` is a glossary
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (ATX_HEADING.test(line) && SECTION_WORD.test(clean(line))) return true;
    if (i > 0 && SETEXT_UNDERLINE.test(line) && lines[i - 1]!.trim() !== '') {
      let j = i - 1;
      while (j > 0 && lines[j - 1]!.trim() !== '') j--;
      if (SECTION_WORD.test(clean(lines.slice(j, i).join(' ')))) return true;
    }
  }
  return false;
}

export function findDefinitions(text: string): RawDefinition[] {
  return SENTENCE_CORE.test(text) || maySection(text) ? definitionsIn(text) : [];
}

/** The definitions in the text's Markdown structure, with no shortcut (exported for the tests that check the shortcut). */
export function definitionsIn(text: string): RawDefinition[] {
  const tree = processor.parse(text) as Root;
  const out: RawDefinition[] = [];
  const add = (term: string, definition: string, sourceStart: number, source: string): void => {
    const t = clean(term);
    const d = clean(definition);
    if (t.length < 2 || d.length < 3) return;
    const at = source.indexOf(term);
    const start = sourceStart + Math.max(0, at);
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
          add(clean(tSrc.replace(/^\|?\s*/, '').replace(/\s*\|?$/, '')), slice(def as unknown as RootContent)[0].replace(/^\|?\s*/, '').replace(/\s*\|?$/, ''), tAt, tSrc);
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
