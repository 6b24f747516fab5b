// Whether an offset of a line lies in `inline code`, asked for offsets in
// increasing order: one pass over the line's code spans, however many
// links or names the line holds.
export function codeSpanTest(line: string): (offset: number) => boolean {
  const spans: Array<readonly [number, number]> = [];
  for (const m of line.matchAll(/`[^`]*`/g)) spans.push([m.index, m.index + m[0].length]);
  let i = 0;
  return (offset) => {
    while (i < spans.length && spans[i]![1] <= offset) i++;
    return i < spans.length && spans[i]![0] <= offset;
  };
}
