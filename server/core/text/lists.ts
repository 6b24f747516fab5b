/**
 * The first `max` items, shown and joined by `sep`, then how many more:
 * messages and hovers stay short when a catalogue names hundreds of things.
 * ("a, b and 3 more"; with "; ": "a; b; and 3 more".)
 */
export function firstAndMore<T>(items: readonly T[], max: number, show: (item: T) => string, sep = ', '): string {
  const shown = items.slice(0, max).map(show).join(sep);
  if (items.length <= max) return shown;
  return `${shown}${sep === ', ' ? '' : sep.trimEnd()} and ${items.length - max} more`;
}
