// What a scan's results depend on in this process besides its inputs, for
// the keys of the facts cache and the findings snapshot: the build (a digest
// of the sources and locked dependencies, written by scripts/build.mjs, that
// the caches take as part of the version: the version alone stays the same
// while the readers and rules change), and the runtime's
// time zone (dates written without one are read in it, and the local date is
// today's), default collation (findings are sorted with localeCompare) and
// Node and ICU versions.
declare const __CROSSWALK_BUILD__: string | undefined;

/** The build's digest; 'source' when running from the sources. */
export const BUILD: string = typeof __CROSSWALK_BUILD__ === 'string' ? __CROSSWALK_BUILD__ : 'source';

let runtime: string | undefined;

/** The runtime's part of the keys, as one string. */
export function runtimeKey(): string {
  runtime ??= JSON.stringify({ timeZone: timeZone(), collation: new Intl.Collator().resolvedOptions().locale, node: process.versions.node, icu: process.versions.icu ?? '' });
  return runtime;
}

/**
 * The local time zone as dates see it: its names and its offsets in winter and summer of every tenth
 * year since 1970. Intl.DateTimeFormat would name it, but loading it took 40-90 ms.
 */
function timeZone(): string {
  const names = [0, 6].map((month) => /\(([^)]*)\)$/.exec(new Date(2020, month, 1).toString())?.[1] ?? '');
  const offsets: number[] = [];
  for (let year = 1970; year <= 2040; year += 10) for (const month of [0, 6]) offsets.push(new Date(year, month, 1).getTimezoneOffset());
  return `${process.env['TZ'] ?? ''} ${names.join(' / ')} ${offsets.join(',')}`;
}
