import type { Position, Range } from '../types.ts';

/**
 * Positions near the top-left of a file, shared by every file: a cold scan
 * makes half a million positions, almost all of them on the first lines of
 * small files, and allocating them was a tenth of the scan. They are frozen:
 * nothing may change a position in place.
 */
const SHARED_LINES = 128;
const SHARED_CHARACTERS = 256;
const shared: Array<Position | undefined> = [];

export function position(line: number, character: number): Position {
  if (line >= SHARED_LINES || character >= SHARED_CHARACTERS) return { line, character };
  const k = line * SHARED_CHARACTERS + character;
  return (shared[k] ??= Object.freeze({ line, character }));
}

/** Converts UTF-16 offsets to LSP positions for one text, in O(log lines). */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The line of the last lookup: readers ask for positions in order, mostly on the same or the next line. */
  private lastLine = 0;

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const s = this.starts;
    for (let line = this.lastLine; line <= this.lastLine + 1 && line < s.length; line++) {
      if (s[line]! <= o && (line + 1 === s.length || o < s[line + 1]!)) {
        this.lastLine = line;
        return position(line, o - s[line]!);
      }
    }
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return position(lo, o - this.starts[lo]!);
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  offset(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, pos.line)]!;
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1]! : this.text.length + 1;
    return Math.min(start + Math.max(0, pos.character), next - 1, this.text.length);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }

  /** The text of one line without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const end = line + 1 < this.starts.length ? this.starts[line + 1]! - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}

export function rangeContains(range: Range, pos: Position): boolean {
  const afterStart = pos.line > range.start.line || (pos.line === range.start.line && pos.character >= range.start.character);
  const beforeEnd = pos.line < range.end.line || (pos.line === range.end.line && pos.character <= range.end.character);
  return afterStart && beforeEnd;
}

export function compareRanges(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character || a.end.line - b.end.line || a.end.character - b.end.character;
}
