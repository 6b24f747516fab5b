// The reference the targets of docs/performance.md are ratios to:
// yaml-language-server (the devDependency's exact version) validating the
// catalogue's control files against Crosswalk's control schema, as the YAML
// extension does with the schema Crosswalk contributes, and nothing else (no
// hover, completion, formatting or schema store). Measured in the same run as
// Crosswalk's server, on the same files.
//
// yaml-language-server reads no files itself: it validates what the editor
// opens. So every control file is opened at once (didOpen), as an editor
// would on "open all". It publishes diagnostics for every document it
// validates, with an empty list when there is nothing to say, 200 ms after
// the document's last change (its validation delay), so "settled" is the
// moment every opened file has had its diagnostics published once.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { URI } from 'vscode-uri';

const ROOT = resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const PACKAGE = dirname(require.resolve('yaml-language-server/package.json'));
export const YAMLLS_VERSION = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')).version;
const BIN = join(PACKAGE, 'bin', 'yaml-language-server');
// The schema and globs the extension contributes to the YAML extension (package.json, yamlValidation).
const CONTRIBUTED = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).contributes.yamlValidation.find((v) => v.url.endsWith('control.schema.json'));
const SCHEMA_URI = URI.file(join(ROOT, CONTRIBUTED.url)).toString();
const SETTINGS = {
  validate: true,
  hover: false,
  completion: false,
  format: { enable: false },
  schemaStore: { enable: false },
  kubernetesCRDStore: { enable: false },
  schemas: { [SCHEMA_URI]: CONTRIBUTED.fileMatch },
};

const controlFiles = (dir) =>
  readdirSync(join(dir, 'controls'), { recursive: true })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, 'controls', f));

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/**
 * Spawn to every control file's first diagnostics, then 60 edits to `edit` (a
 * control file, relative to `dir`) toggling the same unknown id as Crosswalk's
 * keystrokes, each timed until that file's diagnostics arrive, then the
 * server's peak RSS. Throws when the schema is not applied (a field of the
 * wrong type must be reported), so a figure is never one of a server that
 * validated nothing.
 */
export async function yamlLsRun(dir, { edit = 'controls/c000100.yaml' } = {}) {
  const files = controlFiles(dir);
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const load = loadavg()[0];
  const start = performance.now();
  const proc = spawn(process.execPath, [BIN, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'ignore'] });
  proc.stdin.on('error', () => undefined);
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const published = new Set();
  let withProblems = 0;
  let onPublish = () => undefined;
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    if (!published.has(p.uri)) {
      published.add(p.uri);
      if (p.diagnostics.length > 0) withProblems++;
    }
    onPublish(p);
  });
  let configured = () => undefined;
  const configuration = new Promise((done) => (configured = done));
  // The settings pull after `initialized` (yaml, http, [yaml], editor), then a `[yaml]` pull per validation.
  conn.onRequest('workspace/configuration', (params) => {
    const answer = params.items.map((item) => (item.section === 'yaml' ? SETTINGS : item.section === 'http' ? {} : null));
    if (params.items.some((item) => item.section === 'yaml')) setImmediate(configured);
    return answer;
  });
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.onNotification('telemetry/event', () => undefined);
  conn.listen();
  const rootUri = URI.file(dir).toString();
  // The client capabilities an editor declares that change what the server does: configuration pulls.
  await conn.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: { workspace: { configuration: true } } });
  const initialized = performance.now() - start;
  conn.sendNotification('initialized', {});
  await configuration;
  const uris = files.map((f) => URI.file(f).toString());
  const all = new Promise((done) => {
    onPublish = () => published.size >= uris.length && done();
  });
  uris.forEach((uri, i) => conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: texts[i] } }));
  await all;
  const settled = performance.now() - start;

  const uri = URI.file(join(dir, ...edit.split('/'))).toString();
  const clean = texts[uris.indexOf(uri)];
  if (clean === undefined) throw new Error(`${edit} is not a control file of ${dir}`);
  const broken = clean.replace(/soc2: \[/, 'soc2: [CC9.9, ');
  const change = (version, text) =>
    new Promise((done) => {
      onPublish = (p) => p.uri === uri && done(p.diagnostics);
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    });
  const keystrokes = [];
  for (let v = 2; v < 62; v++) {
    const t = performance.now();
    await change(v, v % 2 === 0 ? broken : clean);
    keystrokes.push(performance.now() - t);
  }
  const status = readFileSync(`/proc/${proc.pid}/status`, 'utf8');
  const peakRss = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  // A title of the wrong type (every control file has a title; in findings-heavy half have no owner).
  const mistyped = clean.replace(/^title: .*$/m, 'title: [1, 2]');
  if (mistyped === clean) throw new Error(`${edit} has no 'title:' line to give the wrong type`);
  const wrongType = await change(62, mistyped);
  await conn.sendRequest('shutdown').catch(() => undefined);
  conn.sendNotification('exit');
  await Promise.race([new Promise((done) => proc.once('exit', done)), new Promise((done) => setTimeout(done, 5000))]);
  conn.dispose();
  proc.kill();
  if (!wrongType.some((d) => /string/i.test(d.message))) throw new Error(`yaml-language-server did not apply ${relative(ROOT, CONTRIBUTED.url)} to ${edit}: ${JSON.stringify(wrongType)}`);
  return { files: files.length, withProblems, load, initialized, settled, keystrokes, peakRss };
}

/**
 * The ratios of docs/performance.md: Crosswalk's server and CLI (`srv`, `cli`
 * as run.mjs measures them) against the reference `ref` of the same run.
 */
export function printReference(srv, cli, ref) {
  const ms = (x) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
  const row = (label, ours, theirs, unit = ms) => console.log(`  ${label.padEnd(35)} ${unit(ours).padStart(9)} / ${unit(theirs).padStart(9)} = ${(ours / theirs).toFixed(2)}x`);
  console.log(`  reference: yaml-language-server ${YAMLLS_VERSION}, schema only, ${ref.files} control files opened at once (${ref.withProblems} with problems); load average ${ref.load.toFixed(1)}`);
  console.log(`  yaml-language-server: initialize result ${ms(ref.initialized)}, keystroke p50 / p95 ${ms(pct(ref.keystrokes, 50))} / ${ms(pct(ref.keystrokes, 95))}`);
  console.log(`  ${''.padEnd(35)} ${'crosswalk'.padStart(9)} / ${'yaml-ls'.padStart(9)}`);
  row('start to all diagnostics', srv.settled, ref.settled);
  row('keystroke to diagnostics p95', pct(srv.keystrokes, 95), pct(ref.keystrokes, 95));
  row('server peak RSS', srv.peakRss, ref.peakRss, (x) => `${x.toFixed(0)} MiB`);
  console.log(`  ${'check wall / server to diagnostics'.padEnd(35)} ${ms(cli.wall).padStart(9)} / ${ms(srv.settled).padStart(9)} = ${(cli.wall / srv.settled).toFixed(2)}x`);
}
