// Warm starts from the facts cache, for run.mjs: the server started twice
// with initializationOptions.cacheDirectory (the first start fills the cache,
// after its diagnostics; the second starts warm), and `crosswalk check
// --cache` run once to fill and three times warm. Printed beside the cold
// figures, with the ratio warm / cold.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `serverRun(dir, files, { cacheDirectory })` and `cliCheck(dir, runs, extraArgs)` are run.mjs's. */
export async function warmRuns(dir, filesWithFindings, options, { serverRun, cliCheck }) {
  const cache = mkdtempSync(join(tmpdir(), 'crosswalk-bench-cache-'));
  try {
    const filling = await serverRun(dir, filesWithFindings, { ...options, cacheDirectory: join(cache, 'server') });
    const srv = await serverRun(dir, filesWithFindings, { ...options, cacheDirectory: join(cache, 'server') });
    const cliFilling = cliCheck(dir, 1, ['--cache', join(cache, 'cli')]);
    const cli = cliCheck(dir, 3, ['--cache', join(cache, 'cli')]);
    return { filling, srv, cliFilling, cli };
  } finally {
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
    `  warm start to all diagnostics       ${ms(warm.srv.settled)}   (${ratio(warm.srv.settled, cold.srv.settled)} of cold; first ${ms(warm.srv.first ?? NaN)}, peak RSS ${warm.srv.peakRss.toFixed(0)} MiB)`,
  );
  console.log(`  crosswalk check --cache, filling    ${ms(warm.cliFilling.wall)}   (peak RSS ${warm.cliFilling.peakRss.toFixed(0)} MiB)`);
  console.log(`  crosswalk check --cache, warm       ${ms(warm.cli.wall)}   (${ratio(warm.cli.wall, cold.cli.wall)} of cold; peak RSS ${warm.cli.peakRss.toFixed(0)} MiB)`);
  if (JSON.stringify(warm.cli.report) !== JSON.stringify(cold.cli.report)) console.log('  WARNING: the warm report differs from the cold one');
}
