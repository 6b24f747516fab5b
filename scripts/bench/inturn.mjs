// Builds compared in turn on one catalogue: each round runs, for each build,
// `crosswalk check --format json` and then one cold start of the server to all
// diagnostics (as settle.mjs), and prints wall times, the time to the first
// diagnostics and CPU times (the whole process and its main thread, from /proc:
// Linux only). Then the medians, and each build's median ratio to the first
// build's figure in the same round. On a VM whose speed drifts, ratios of runs
// made in turn say more than either figure.
//
//   node scripts/bench/inturn.mjs <rounds> <catalogue dir> <files with findings> <findings> <dist dir>...
//
// BENCH_DIST-style dist dirs: a copy of dist/ beside frameworks/ and package.json.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';

const [rounds, dir, files, findings, ...dists] = process.argv.slice(2);
if (!rounds || !dir || !files || !findings || dists.length === 0) {
  console.error('usage: node scripts/bench/inturn.mjs <rounds> <catalogue dir> <files with findings> <findings> <dist dir>...');
  process.exit(2);
}
const TODAY = '2026-11-24';
/** user + system time of a thread (or of a whole process, with its pid as `task`), in ms; 100 clock ticks a second. */
function cpu(pid, task) {
  try {
    const stat = readFileSync(task === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${task}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return NaN;
  }
}
// The CLI reports its own CPU on exit (stderr), read back below.
const HOOK = join(tmpdir(), 'crosswalk-bench-cpu.cjs');
writeFileSync(
  HOOK,
  "process.on('exit', () => { const fs = require('node:fs'); const t = (p) => { const s = fs.readFileSync(p, 'utf8'); const f = s.slice(s.lastIndexOf(') ') + 2).split(' '); return (Number(f[11]) + Number(f[12])) * 10; }; try { fs.writeSync(2, `\\nBENCH_CPU ${t('/proc/self/stat')} ${t(`/proc/self/task/${process.pid}/stat`)}\\n`); } catch {} });\n",
);

async function cli(dist) {
  const start = performance.now();
  const proc = spawn(process.execPath, ['--require', HOOK, join(resolve(dist), 'cli.cjs'), 'check', dir, '--format', 'json', '--today', TODAY], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stdout.resume();
  proc.stderr.on('data', (d) => (err += d));
  await new Promise((done) => proc.on('close', done));
  const m = /BENCH_CPU (\d+) (\d+)/.exec(err);
  return { wall: performance.now() - start, cpu: m ? Number(m[1]) : NaN, main: m ? Number(m[2]) : NaN };
}

async function server(dist) {
  const start = performance.now();
  const proc = spawn(process.execPath, [join(resolve(dist), 'server.cjs'), '--stdio'], { cwd: dir, env: { ...process.env, CROSSWALK_TODAY: TODAY } });
  proc.stdin.on('error', () => undefined);
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const counts = new Map();
  let diagnostics = 0;
  let first;
  let done;
  const settled = new Promise((r) => (done = r));
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    first ??= performance.now() - start;
    diagnostics += p.diagnostics.length - (counts.get(p.uri) ?? 0);
    if (p.diagnostics.length > 0) counts.set(p.uri, p.diagnostics.length);
    else counts.delete(p.uri);
    if (counts.size >= Number(files) && diagnostics >= Number(findings)) done();
  });
  conn.onNotification('window/logMessage', () => undefined);
  conn.onNotification('crosswalk/changed', () => undefined);
  conn.onRequest('workspace/configuration', () => []);
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const rootUri = URI.file(resolve(dir)).toString();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: {} });
  conn.sendNotification('initialized', {});
  await settled;
  const wall = performance.now() - start;
  const figures = { wall, first, cpu: cpu(proc.pid), main: cpu(proc.pid, proc.pid) };
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill();
  await exited;
  conn.dispose();
  return figures;
}

const median = (xs) => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const k = s.length;
  return k === 0 ? NaN : k % 2 ? s[(k - 1) / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
};
const KEYS = ['check', 'checkCpu', 'checkMain', 'all', 'first', 'serverCpu', 'serverMain', 'ratio'];
const runs = dists.map(() => []);
for (let round = 1; round <= Number(rounds); round++) {
  for (let d = 0; d < dists.length; d++) {
    const c = await cli(dists[d]);
    const s = await server(dists[d]);
    const r = { check: c.wall, checkCpu: c.cpu, checkMain: c.main, all: s.wall, first: s.first, serverCpu: s.cpu, serverMain: s.main, ratio: c.wall / s.wall };
    runs[d].push(r);
    console.log(`round ${round} ${dists[d]}: ${KEYS.map((k) => `${k} ${r[k].toFixed(k === 'ratio' ? 2 : 0)}`).join(', ')}`);
  }
}
const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
console.log(`\nmedians of ${rounds} rounds (ms; ratio: check wall / server to all diagnostics); load average at the end ${load}`);
for (let d = 0; d < dists.length; d++) {
  console.log(`  ${dists[d]}: ${KEYS.map((k) => `${k} ${median(runs[d].map((r) => r[k])).toFixed(k === 'ratio' ? 2 : 0)}`).join(', ')}`);
  if (d > 0) console.log(`    / ${dists[0]}, round by round: ${KEYS.map((k) => `${k} ${median(runs[d].map((r, i) => r[k] / runs[0][i][k])).toFixed(3)}`).join(', ')}`);
}
process.exit(0);
