// What the prose rules (wrong-title, unknown-document, broken-link,
// cited-only) cost `crosswalk check`: the large generated catalogue with
// policies citing and linking each other (workloads.mjs, prose-references),
// checked with the rules on and with them turned off in crosswalk.yaml
// (a rule turned off is not run). Runs alternate, on and off in turn, after
// one untimed run of each; prints medians of wall and CPU time, the
// difference and the ratio, and then what turning the rules off does not
// save: the reader finding names, links and titled ids (proseReading.ts).
// Figures, not pass/fail.
//
//   node scripts/bench/prose.mjs [--runs 3] [--size small|large]
//
// Uses the bundles in dist/ (`npm run build` first), or BENCH_DIST.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from './generate.mjs';
import { PROSE_WORKLOAD } from './workloads.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CLI = join(resolve(process.env.BENCH_DIST ?? join(ROOT, 'dist')), 'cli.cjs');
const TODAY = '2026-11-24';
const RULES = ['wrong-title', 'unknown-document', 'broken-link', 'cited-only'];
const SIZES = { small: { policies: 200, controls: 1000 }, large: { policies: 2000, controls: 10000 } };

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : args[at + 1];
};
const runs = Number(flag('--runs', '3'));
const size = SIZES[flag('--size', 'large')];
if (!size || !(runs >= 1)) throw new Error('usage: node scripts/bench/prose.mjs [--runs N] [--size small|large]');

const on = join(tmpdir(), 'crosswalk-bench-prose-on');
const off = join(tmpdir(), 'crosswalk-bench-prose-off');
generate(on, size);
const truth = PROSE_WORKLOAD.make(on);
rmSync(off, { recursive: true, force: true });
cpSync(on, off, { recursive: true });
const config = join(off, 'crosswalk.yaml');
writeFileSync(config, `${readFileSync(config, 'utf8')}rules:\n${RULES.map((r) => `  ${r}: off\n`).join('')}`);

// The child reports its own CPU time on exit: steadier than wall time on a shared machine.
const HOOK = join(tmpdir(), 'crosswalk-bench-cpu.cjs');
writeFileSync(HOOK, "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeSync(2, `\\nBENCH_CPU_US ${u.userCPUTime + u.systemCPUTime}\\n`); });\n");

function check(dir) {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', HOOK, CLI, 'check', dir, '--format', 'json', '--today', TODAY], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`crosswalk check exited with ${r.status}: ${r.stderr}`);
  return { wall, cpu: Number(/BENCH_CPU_US (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1000, report: JSON.parse(r.stdout) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (x) => `${(x / 1000).toFixed(2)} s`;

const first = { on: check(on), off: check(off) };
const found = (report, rule) => report.findings.filter((f) => f.rule === rule).map((f) => f.path);
const times = { on: [], off: [] };
for (let i = 0; i < runs; i++) {
  for (const [name, dir] of [
    ['on', on],
    ['off', off],
  ]) {
    const r = check(dir);
    times[name].push(r);
  }
}

console.log(`crosswalk check, ${size.policies} policies + ${size.controls} controls citing and linking each other, median of ${runs} (runs in turn)`);
for (const rule of RULES) {
  const expected = truth.filter((t) => t.rule === rule).length;
  const got = found(first.on.report, rule);
  const hit = truth.filter((t) => t.rule === rule && got.includes(t.path)).length;
  console.log(`  ${rule}: ${got.length} findings, ${hit} of ${expected} injected`);
}
const offFindings = RULES.reduce((n, r) => n + found(first.off.report, r).length, 0);
if (offFindings !== 0) throw new Error(`the rules turned off still reported ${offFindings} findings`);
for (const what of ['wall', 'cpu']) {
  const a = median(times.on.map((r) => r[what]));
  const b = median(times.off.map((r) => r[what]));
  console.log(`  ${what === 'wall' ? 'wall time' : 'CPU time '}: on ${s(a)}, off ${s(b)}; the rules cost ${s(a - b)} (on/off ${(a / b).toFixed(3)})`);
}
// What stays when the rules are off: the reader still finds the names, links and titled ids.
const reading = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'bench', 'proseReading.ts'), on], { cwd: ROOT, encoding: 'utf8' });
console.log(`  ${reading.status === 0 ? reading.stdout.trim() : `proseReading.ts failed: ${reading.stderr}`}`);
rmSync(on, { recursive: true, force: true });
rmSync(off, { recursive: true, force: true });
