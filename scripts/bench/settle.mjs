// One cold start of the language server on a catalogue, as an editor opens it:
// prints the time from spawn to the moment `files` files have diagnostics,
// then stops the server. A whole process, so two builds can be timed in turn:
//
//   node scripts/bench/settle.mjs <dist dir> <catalogue dir> <files with findings>
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';

const [dist, dir, files] = process.argv.slice(2);
if (!dist || !dir || !files) {
  console.error('usage: node scripts/bench/settle.mjs <dist dir> <catalogue dir> <files with findings>');
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
await conn.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: {} });
conn.sendNotification('initialized', {});
await settled;
console.log(`${(performance.now() - start).toFixed(0)} ms to diagnostics in ${files} files`);
proc.kill();
process.exit(0);
