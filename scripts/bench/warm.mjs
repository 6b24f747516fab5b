// Warm starts, for run.mjs: the server started with
// initializationOptions.cacheDirectory (the first start fills the cache after
// its diagnostics: the facts and the findings snapshot), then again on the
// same files (the snapshot's diagnostics are published at once), then once
// more with one control file changed since the cache was written (the
// snapshot is not used; the facts cache is); and `crosswalk check --cache`
// run once to fill, three times warm, and three times with that file changed
// before each run. Printed beside the cold figures, with the ratio warm / cold.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `serverRun(dir, files, { cacheDirectory })` and `cliCheck(dir, runs, extraArgs, before)` are run.mjs's. */
export async function warmRuns(dir, filesWithFindings, options, { serverRun, cliCheck }) {
  const cache = mkdtempSync(join(tmpdir(), 'crosswalk-bench-cache-'));
  // The control file halfway through the control files (those before it are read ahead, and match), changed by a
  // comment at its end: its findings stay the same.
  const controls = readdirSync(join(dir, 'controls'))
    .sort()
    .filter((f) => `controls/${f}` !== (options.edit ?? 'controls/c000100.yaml'));
  const changed = join(dir, 'controls', controls[Math.floor(controls.length / 2)]);
  const original = readFileSync(changed, 'utf8');
  let changes = 0;
  const change = () => writeFileSync(changed, `${original}# changed since the cache was written (${++changes})\n`);
  try {
    const server = { ...options, cacheDirectory: join(cache, 'server') };
    const filling = await serverRun(dir, filesWithFindings, server);
    const srv = await serverRun(dir, filesWithFindings, server);
    change();
    const srvFacts = await serverRun(dir, filesWithFindings, server);
    const cli = ['--cache', join(cache, 'cli')];
    const cliFilling = cliCheck(dir, 1, cli);
    const cliWarm = cliCheck(dir, 3, cli);
    const cliFacts = cliCheck(dir, 3, cli, change);
    return { filling, srv, srvFacts, cliFilling, cli: cliWarm, cliFacts };
  } finally {
    writeFileSync(changed, original);
    rmSync(cache, { recursive: true, force: true });
  }
}

const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))];

/** `cold`: the run without a cache ({ srv, cli }). */
export function printWarm(warm, cold) {
  const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
  console.log(
    `  with the facts cache, first start: all diagnostics ${ms(warm.filling.settled)}, keystroke p95 ${ms(p95(warm.filling.keystrokes))} (cache written meanwhile), peak RSS ${warm.filling.peakRss.toFixed(0)} MiB`,
  );
  console.log(
    `  warm start to all diagnostics       ${ms(warm.srv.settled)}   (${ratio(warm.srv.settled, cold.srv.settled)} of cold, from the findings snapshot; first ${ms(warm.srv.first ?? NaN)}, keystroke p95 ${ms(p95(warm.srv.keystrokes))}, peak RSS ${warm.srv.peakRss.toFixed(0)} MiB)`,
  );
  console.log(
    `  same, one control file changed      ${ms(warm.srvFacts.settled)}   (${ratio(warm.srvFacts.settled, cold.srv.settled)} of cold, from the facts cache; first ${ms(warm.srvFacts.first ?? NaN)}, peak RSS ${warm.srvFacts.peakRss.toFixed(0)} MiB)`,
  );
  console.log(`  crosswalk check --cache, filling    ${ms(warm.cliFilling.wall)}   (peak RSS ${warm.cliFilling.peakRss.toFixed(0)} MiB)`);
  console.log(`  crosswalk check --cache, warm       ${ms(warm.cli.wall)}   (${ratio(warm.cli.wall, cold.cli.wall)} of cold, from the findings snapshot; peak RSS ${warm.cli.peakRss.toFixed(0)} MiB)`);
  console.log(
    `  same, one control file changed      ${ms(warm.cliFacts.wall)}   (${ratio(warm.cliFacts.wall, cold.cli.wall)} of cold, from the facts cache; peak RSS ${warm.cliFacts.peakRss.toFixed(0)} MiB)`,
  );
  for (const [what, run] of [
    ['warm', warm.cli],
    ['one file changed', warm.cliFacts],
  ])
    if (JSON.stringify(run.report) !== JSON.stringify(cold.cli.report)) console.log(`  WARNING: the report (${what}) differs from the cold one`);
}
