// Relative links and images of a Markdown body ("[Access](./access.md)",
// "![diagram](../img/net.png)", "[ref]: ../controls/"), resolved against the
// document's folder, and the heading anchors the document offers (GitHub's
// slugs). Only targets inside the repository are kept: URLs with a scheme
// are not looked at, and are never fetched. Code is skipped.
import type { Link } from '../../model/facts.ts';
import type { LineIndex } from '../../text/lineIndex.ts';
import { codeSpanTest } from './codeSpans.ts';
import { normalisePath } from '../../text/paths.ts';

const FENCE = /^ {0,3}(```|~~~)/;
const INLINE = /(!?)\[(?:[^[\]\n]|\[[^[\]\n]*\])*\]\(\s*(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?\s*\)/g;
/** The end of a link whose text began on an earlier line ("[the data\nmodel](data.md)"). */
const CONTINUED = /^((?:[^[\]\n]|\[[^[\]\n]*\])*\]\(\s*)(<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?\s*\)/;
// A reference definition; `[^1]: ...` is a footnote, not a link.
const REFERENCE = /^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(<[^<>\n]*>|\S+)/;
const ATX_OPEN = /^ {0,3}#{1,6}[ \t]+/;
/** A path that only means something on one person's machine. */
export const LOCAL_PATH = /^(?:file:|~\/|[A-Za-z]:[\\/]|\\\\|\/(?:Users|home|mnt|Volumes|tmp|var|private|opt|root)\/)/;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

export interface LinkScan {
  links: Link[];
  anchors: string[];
}

export function findLinks(path: string, text: string, bodyStart: number, lines: LineIndex): LinkScan {
  const links: Link[] = [];
  const anchors: string[] = [];
  const slugs = new Map<string, number>();
  const mayLink = text.includes('](') || text.includes(']:');
  let fence: string | undefined;
  // The previous line of the paragraph left a link text open ("[" with no "]" after it).
  let textOpen = false;
  let at = bodyStart;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(at, end).replace(/\r$/, '');
    const open = FENCE.exec(line);
    if (fence !== undefined) {
      if (open && open[1] === fence) fence = undefined;
      textOpen = false;
    } else if (open) {
      fence = open[1];
      textOpen = false;
    } else {
      const heading = headingText(line);
      if (heading !== undefined) anchors.push(uniqueSlug(slugOf(heading), slugs));
      if (mayLink) textOpen = lineLinks(path, line, at, lines, links, textOpen && !heading && line.trim() !== '');
    }
    at = end + 1;
  }
  return { links, anchors };
}

/**
 * The text of an ATX heading, its closing #s off ("## Scope ##" is "Scope").
 * Trimmed by hand: a pattern with spaces on either side of optional #s takes
 * quadratic time on a heading padded with a hundred thousand spaces.
 */
function headingText(line: string): string | undefined {
  const open = ATX_OPEN.exec(line);
  if (!open) return undefined;
  const blank = (i: number): boolean => line[i] === ' ' || line[i] === '\t';
  let end = line.length;
  while (end > open[0].length && blank(end - 1)) end--;
  let closing = end;
  while (closing > open[0].length && line[closing - 1] === '#') closing--;
  if (closing < end && (closing === open[0].length || blank(closing - 1))) {
    end = closing;
    while (end > open[0].length && blank(end - 1)) end--;
  }
  return line.slice(open[0].length, end);
}

/** Adds the line's links; true when it leaves a link text open for the next line. */
function lineLinks(path: string, line: string, offset: number, lines: LineIndex, out: Link[], continues: boolean): boolean {
  const inCode = codeSpanTest(line);
  const add = (raw: string, start: number): void => {
    const target = raw.startsWith('<') ? raw.slice(1, -1) : raw;
    const link = resolveLink(path, target);
    if (link) out.push({ ...link, raw: target, range: lines.range(offset + start, offset + start + raw.length) });
  };
  const ref = REFERENCE.exec(line);
  if (ref && !inCode(0)) add(ref[1]!, ref[0].length - ref[1]!.length);
  const rest = continues ? CONTINUED.exec(line) : null;
  if (rest && !inCode(0) && rest[2] !== '' && rest[2] !== '<>') add(rest[2]!, rest[1]!.length);
  INLINE.lastIndex = rest ? rest[0].length : 0;
  for (let m = INLINE.exec(line); m; m = INLINE.exec(line)) {
    if (inCode(m.index) || m[2] === '' || m[2] === '<>') continue;
    add(m[2]!, m.index + m[0].indexOf(m[2]!, m[0].indexOf('](') + 1));
  }
  const opened = line.lastIndexOf('[');
  return opened > line.lastIndexOf(']') && !inCode(opened);
}

/** Where a link target points in the repository; undefined for URLs, template text and mail links. */
function resolveLink(from: string, target: string): Omit<Link, 'raw' | 'range'> | undefined {
  if (LOCAL_PATH.test(target)) return {};
  if (SCHEME.test(target) || target.startsWith('//') || target.includes('{{')) return undefined;
  const hash = target.indexOf('#');
  const file = hash === -1 ? target : target.slice(0, hash);
  const anchor = hash === -1 ? undefined : target.slice(hash + 1);
  const query = file.indexOf('?');
  let filePart = query === -1 ? file : file.slice(0, query);
  try {
    filePart = decodeURIComponent(filePart);
  } catch {
    // A stray % is part of the name.
  }
  const base = filePart === '' ? from : filePart.startsWith('/') ? filePart.slice(1) : `${from.slice(0, from.lastIndexOf('/') + 1)}${filePart}`;
  const resolved = normalisePath(base);
  const out: Omit<Link, 'raw' | 'range'> = resolved === undefined ? { outside: true } : { target: resolved };
  if (anchor !== undefined && anchor !== '') out.anchor = anchor;
  return out;
}

/** GitHub's heading anchor: lower case, punctuation dropped (but `-` and `_`), spaces as `-`. */
export function slugOf(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*`~]|<[^>]*>/g, '')
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{N}\p{M} _-]/gu, '').replace(/ /g, '-');
}

function uniqueSlug(slug: string, seen: Map<string, number>): string {
  const n = seen.get(slug);
  seen.set(slug, (n ?? -1) + 1);
  return n === undefined ? slug : `${slug}-${n + 1}`;
}
