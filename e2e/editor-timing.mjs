// The real editor path, timed: the benchmark's large catalogue (2,000 policies,
// 10,000 control files) opened in code-server with the packaged extension,
// from the page's navigation to (a) the Problems count in the status bar
// equal to `crosswalk check`'s and (b) Crosswalk's coverage status item. Beside
// it, the same build's language server started on the same folder without an
// editor (scripts/bench/settle.mjs). The client gives the server a facts cache in
// the workspace's storage, so each cold run starts with that storage emptied; then
// the same number of warm runs, each beside a warm start of the server alone with
// a cache of its own. Prints the figures and their ratios; fails only when the
// editor never shows the catalogue's findings.
//
//   node e2e/editor-timing.mjs            (after npm run package)
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from '../scripts/bench/generate.mjs';
import { launchChromium, startCodeServer } from './code-server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.TIMING_RUNS ?? 3);
const run = mkdtempSync(join(tmpdir(), 'crosswalk-timing-'));
const catalogue = join(run, 'large');
generate(catalogue, { policies: 2000, controls: 10000 });

const env = { CROSSWALK_TODAY: '2026-11-24' };
const check = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), 'check', catalogue, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
const findings = JSON.parse(check.stdout).findings;
const count = (s) => findings.filter((f) => f.severity === s).length;
const expected = [count('error'), count('warning'), count('info')];
const files = new Set(findings.map((f) => f.path)).size;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const settle = (...extra) =>
  Number(
    /^(\d+) ms/.exec(
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'bench', 'settle.mjs'), join(ROOT, 'dist'), catalogue, String(files), ...extra], { encoding: 'utf8', env: { ...process.env, ...env } }),
    )[1],
  );

// The extension's workspace storage (context.storageUri), where the client keeps the server's facts cache.
const storage = join(run, 'cs', 'data', 'User', 'workspaceStorage');
const extensionStorage = () =>
  existsSync(storage)
    ? readdirSync(storage)
        .map((d) => join(storage, d, 'crosswalk.crosswalk'))
        .filter((d) => existsSync(d))
    : [];
const forgetCache = () => extensionStorage().forEach((d) => rmSync(d, { recursive: true, force: true }));
const cacheWritten = () => extensionStorage().some((d) => readdirSync(d, { recursive: true, encoding: 'utf8' }).some((f) => f.endsWith('facts.bin')));
const benchCache = join(run, 'bench-cache');

/** The language server's log lines in the editor's output channel logs, for where the time goes. */
const serverLog = () =>
  readdirSync(join(run, 'cs', 'data', 'logs'), { recursive: true })
    .filter((f) => (process.env.TIMING_LOG === 'all' ? /exthost|Crosswalk|remoteagent|window/ : /exthost|Crosswalk/).test(String(f)) && String(f).endsWith('.log'))
    .map((f) => readFileSync(join(run, 'cs', 'data', 'logs', String(f)), 'utf8'))
    .join('');

const server = await startCodeServer(join(run, 'cs'), { vsix: join(ROOT, 'crosswalk.vsix'), env });
const browser = await launchChromium();
const editor = { cold: [], warm: [] };
const bench = { cold: [], warm: [] };
let failed = false;
let lastPage;
// The status bar shows the info count only when there are some.
const pattern = `^\\D*${(expected[2] > 0 ? expected : expected.slice(0, 2)).join('\\D+')}\\D*$`;

/** Opens the catalogue in a new window; the times from navigation to the Problems count, the status item and activation. */
async function open({ fill = false } = {}) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  lastPage = page;
  const started = Date.now();
  await page.goto(`${server.url}/?folder=${encodeURIComponent(catalogue)}`);
  await page.waitForFunction((p) => new RegExp(p).test(document.querySelector('[id="status.problems"]')?.textContent?.trim() ?? ''), pattern, { timeout: 180000, polling: 50 });
  const diagnostics = Date.now() - started;
  await page.waitForFunction(() => /SOC 2 \d/.test(document.querySelector('.part.statusbar')?.textContent ?? ''), null, { timeout: 180000, polling: 50 });
  const status = Date.now() - started;
  // The extension host's log stamps (local time, to the millisecond) when Crosswalk was activated: what comes before is the workbench's own start.
  const stamps = [...serverLog().matchAll(/^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) .*_doActivateExtension crosswalk\.crosswalk/gm)].map((m) => new Date(m[1].replace(' ', 'T')).getTime());
  const activated = Math.min(...stamps.filter((t) => t >= started)) - started;
  if (process.env.TIMING_LOG) console.log(`  page opened at ${new Date(started).toISOString()}\n${serverLog()}`);
  // The server writes its cache after the diagnostics: the window stays open until it is there.
  for (const t = Date.now(); fill && !cacheWritten();) {
    if (Date.now() - t > 120000) throw new Error('the facts cache was not written in the workspace storage within 120 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.close();
  return { diagnostics, status, activated };
}

try {
  // Cold: in turn with the server alone, so a drift in the machine's speed reaches both; the workspace storage emptied each time.
  for (let i = 0; i < RUNS; i++) {
    bench.cold.push(settle());
    forgetCache();
    editor.cold.push(await open({ fill: i === RUNS - 1 }));
  }
  // Warm: the editor's cache was filled by its last cold run, the server alone's by a start of its own.
  settle('--cache', benchCache);
  for (let i = 0; i < RUNS; i++) {
    bench.warm.push(settle('--cache', benchCache));
    editor.warm.push(await open());
  }
} catch (e) {
  failed = true;
  const shown = await lastPage?.evaluate(() => document.querySelector('.part.statusbar')?.textContent ?? '').catch(() => '');
  await lastPage?.screenshot({ path: join(import.meta.dirname, 'artifacts', 'failed-editor-timing.png') }).catch(() => undefined);
  console.log(`status bar: ${shown}`);
  console.log(`FAIL the editor did not show the catalogue's ${expected.join('/')} errors/warnings/infos: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
  server.stop();
  rmSync(run, { recursive: true, force: true });
}
if (!failed) {
  console.log(`editor timing: ${expected[0]} errors, ${expected[1]} warnings, ${expected[2]} infos in ${files} files; ${RUNS} runs of each in turn`);
  for (const kind of ['cold', 'warm']) {
    const runs = editor[kind];
    const open = median(runs.map((e) => e.diagnostics));
    const fromActivation = median(runs.map((e) => e.diagnostics - e.activated));
    const b = median(bench[kind]);
    console.log(`  ${kind}${kind === 'cold' ? ' (workspace storage emptied)' : ' (the cache the run before wrote)'}:`);
    console.log(`    code-server, open to all diagnostics in the Problems count: ${runs.map((e) => e.diagnostics).join(', ')} ms (median ${open} ms)`);
    console.log(`    code-server, open to the coverage status item:              ${runs.map((e) => e.status).join(', ')} ms`);
    console.log(`    of which the workbench's start, open to Crosswalk's activation: ${runs.map((e) => e.activated).join(', ')} ms`);
    console.log(`    activation to all diagnostics:                              ${runs.map((e) => e.diagnostics - e.activated).join(', ')} ms`);
    console.log(`    language server alone, start to all diagnostics:            ${bench[kind].join(', ')} ms (median ${b} ms)`);
    console.log(`    ratio editor / server alone: ${(open / b).toFixed(2)}x${kind === 'cold' ? ' (target <= 1.5x)' : ''}; from activation: ${(fromActivation / b).toFixed(2)}x`);
  }
}
process.exit(failed ? 1 : 0);
