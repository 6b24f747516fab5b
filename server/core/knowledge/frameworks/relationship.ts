// A crosswalk pair states how its `from` side relates to its `to` side. Read
// from either end, the same pair says the counterpart is broader, narrower,
// equivalent or overlapping: this is where the direction is turned.
import type { Counterpart } from './registry.ts';
import type { CrosswalkPair } from './model.ts';

/** The counterpart relative to the requirement it was looked up from. */
export type Relative = 'equivalent' | 'broader' | 'narrower' | 'overlapping';

export function counterpartIs(c: Counterpart): Relative {
  const rel = c.pair.relationship;
  if (rel === 'equal') return 'equivalent';
  if (rel === 'intersect') return 'overlapping';
  // `superset`: the from side asks for more than the to side.
  const counterpartIsFrom = c.framework === c.crosswalk.from && c.id === c.pair.from;
  return (rel === 'superset') === counterpartIsFrom ? 'broader' : 'narrower';
}

export const RELATIVE_PHRASE: Record<Relative, string> = { equivalent: 'is equivalent', broader: 'is broader', narrower: 'is narrower', overlapping: 'overlaps' };

/** What a counterpart can be relied on for: strong and not net-new means existing controls likely meet it. */
export function likelyMeets(pair: CrosswalkPair): boolean {
  return pair.strength === 'strong' && !pair.netNew;
}
