// In-memory form of the framework catalogues and crosswalks in frameworks/*.yaml
// (format documented in docs/format.md, schemas in frameworks/schema/).

export interface FrameworkGroup {
  id: string;
  kind: string;
  title: string;
  parent?: string;
  required?: boolean;
}

export interface Requirement {
  id: string;
  title: string;
  description?: string;
  kind?: string;
  group?: string;
  parent?: string;
  notes?: string;
  /** Other names people give it, accepted as its title beside its id (wrong-title). */
  synonyms?: string[];
  /** ISO 27001:2022 controls: the 2013 ids they came from. */
  iso2013?: string[];
  /** Legacy ids: what replaced them in the successor framework. */
  successors?: string[];
  relation?: string;
  new?: boolean;
  coso?: number;
}

export interface Framework {
  id: string;
  title: string;
  short: string;
  edition?: string;
  publisher?: string;
  aliases: string[];
  legacy: boolean;
  successor?: string;
  groups: FrameworkGroup[];
  requirements: Requirement[];
  /** Where it was loaded from, for messages and go-to-definition. */
  source: string;
}

/**
 * How the `from` requirement relates to the `to` requirement, in the set terms of
 * NIST IR 8477 and OSCAL mapping: `superset` means `from` asks for more than `to`.
 */
export type Relationship = 'equal' | 'subset' | 'superset' | 'intersect';
export const RELATIONSHIPS: readonly Relationship[] = ['equal', 'subset', 'superset', 'intersect'];

/** `strong`: evidence for one side normally serves the other; `partial`: related, more work needed. */
export type Strength = 'strong' | 'partial';

export interface CrosswalkPair {
  from: string;
  to: string;
  relationship: Relationship;
  strength: Strength;
  /** The `to` side is management-system work the `from` side does not require, even where topics overlap. */
  netNew: boolean;
  /** Names (declared in the crosswalk's `sources`) of independent mappings that have this pair. */
  evidence: string[];
  rationale: string;
  /** When the pair was last judged (YYYY-MM-DD). */
  reviewed?: string;
}

/** A requirement declared to have no counterpart on the other side, with why. */
export interface NoCounterpart {
  side: 'from' | 'to';
  id: string;
  note: string;
}

export interface Crosswalk {
  id: string;
  title: string;
  from: string;
  to: string;
  lastReviewed?: string;
  sources: Record<string, string>;
  pairs: CrosswalkPair[];
  noCounterpart: NoCounterpart[];
  source: string;
  /** The name of the CISO Assistant mapping library it was read from; its lastReviewed is then the library's publication date. */
  library?: string;
}

/** A framework data file that is not in the expected format. */
export class FrameworkDataError extends Error {
  constructor(
    readonly path: string,
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Framework ids for messages: current editions first, withdrawn ones last. */
export function knownFrameworks(frameworks: readonly Framework[]): string {
  return [...frameworks.filter((f) => !f.legacy), ...frameworks.filter((f) => f.legacy)].map((f) => f.id).join(', ');
}
