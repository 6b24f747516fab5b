// One cold start of the language server on a catalogue, as an editor opens it:
// prints the time from spawn to the moment `files` files have diagnostics,
// then stops the server. A whole process, so two builds can be timed in turn:
//
//   node scripts/bench/settle.mjs <dist dir> <catalogue dir> <files with findings> [--cache <dir>]
//
// --cache gives the server a facts cache folder (initializationOptions.cacheDirectory):
// when it holds no cache yet, the start fills it and waits for it to be written; the
// next start with the same folder is a warm one (from the findings snapshot when
// nothing changed, else from the facts cache).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';

const args = process.argv.slice(2);
const at = args.indexOf('--cache');
const cache = at === -1 ? undefined : resolve(args.splice(at, 2)[1] ?? '');
const [dist, dir, files] = args;
if (!dist || !dir || !files) {
  console.error('usage: node scripts/bench/settle.mjs <dist dir> <catalogue dir> <files with findings> [--cache <dir>]');
  process.exit(2);
}
const start = performance.now();
const proc = spawn(process.execPath, [join(resolve(dist), 'server.cjs'), '--stdio'], { cwd: dir, env: { ...process.env, CROSSWALK_TODAY: '2026-11-24' } });
proc.stdin.on('error', () => undefined);
const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
const withFindings = new Set();
let done = () => undefined;
conn.onNotification('textDocument/publishDiagnostics', (p) => {
  if (p.diagnostics.length > 0) withFindings.add(p.uri);
  else withFindings.delete(p.uri);
  if (withFindings.size >= Number(files)) done();
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
console.log(`${(performance.now() - start).toFixed(0)} ms to diagnostics in ${files} files${cache === undefined ? '' : warm ? ' (warm, from the facts cache)' : ' (filling the facts cache)'}`);
if (cache !== undefined && !warm) {
  const written = performance.now();
  while (!cached() && performance.now() - written < 60000) await new Promise((r) => setTimeout(r, 50));
  console.log(`facts cache written ${(performance.now() - written).toFixed(0)} ms later`);
}
proc.kill();
process.exit(0);
