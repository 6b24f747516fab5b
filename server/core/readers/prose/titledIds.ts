// Framework ids that a document writes with a title beside them: where
// authors name a requirement, in headings ("### CC6.5 — Access review"),
// table rows ("| A.8.12 | Data leakage prevention |"), list items
// ("- CC6.1: Logical access", "- A.5.15 (Access control)") and link or badge
// texts ("[CC6.1 Logical access](...)"). Running sentences are left alone: a
// sentence after an id says something about it, it does not title it.
import type { IdRef, TitledId } from '../../model/facts.ts';
import type { LineIndex } from '../../text/lineIndex.ts';

const HEADING_BEFORE = /^ {0,3}#{1,6}[ \t]+[*_`]*$/;
const LIST_BEFORE = /^\s*(?:[-*+]|\d{1,3}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?[*_`]*$/;
const CELL_BEFORE = /\|[ \t]*[*_`]*$/;
const LINK_BEFORE = /!?\[[ \t]*[*_`]*$/;

/** After the id: a separator (or, where the id leads a heading, cell or link text, a space) and the title. */
const AFTER_HEADING = /^[*_`]*[ \t]*(?:[—–:|]|\s-|\()?[ \t]*(?<title>[^\n]+?)[ \t]*\)?[ \t]*#*[ \t]*\r?$/d;
const AFTER_LIST = /^[*_`]*(?:[ \t]*(?:[—–:]|[ \t]-)[ \t]*(?<title>[^\n]+?)|[ \t]*\((?<paren>[^()\n]+)\))[ \t]*\r?$/d;
const AFTER_CELL = /^[*_`]*[ \t]*(?:\|[ \t]*(?<next>[^|\n]+?)[ \t]*\||(?:[—–:]|[ \t]-|[ \t])[ \t]*(?<title>[^|\n]+?)[ \t]*\|)/d;
const AFTER_LINK = /^[*_`]*[ \t]*(?:[—–:]|\s-)?[ \t]*(?<title>[^\]\n]+?)[ \t]*\]/d;

/** Words that open a remark about the requirement rather than its name. */
const NOT_A_TITLE =
  /^(?:see|cf|covered|mapped|maps|met|meets|satisfied|satisfies|implemented|implements|partially|partial|fully|full|yes|no|n\/a|na|tbd|todo|and|or|also|per|via|by|under|in|is|are|was|applies|applicable|not|none|pending|done|ok|e\.g|i\.e|including|only|required|optional)\b/i;
const ID_LIKE = /\b(?:[A-Z]{1,4}[-.]?\d|\d+\.\d)/;
const MAX_WORDS = 12;

export function findTitledIds(text: string, bodyStart: number, lines: LineIndex, prose: readonly IdRef[]): TitledId[] {
  const out: TitledId[] = [];
  for (const ref of prose) {
    const r = ref.resolution;
    if (r.kind !== 'valid' && r.kind !== 'legacy') continue;
    const start = lines.offset(ref.range.start);
    if (start < bodyStart) continue;
    const end = lines.offset(ref.range.end);
    // Only the text near the id is looked at: a line can hold a hundred thousand ids.
    const line = ref.range.start.line;
    const lineStart = lines.lineStart(line);
    const lineEnd = line + 1 < lines.lineCount ? lines.lineStart(line + 1) - 1 : text.length;
    const near: Near = {
      head: text.slice(lineStart, Math.min(start, lineStart + NEAR)),
      whole: start - lineStart <= NEAR,
      tail: text.slice(Math.max(lineStart, start - NEAR), start),
      after: text.slice(end, Math.min(lineEnd, end + AFTER)),
      cut: lineEnd > end + AFTER,
    };
    const found = titleAfter(near);
    if (!found) continue;
    const title = found.title;
    if (!looksLikeTitle(title, found.sentenceAllowed)) continue;
    const titleStart = end + found.at;
    out.push({ framework: r.framework, id: r.id, raw: ref.raw, idRange: ref.range, title, titleRange: lines.range(titleStart, titleStart + title.length) });
  }
  return out;
}

interface Found {
  title: string;
  /** Offset of the title in `after`. */
  at: number;
  sentenceAllowed: boolean;
}

/** What lies around an id on its line. */
interface Near {
  /** The line's start, up to the id or NEAR characters. */
  head: string;
  /** `head` is everything before the id. */
  whole: boolean;
  /** The NEAR characters before the id. */
  tail: string;
  /** The rest of the line, up to AFTER characters. */
  after: string;
  /** The line goes on past `after`. */
  cut: boolean;
}

const NEAR = 48;
const AFTER = 400;

function titleAfter({ head, whole, tail, after, cut }: Near): Found | undefined {
  const pick = (m: RegExpExecArray | null, names: string[], sentenceAllowed: boolean): Found | undefined => {
    if (!m?.groups || !m.indices?.groups) return undefined;
    for (const name of names) {
      const raw = m.groups[name];
      const span = m.indices.groups[name];
      if (raw === undefined || !span) continue;
      return trimMarkup(raw, span[0], sentenceAllowed);
    }
    return undefined;
  };
  if (LINK_BEFORE.test(tail)) return pick(AFTER_LINK.exec(after), ['title'], false);
  // A heading or list item runs to the end of its line: one longer than AFTER has no title.
  if (whole && !cut && HEADING_BEFORE.test(head)) return pick(AFTER_HEADING.exec(after), ['title'], true);
  if (whole && !cut && LIST_BEFORE.test(head)) return pick(AFTER_LIST.exec(after), ['title', 'paren'], false);
  if (CELL_BEFORE.test(tail) && head.trimStart().startsWith('|')) return pick(AFTER_CELL.exec(after), ['next', 'title'], false);
  return undefined;
}

/** The title without emphasis marks, quotes or closing punctuation around it. */
function trimMarkup(raw: string, at: number, sentenceAllowed: boolean): Found | undefined {
  const lead = /^[*_`"“'‘\s]*/.exec(raw)![0].length;
  const trail = /[*_`"”'’\s.,;:!]*$/.exec(raw.slice(lead))![0].length;
  const title = raw.slice(lead, raw.length - trail);
  return title.length === 0 ? undefined : { title, at: at + lead, sentenceAllowed };
}

function looksLikeTitle(title: string, sentenceAllowed: boolean): boolean {
  if (!/[A-Za-z]{2}/.test(title) || title.length > 160) return false;
  if (NOT_A_TITLE.test(title) || ID_LIKE.test(title)) return false;
  // Markup inside (a link, code, an image) is not a name.
  if (/[[\]()`<>{}]|https?:/.test(title)) return false;
  const words = title.split(/\s+/).length;
  if (words > MAX_WORDS) return false;
  // A sentence after the separator is a remark about the requirement ("CC6.1: access is reviewed. ...").
  if (!sentenceAllowed && (/[.!?]\s/.test(title) || words > 8)) return false;
  return true;
}
