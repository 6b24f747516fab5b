// Where a cold scan's time goes, phase by phase, on one catalogue (wall and CPU time):
//   node --import tsx scripts/bench/phases.ts <catalogue dir>
// Runs the core from the sources (frameworks parsed from YAML, as in the
// tests), reads every file first, then parses controls and policies
// separately, so each phase is timed on its own.
import { Project } from '../../server/core/engine/project.ts';
import { NodeFileSource } from '../../server/host/nodeFiles.ts';
import { readBundled } from '../../server/host/bundled.ts';
import { usePlainEnv } from '../../server/host/plainEnv.ts';
import { CONFIG_FILE } from '../../server/core/knowledge/config/config.ts';
import type { FileFacts } from '../../server/core/model/facts.ts';

usePlainEnv();
const dir = process.argv[2];
if (!dir) throw new Error('usage: node --import tsx scripts/bench/phases.ts <catalogue dir>');

// CPU time beside wall time: on a shared VM the wall time of a phase says more about the neighbours than about
// the phase. The process's CPU time includes the collector's helper threads.
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let last = performance.now();
let lastCpu = cpuMs();
const started = last;
const startedCpu = lastCpu;
const lap = (what: string): void => {
  const now = performance.now();
  const cpu = cpuMs();
  console.log(`${what.padEnd(16)}${(now - last).toFixed(0).padStart(6)} ms${(cpu - lastCpu).toFixed(0).padStart(7)} ms CPU`);
  last = now;
  lastCpu = cpu;
};

const source = new NodeFileSource(dir);
const project = await Project.load(source, readBundled(), { today: '2026-11-24' });
lap('load');
const texts: Array<[string, string]> = [];
for (const p of await source.list()) if (project.kindOf(p) !== undefined && p !== CONFIG_FILE) texts.push([p, await source.read(p)]);
lap('list and read');
const facts: Array<{ path: string; facts: FileFacts }> = [];
for (const kind of ['controls', 'policy'] as const) {
  for (const [path, text] of texts) if (project.kindOf(path) === kind) facts.push({ path, facts: project.parse(path, text) });
  lap(`parse ${kind === 'policy' ? 'policies' : 'controls'}`);
}
project.catalogue.update(facts);
lap('index and rules');
const findings = project.allFindings().length;
const mem = process.memoryUsage();
console.log(
  `total ${(performance.now() - started).toFixed(0)} ms (${(cpuMs() - startedCpu).toFixed(0)} ms CPU), ${texts.length} files, ${findings} findings, heap ${(mem.heapUsed / 1048576).toFixed(0)} MiB, rss ${(mem.rss / 1048576).toFixed(0)} MiB`,
);
