// One cold start of the language server on a catalogue, as an editor opens it:
// prints the time from spawn to the moment `files` files have diagnostics,
// then stops the server. A whole process, so two builds can be timed in turn:
//
//   node scripts/bench/settle.mjs <dist dir> <catalogue dir> <files with findings> [--findings <n>] [--cache <dir>]
//
// --findings also waits for that many diagnostics in all (a file with findings of its own is
// published during the scan, and again at its end when the cross-file rules add to them).
// --cache gives the server a facts cache folder (initializationOptions.cacheDirectory):
// when it holds no cache yet, the start fills it and waits for it to be written; the
// next start with the same folder is a warm one (from the findings snapshot when
// nothing changed, else from the facts cache). BENCH_SERVER_NODE_ARGS gives the
// server node flags, as in run.mjs (e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof'): the
// server is then shut down cleanly, so that a profile is written.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';

const args = process.argv.slice(2);
const at = args.indexOf('--cache');
const cache = at === -1 ? undefined : resolve(args.splice(at, 2)[1] ?? '');
const atFindings = args.indexOf('--findings');
const findings = atFindings === -1 ? 0 : Number(args.splice(atFindings, 2)[1]);
const [dist, dir, files] = args;
if (!dist || !dir || !files) {
  console.error('usage: node scripts/bench/settle.mjs <dist dir> <catalogue dir> <files with findings> [--findings <n>] [--cache <dir>]');
  process.exit(2);
}
const start = performance.now();
const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const proc = spawn(process.execPath, [...nodeArgs, join(resolve(dist), 'server.cjs'), '--stdio'], { cwd: dir, env: { ...process.env, CROSSWALK_TODAY: '2026-11-24' } });
proc.stdin.on('error', () => undefined);
const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
const withFindings = new Map();
let diagnostics = 0;
let first;
let done = () => undefined;
conn.onNotification('textDocument/publishDiagnostics', (p) => {
  first ??= performance.now() - start;
  diagnostics += p.diagnostics.length - (withFindings.get(p.uri) ?? 0);
  if (p.diagnostics.length > 0) withFindings.set(p.uri, p.diagnostics.length);
  else withFindings.delete(p.uri);
  if (withFindings.size >= Number(files) && diagnostics >= findings) done();
});
conn.onNotification('window/logMessage', () => undefined);
conn.onNotification('crosswalk/changed', () => undefined);
conn.onRequest('workspace/configuration', () => []);
conn.onRequest('client/registerCapability', () => null);
conn.listen();
const rootUri = URI.file(resolve(dir)).toString();
const settled = new Promise((r) => (done = r));
const cached = () => cache !== undefined && existsSync(cache) && readdirSync(cache, { recursive: true, encoding: 'utf8' }).some((f) => f.endsWith('facts.bin'));
const warm = cached();
const initializationOptions = cache ? { initializationOptions: { cacheDirectory: cache } } : {};
await conn.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: {}, ...initializationOptions });
conn.sendNotification('initialized', {});
await settled;
const peak = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
console.log(
  `${(performance.now() - start).toFixed(0)} ms to diagnostics in ${files} files${findings > 0 ? ` (${diagnostics} diagnostics)` : ''}, the first after ${first.toFixed(0)} ms, peak RSS ${peak.toFixed(0)} MiB${cache === undefined ? '' : warm ? ' (warm, from the facts cache)' : ' (filling the facts cache)'}`,
);
if (cache !== undefined && !warm) {
  const written = performance.now();
  while (!cached() && performance.now() - written < 60000) await new Promise((r) => setTimeout(r, 50));
  console.log(`facts cache written ${(performance.now() - written).toFixed(0)} ms later`);
}
if (nodeArgs.length > 0) {
  await conn.sendRequest('shutdown');
  const exited = new Promise((r) => proc.once('exit', r));
  conn.sendNotification('exit');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10000))]);
}
proc.kill();
process.exit(0);
