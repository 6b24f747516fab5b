// The real editor path, timed: the benchmark's large catalogue (2,000 policies,
// 10,000 control files) opened in code-server with the packaged extension,
// from the page's navigation to (a) the Problems count in the status bar
// equal to `crosswalk check`'s and (b) Crosswalk's coverage status item. Beside
// it, the same build's language server started on the same folder without an
// editor (scripts/bench/settle.mjs). Prints the figures and their ratio; fails
// only when the editor never shows the catalogue's findings.
//
//   node e2e/editor-timing.mjs            (after npm run package)
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
const settle = () =>
  Number(
    /^(\d+) ms/.exec(
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'bench', 'settle.mjs'), join(ROOT, 'dist'), catalogue, String(files)], { encoding: 'utf8', env: { ...process.env, ...env } }),
    )[1],
  );

/** The language server's log lines in the editor's output channel logs, for where the time goes. */
const serverLog = () =>
  readdirSync(join(run, 'cs', 'data', 'logs'), { recursive: true })
    .filter((f) => (process.env.TIMING_LOG === 'all' ? /exthost|Crosswalk|remoteagent|window/ : /exthost|Crosswalk/).test(String(f)) && String(f).endsWith('.log'))
    .map((f) => readFileSync(join(run, 'cs', 'data', 'logs', String(f)), 'utf8'))
    .join('');

const server = await startCodeServer(join(run, 'cs'), { vsix: join(ROOT, 'crosswalk.vsix'), env });
const browser = await launchChromium();
const editor = [];
const bench = [];
let failed = false;
let lastPage;
try {
  for (let i = 0; i < RUNS; i++) {
    // In turn, so a drift in the machine's speed reaches both.
    bench.push(settle());
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const started = Date.now();
    await page.goto(`${server.url}/?folder=${encodeURIComponent(catalogue)}`);
    // The status bar shows the info count only when there are some.
    const pattern = `^\\D*${(expected[2] > 0 ? expected : expected.slice(0, 2)).join('\\D+')}\\D*$`;
    lastPage = page;
    await page.waitForFunction((p) => new RegExp(p).test(document.querySelector('[id="status.problems"]')?.textContent?.trim() ?? ''), pattern, { timeout: 180000, polling: 50 });
    const diagnostics = Date.now() - started;
    await page.waitForFunction(() => /SOC 2 \d/.test(document.querySelector('.part.statusbar')?.textContent ?? ''), null, { timeout: 180000, polling: 50 });
    // The extension host's log stamps (local time, to the millisecond) when Crosswalk was activated: what comes before is the workbench's own start.
    const stamps = [...serverLog().matchAll(/^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) .*_doActivateExtension crosswalk\.crosswalk/gm)].map((m) => new Date(m[1].replace(' ', 'T')).getTime());
    const activated = Math.min(...stamps.filter((t) => t >= started)) - started;
    editor.push({ diagnostics, status: Date.now() - started, activated });
    if (process.env.TIMING_LOG) console.log(`  page opened at ${new Date(started).toISOString()}\n${serverLog()}`);
    await page.close();
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
  const open = median(editor.map((e) => e.diagnostics));
  const b = median(bench);
  console.log(`editor timing: ${expected[0]} errors, ${expected[1]} warnings, ${expected[2]} infos in ${files} files; ${RUNS} runs in turn`);
  console.log(`  code-server, open to all diagnostics in the Problems count: ${editor.map((e) => e.diagnostics).join(', ')} ms (median ${open} ms)`);
  console.log(`  code-server, open to the coverage status item:              ${editor.map((e) => e.status).join(', ')} ms`);
  console.log(`  of which the workbench's start, open to Crosswalk's activation: ${editor.map((e) => e.activated).join(', ')} ms`);
  console.log(`  activation to all diagnostics:                              ${editor.map((e) => e.diagnostics - e.activated).join(', ')} ms`);
  console.log(`  language server alone, start to all diagnostics:            ${bench.join(', ')} ms (median ${b} ms)`);
  console.log(`  ratio editor / server alone: ${(open / b).toFixed(2)}x (target <= 1.5x); from activation: ${(median(editor.map((e) => e.diagnostics - e.activated)) / b).toFixed(2)}x`);
}
process.exit(failed ? 1 : 0);
