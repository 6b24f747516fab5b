// What a written framework id turned out to mean, as the id resolver
// (knowledge/ids/resolve.ts) decides it: part of every id reference.
export type Resolution =
  /** A valid id of `framework`; `canonical` is false when written differently. */
  | { kind: 'valid'; framework: string; id: string; canonical: boolean }
  /** An id of a withdrawn edition, with what replaced it. `group` for 2013 objectives such as A.9.2. */
  | { kind: 'legacy'; framework: string; id: string; successorFramework: string; successors: string[]; group: boolean }
  /** A valid id, but of another framework than the key it is listed under. */
  | { kind: 'wrong-framework'; framework: string; id: string; expected: string }
  | { kind: 'unknown'; expected: string | undefined; normalised: string; suggestions: string[] };
