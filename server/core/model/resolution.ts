// What a written framework id turned out to mean, as the id resolver
// (knowledge/ids/resolve.ts) decides it: part of every id reference.
export type Resolution =
  /**
   * A valid id of `framework`; `canonical` is false when written differently.
   * `item`: the id names item `item` of clause `id` ("6.1.2.d" is item d) of 6.1.2).
   */
  | { kind: 'valid'; framework: string; id: string; canonical: boolean; item?: string }
  /** An id of a withdrawn edition, with what replaced it. `group` for 2013 objectives such as A.9.2. */
  | { kind: 'legacy'; framework: string; id: string; successorFramework: string; successors: string[]; group: boolean }
  /** A valid id, but of another framework than the key it is listed under. */
  | { kind: 'wrong-framework'; framework: string; id: string; expected: string }
  /**
   * A family of criteria (SOC 2 CC6), or its heading as the 2022 criteria
   * tables print it (CC6.0, P1.0): it groups `criteria` and is none itself.
   */
  | { kind: 'family'; framework: string; id: string; heading: boolean; criteria: string[] }
  /** A point of focus of criterion `id`, numbered by a compliance tool (CC6.1.3 is the third of CC6.1): not a criterion. */
  | { kind: 'point-of-focus'; framework: string; id: string; point: number }
  | { kind: 'unknown'; expected: string | undefined; normalised: string; suggestions: string[] };

/** The ISO/IEC 27001 editions ids can be read in. */
export type IsoEdition = '2013' | '2022';
