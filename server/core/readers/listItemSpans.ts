// Where each item of a control file's list lies, found from its lines alone.
// When the file has a YAML syntax error, the parser's reading of everything
// after the error is unreliable (an unclosed `[` or quote swallows the rest of
// the file), but a list item starts where a line starts with `- ` at the
// list's column, whatever came before. Each item can then be parsed on its own,
// so one control being typed in does not take the others with it.
import type { Span } from '../syntax/yamlTree.ts';

/** A line that opens a list item at `column`: `- ` (or a lone `-`) there. */
function opensItem(line: string, column: number): boolean {
  if (line.charCodeAt(column) !== 0x2d /* - */) return false;
  const next = line.charCodeAt(column + 1);
  return Number.isNaN(next) || next === 0x20 || next === 0x0d;
}

/** Nothing to read: blank, or only a comment. */
function isFiller(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 0x20) i++;
  return i;
}

/**
 * The spans of the items of the file's `controls:` list (a key at the root)
 * or of its root list, each from the start of its `- ` line to the start of
 * the next; undefined when the file holds no such list.
 */
export function listItemSpans(text: string): Span[] | undefined {
  const lines = text.split('\n');
  const starts: number[] = [];
  for (let i = 0, at = 0; i < lines.length; at += lines[i]!.length + 1, i++) starts.push(at);

  // The list: items under a `controls:` key at the root, or a list at the root.
  let i = lines.findIndex((l) => /^controls\s*:\s*(?:#.*)?\r?$/.test(l));
  const underKey = i !== -1;
  if (underKey) i++;
  else {
    i = 0;
    while (i < lines.length && (isFiller(lines[i]!) || /^---\s*\r?$/.test(lines[i]!))) i++;
  }
  while (i < lines.length && isFiller(lines[i]!)) i++;
  if (i >= lines.length) return undefined;
  const column = indentOf(lines[i]!);
  if (!opensItem(lines[i]!, column) || (!underKey && column !== 0)) return undefined;

  const spans: Span[] = [];
  let start = starts[i]!;
  for (i++; i < lines.length; i++) {
    const line = lines[i]!;
    if (isFiller(line)) continue;
    const indent = indentOf(line);
    if (indent === column && opensItem(line, column)) {
      spans.push({ start, end: starts[i]! });
      start = starts[i]!;
      continue;
    }
    // Less indented (or, under a key at the root's column, a next key): the list has ended.
    if (underKey && (indent < column || (indent === column && column === 0))) {
      spans.push({ start, end: starts[i]! });
      return spans;
    }
    // Anything else belongs to the item above, however it is indented.
  }
  spans.push({ start, end: text.length });
  return spans;
}
