// How often something is done, as knowledge/frequency.ts reads it from
// prose or a field: part of a statement.
export interface Frequency {
  /** Canonical name: continuous, daily, weekly, biweekly, monthly, quarterly, semiannual, annual, biennial, on-event. */
  name: string;
  /** Days between occurrences; 0 for continuous, undefined for event-driven. */
  days: number | undefined;
  /** "at least monthly": any stricter frequency also satisfies it. */
  atLeast: boolean;
}
