// What a scan's results depend on in this process besides its inputs, for
// the keys of the facts cache and the findings snapshot: the build (a digest
// of the sources and locked dependencies, written by scripts/build.mjs: the
// version alone stays the same while the rules change), and the runtime's
// time zone (dates written without one are read in it), default collation
// (findings are sorted with localeCompare) and Node and ICU versions.
declare const __CROSSWALK_BUILD__: string | undefined;

/** The build's digest; 'source' when running from the sources. */
export const BUILD: string = typeof __CROSSWALK_BUILD__ === 'string' ? __CROSSWALK_BUILD__ : 'source';

let runtime: string | undefined;

/** The runtime's part of the keys, as one string. */
export function runtimeKey(): string {
  runtime ??= JSON.stringify({
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    collation: new Intl.Collator().resolvedOptions().locale,
    node: process.versions.node,
    icu: process.versions.icu ?? '',
  });
  return runtime;
}
