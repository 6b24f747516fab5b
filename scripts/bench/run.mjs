// `npm run bench`: generates the small and large synthetic catalogues and the
// adoption workloads (workloads.mjs), drives the language server over stdio as
// an editor would, runs the CLI, and prints the figures of docs/performance.md.
// Figures, not pass/fail: compare them with the targets there.
//
//   node scripts/bench/run.mjs [small|large|<workload>...] [--size medium|large] [--scale]
//
// With no names: small, large, then every workload at --size (default large).
// --scale adds `crosswalk check` on 100,000 control files (several minutes).
// --no-reference (or BENCH_NO_REFERENCE=1) skips the yaml-language-server
// reference and its ratios (yamlls.mjs), for a quicker run.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';
import { generate } from './generate.mjs';
import { WORKLOADS } from './workloads.mjs';
import { printWarm, warmRuns } from './warm.mjs';
import { printReference, yamlLsRun } from './yamlls.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
// BENCH_DIST: another build's bundles (a copy of dist/), to compare two builds on the same catalogues.
const DIST = resolve(process.env.BENCH_DIST ?? join(ROOT, 'dist'));
const SERVER = join(DIST, 'server.cjs');
const CLI = join(DIST, 'cli.cjs');
const TODAY = '2026-11-24';
const SIZES = [
  { name: 'small', policies: 200, controls: 1000 },
  { name: 'medium', policies: 1000, controls: 5000 },
  { name: 'large', policies: 2000, controls: 10000 },
];
const SCALE = { name: 'scale', policies: 2000, controls: 100000 };
const args = process.argv.slice(2);
const flag = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args.splice(at, 2)[1];
};
const sizeName = flag('--size') ?? 'large';
const workloadSize = SIZES.find((s) => s.name === sizeName);
if (!workloadSize) throw new Error('--size takes small, medium or large');
const scale = args.includes('--scale') && args.splice(args.indexOf('--scale'), 1).length > 0;
const noReference = args.includes('--no-reference') && args.splice(args.indexOf('--no-reference'), 1).length > 0;
const reference = !noReference && !process.env.BENCH_NO_REFERENCE;
const names = args.length > 0 ? args : ['small', 'large', ...WORKLOADS.map((w) => w.name)];
const unknown = names.filter((n) => !SIZES.some((s) => s.name === n) && !WORKLOADS.some((w) => w.name === n));
if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}: use small, medium, large or ${WORKLOADS.map((w) => w.name).join(', ')}`);
// Each CLI run reports its own peak memory on exit (stderr), read back below.
const PEAK = join(tmpdir(), 'crosswalk-bench-peak.cjs');
writeFileSync(PEAK, "process.on('exit', () => require('node:fs').writeSync(2, `\\nBENCH_PEAK_RSS ${process.resourceUsage().maxRSS}\\n`));\n");

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

/** `before`: called before each run, untimed. */
function cliCheck(dir, runs = 3, extra = [], before = () => undefined) {
  const times = [];
  const peaks = [];
  let out = '';
  for (let i = 0; i < runs; i++) {
    before();
    const t = performance.now();
    const r = spawnSync(process.execPath, ['--require', PEAK, CLI, 'check', dir, '--format', 'json', '--today', TODAY, ...extra], { encoding: 'utf8', maxBuffer: 1 << 30 });
    times.push(performance.now() - t);
    peaks.push(Number(/BENCH_PEAK_RSS (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024);
    out = r.stdout;
  }
  return { wall: pct(times, 50), peakRss: pct(peaks, 50), report: JSON.parse(out) };
}

/** `crosswalk check` on a copy of the catalogue changed by `change(copy)`; the copy is removed afterwards. */
function checkCopy(dir, suffix, change) {
  const copy = `${dir}-${suffix}`;
  rmSync(copy, { recursive: true, force: true });
  cpSync(dir, copy, { recursive: true });
  change(copy);
  const result = cliCheck(copy);
  rmSync(copy, { recursive: true, force: true });
  return result;
}

/** The catalogue with every other control file deleted: thousands of broken references, each asking for "did you mean". */
function brokenCheck(dir) {
  const { wall, report } = checkCopy(dir, 'broken', (copy) => {
    readdirSync(join(copy, 'controls')).forEach((f, i) => i % 2 === 0 && unlinkSync(join(copy, 'controls', f)));
  });
  return { wall, unresolved: report.findings.filter((f) => f.rule === 'unresolved-reference').length };
}

/** Every policy given the first policy's body, as if all came from one template: pairs and shared definitions by the thousand. */
function templateCheck(dir) {
  const { wall, report } = checkCopy(dir, 'template', (copy) => {
    const policies = readdirSync(join(copy, 'policies'))
      .filter((f) => f.endsWith('.md'))
      .sort();
    const bodyOf = (text) => text.slice(text.indexOf('\n---\n', 4) + 5);
    const body = `${bodyOf(readFileSync(join(copy, 'policies', policies[0]), 'utf8'))}\n## Definitions\n\n- **Personnel**: all employees and contractors.\n`;
    for (const f of policies) {
      const text = readFileSync(join(copy, 'policies', f), 'utf8');
      writeFileSync(join(copy, 'policies', f), text.slice(0, text.length - bodyOf(text).length) + body);
    }
  });
  return { wall, overlaps: report.findings.filter((f) => f.rule === 'overlapping-policies').length };
}

function score(findings, truth) {
  const key = (f) => `${f.path}\u0000${f.rule}`;
  const expected = new Set(truth.map(key));
  const found = new Set(findings.map(key));
  const hit = [...found].filter((k) => expected.has(k)).length;
  return { recall: hit / expected.size, precision: found.size === 0 ? 1 : hit / found.size, missed: [...expected].filter((k) => !found.has(k)), extra: [...found].filter((k) => !expected.has(k)) };
}

/**
 * `edit`: the control file to type in; `hover`: the mapping list whose first id is hovered; `base`: that file's findings before the edit;
 * `findings`: how many diagnostics there are once all are published (a file's own ones come first, during the scan).
 */
async function serverRun(dir, filesWithFindings, { edit = 'controls/c000100.yaml', hover = 'soc2', base = 0, findings = 0, cacheDirectory } = {}) {
  const start = performance.now();
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof'.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { cwd: dir, env: { ...process.env, CROSSWALK_TODAY: TODAY } });
  proc.stdin.on('error', () => undefined); // the server may be gone before the last write settles
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const diags = new Map();
  let onPublish = () => undefined;
  let first;
  let diagnosticCount = 0;
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    first ??= performance.now() - start;
    diagnosticCount += p.diagnostics.length - (diags.get(p.uri)?.length ?? 0);
    if (p.diagnostics.length > 0) diags.set(p.uri, p.diagnostics);
    else diags.delete(p.uri);
    onPublish(p);
  });
  conn.onNotification('window/logMessage', () => undefined);
  conn.onNotification('crosswalk/changed', () => undefined);
  conn.onRequest('workspace/configuration', () => []);
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const rootUri = URI.file(dir).toString();
  const initializationOptions = cacheDirectory ? { initializationOptions: { cacheDirectory } } : {};
  await conn.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: {}, ...initializationOptions });
  const initialized = performance.now() - start;
  conn.sendNotification('initialized', {});
  await new Promise((done) => {
    const check = () => diags.size >= filesWithFindings && diagnosticCount >= findings && done();
    onPublish = check;
    check();
  });
  const settled = performance.now() - start;
  const published = diagnosticCount;
  const vmHwm = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  const rssAtSettle = vmHwm();

  // Keystrokes: toggle an unknown id in one control file; time each edit until its diagnostics arrive.
  const path = join(dir, ...edit.split('/'));
  const uri = URI.file(path).toString();
  const clean = readFileSync(path, 'utf8');
  const broken = clean.replace(/soc2: \[/, 'soc2: [CC9.9, ');
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: clean } });
  const keystrokes = [];
  for (let v = 2; v < 62; v++) {
    const text = v % 2 === 0 ? broken : clean;
    const want = base + (v % 2 === 0 ? 1 : 0);
    const t = performance.now();
    await new Promise((done) => {
      onPublish = (p) => p.uri === uri && p.diagnostics.length === want && done();
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
    });
    keystrokes.push(performance.now() - t);
  }
  const rssAfterKeystrokes = vmHwm();
  const line = clean.split('\n').findIndex((l) => l.includes(`${hover}: [`));
  const character = clean.split('\n')[line].indexOf('[') + 2;
  const hovers = [];
  const completions = [];
  for (let i = 0; i < 100; i++) {
    let t = performance.now();
    await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    hovers.push(performance.now() - t);
    t = performance.now();
    await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character: 10 } });
    completions.push(performance.now() - t);
  }
  const peakRss = vmHwm();
  await conn.sendRequest('shutdown');
  // A clean exit, so a profile asked for with BENCH_SERVER_NODE_ARGS is written.
  const exited = new Promise((done) => proc.once('exit', done));
  conn.sendNotification('exit');
  await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
  conn.dispose();
  proc.kill();
  return { initialized, first, settled, published, keystrokes, hovers, completions, peakRss, rssAtSettle, rssAfterKeystrokes };
}

function print(title, srv, cli, filesWithFindings) {
  console.log(`\n${title}`);
  console.log(`  start to initialize result          ${ms(srv.initialized)}`);
  console.log(`  start to first diagnostics          ${ms(srv.first ?? NaN)}`);
  console.log(`  start to all diagnostics published  ${ms(srv.settled)}   (${filesWithFindings} files, ${srv.published} diagnostics)`);
  console.log(`  keystroke to diagnostics p50 / p95  ${ms(pct(srv.keystrokes, 50))} / ${ms(pct(srv.keystrokes, 95))}`);
  console.log(`  hover p50 / p95                     ${ms(pct(srv.hovers, 50))} / ${ms(pct(srv.hovers, 95))}`);
  console.log(`  completion p50 / p95                ${ms(pct(srv.completions, 50))} / ${ms(pct(srv.completions, 95))}`);
  console.log(`  server peak RSS                     ${srv.peakRss.toFixed(0)} MiB   (${srv.rssAtSettle.toFixed(0)} at all diagnostics, ${srv.rssAfterKeystrokes.toFixed(0)} after the keystrokes)`);
  console.log(`  crosswalk check wall time (median)  ${ms(cli.wall)}   (${cli.report.findings.length} findings)`);
  console.log(`  crosswalk check peak RSS (median)   ${cli.peakRss.toFixed(0)} MiB`);
  console.log(`  check wall / server to diagnostics  ${(cli.wall / srv.settled).toFixed(2)}x`);
}

const results = [];
for (const size of SIZES.filter((s) => names.includes(s.name))) {
  const dir = join(tmpdir(), `crosswalk-bench-${size.name}`);
  const truth = generate(dir, size);
  const cli = cliCheck(dir);
  const s = score(cli.report.findings, truth);
  const filesWithFindings = new Set(cli.report.findings.map((f) => f.path)).size;
  const srv = await serverRun(dir, filesWithFindings, { findings: cli.report.findings.length });
  const broken = brokenCheck(dir);
  const template = templateCheck(dir);
  const warm = await warmRuns(dir, filesWithFindings, { findings: cli.report.findings.length }, { serverRun, cliCheck });
  const ref = reference ? await yamlLsRun(dir) : undefined;
  results.push({ name: size.name, size, cli, s, srv, truth, broken, template, warm, ref });
  print(`${size.name}: ${size.policies} policies, ${size.controls} controls, ${truth.length} injected findings`, srv, cli, filesWithFindings);
  printWarm(warm, { srv, cli });
  console.log(`  same, half the control files gone   ${ms(broken.wall)}   (${broken.unresolved} broken references)`);
  console.log(`  same, policies from one template    ${ms(template.wall)}   (${template.overlaps} overlapping-policies findings)`);
  console.log(`  recall / precision                  ${(s.recall * 100).toFixed(1)}% / ${(s.precision * 100).toFixed(1)}%`);
  if (ref) printReference(srv, cli, ref);
  if (s.missed.length > 0)
    console.log(
      `  missed: ${s.missed
        .slice(0, 5)
        .map((k) => k.replace('\u0000', ' '))
        .join(', ')}`,
    );
  if (s.extra.length > 0)
    console.log(
      `  unexpected: ${s.extra
        .slice(0, 5)
        .map((k) => k.replace('\u0000', ' '))
        .join(', ')}`,
    );
}
const bySize = Object.fromEntries(results.map((r) => [r.name, r]));
if (bySize.small && bySize.large) {
  const ratio = pct(bySize.large.srv.keystrokes, 95) / pct(bySize.small.srv.keystrokes, 95);
  console.log(`\nkeystroke p95, large / small: ${ratio.toFixed(2)}x`);
}
for (const w of WORKLOADS.filter((x) => names.includes(x.name))) {
  const dir = join(tmpdir(), `crosswalk-bench-${w.name}`);
  generate(dir, workloadSize);
  w.make(dir);
  const cli = cliCheck(dir);
  const paths = cli.report.findings.map((f) => f.path);
  const filesWithFindings = new Set(paths).size;
  const base = paths.filter((p) => p === w.edit).length;
  const srv = await serverRun(dir, filesWithFindings, { edit: w.edit, hover: w.hover, base, findings: paths.length });
  const warm = await warmRuns(dir, filesWithFindings, { edit: w.edit, hover: w.hover, base, findings: paths.length }, { serverRun, cliCheck });
  // The reference validates control files only: a workload whose keystrokes go to a policy has its reference's go to the default control file.
  const ref = reference ? await yamlLsRun(dir, w.edit.startsWith('controls/') ? { edit: w.edit } : {}) : undefined;
  results.push({ name: w.name, size: workloadSize, cli, srv, warm, ref });
  print(`${w.name} (${w.title}): ${workloadSize.policies} policies, ${workloadSize.controls} controls`, srv, cli, filesWithFindings);
  printWarm(warm, { srv, cli });
  if (ref) printReference(srv, cli, ref);
  const own = bySize[workloadSize.name];
  if (own)
    console.log(
      `  vs own catalogue: settle ${(srv.settled / own.srv.settled).toFixed(2)}x, keystroke p95 ${(pct(srv.keystrokes, 95) / pct(own.srv.keystrokes, 95)).toFixed(2)}x, server RSS ${(srv.peakRss / own.srv.peakRss).toFixed(2)}x`,
    );
}
if (scale) {
  const dir = join(tmpdir(), 'crosswalk-bench-scale');
  generate(dir, SCALE);
  const cli = cliCheck(dir, 1);
  results.push({ name: SCALE.name, size: SCALE, cli });
  console.log(`\nscale: ${SCALE.policies} policies, ${SCALE.controls} controls`);
  console.log(`  crosswalk check wall time           ${ms(cli.wall)}   (${cli.report.findings.length} findings)`);
  console.log(`  crosswalk check peak RSS            ${cli.peakRss.toFixed(0)} MiB`);
  rmSync(dir, { recursive: true, force: true });
}
if (process.env.BENCH_JSON) {
  const figures = results.map((r) => ({
    name: r.name,
    size: r.size.name,
    ...(r.srv ?? {}),
    cliWall: r.cli.wall,
    cliPeakRss: r.cli.peakRss,
    brokenWall: r.broken?.wall,
    templateWall: r.template?.wall,
    recall: r.s?.recall,
    precision: r.s?.precision,
    warmSettled: r.warm?.srv.settled,
    warmFactsSettled: r.warm?.srvFacts.settled,
    warmCliWall: r.warm?.cli.wall,
    warmFactsCliWall: r.warm?.cliFacts.wall,
    reference: r.ref,
  }));
  writeFileSync(process.env.BENCH_JSON, JSON.stringify(figures, null, 2));
}
