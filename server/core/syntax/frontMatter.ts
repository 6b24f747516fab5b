// Locates YAML front matter the way remark-frontmatter does (a `---` line at
// the very start, closed by a `---` line), without building a Markdown tree:
// most rules need only the front matter and the id references, and a full
// parse of every policy is the most expensive step of a workspace scan.
// test/front-matter.test.ts keeps this in agreement with remark-frontmatter.

export interface FrontMatter {
  /** Offset of the YAML content (after the opening line). */
  start: number;
  /** Offset just past the YAML content (before the closing line). */
  end: number;
  /** Offset of the body after the closing line. */
  bodyStart: number;
  /** Offset just past the closing `---`. */
  blockEnd: number;
  /** The front matter was opened but never closed. */
  unclosed: boolean;
}

export function findFrontMatter(text: string): FrontMatter | undefined {
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (!open) return undefined;
  const start = open[0].length;
  // Search from the newline that ends the opening line, so an empty block closes at once.
  const close = /\n---[ \t]*(?=\r?\n|$)/g;
  close.lastIndex = start - 1;
  const m = close.exec(text);
  if (!m) return { start, end: text.length, bodyStart: text.length, blockEnd: text.length, unclosed: true };
  const end = Math.max(start, m.index + 1);
  const blockEnd = m.index + m[0].length;
  const nl = /^\r?\n/.exec(text.slice(blockEnd, blockEnd + 2));
  return { start, end, bodyStart: blockEnd + (nl ? nl[0].length : 0), blockEnd, unclosed: false };
}

/**
 * A document header: YAML front matter, or the form strongdm/comply reads,
 * `key: value` lines closed by a `---` line with no opening `---`. The bare
 * form needs its first line to be a YAML key and no Markdown heading before
 * the closing line, so a body that merely contains a thematic break is not
 * taken for a header.
 */
export function findHeader(text: string): (FrontMatter & { bare: boolean }) | undefined {
  const fm = findFrontMatter(text);
  if (fm) return { ...fm, bare: false };
  if (!/^[A-Za-z_][\w-]*[ \t]*:(?=[ \t]|\r?\n|$)/.test(text)) return undefined;
  const close = /(?:^|\n)(?:---[ \t]*(?=\r?\n|$)|#)/g;
  const m = close.exec(text);
  if (!m || m[0].endsWith('#')) return undefined;
  const lineStart = m.index + (m[0].startsWith('\n') ? 1 : 0);
  const blockEnd = lineStart + m[0].length - (m[0].startsWith('\n') ? 1 : 0);
  const nl = /^\r?\n/.exec(text.slice(blockEnd, blockEnd + 2));
  return { start: 0, end: lineStart, bodyStart: blockEnd + (nl ? nl[0].length : 0), blockEnd, unclosed: false, bare: true };
}
