// Dates as documents write them ("2026-03-14", "Jun 1 2018", "14 March 2026"),
// read as a calendar day in UTC so the day never depends on the machine's time zone.

/** Milliseconds at the start of the written day (UTC), or undefined when the text is not a date. */
export function writtenDay(text: string): number | undefined {
  const s = text.trim();
  let t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : `${s} UTC`);
  // A text with its own zone or time ("2018-06-01T10:00:00+02:00") reads as written.
  if (Number.isNaN(t)) t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

/** YYYY-MM-DD of a time from writtenDay. */
export function isoDay(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}
