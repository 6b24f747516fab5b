// The npm package: `npm pack` gives a tarball that installs, offline and with
// no dependencies, the `crosswalk` and `crosswalk-language-server` commands,
// which run from the bundles alone. Packs the bundles `npm run build` made.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { removeScratch, scratchDir } from './helpers/gitRepo.ts';
import pkg from '../package.json' with { type: 'json' };

const ROOT = nodePath.resolve(import.meta.dirname, '..');
after(removeScratch);

function npm(args: string[], cwd: string): string {
  const r = spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
  assert.equal(r.status, 0, `npm ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Packs and installs the tarball into a fresh folder; returns that folder. */
function installPacked(): string {
  assert.ok(existsSync(nodePath.join(ROOT, 'dist', 'cli.cjs')) && existsSync(nodePath.join(ROOT, 'dist', 'server.cjs')), 'build first: npm run build');
  const out = scratchDir('crosswalk-pack-');
  // The bundles are already built by `npm run build` (npm test does it); prepack would rebuild them minified.
  const name = npm(['pack', '--ignore-scripts', '--silent', '--pack-destination', out], ROOT).trim().split('\n').at(-1)!;
  const app = nodePath.join(out, 'app');
  cpSync(nodePath.join(ROOT, 'examples', 'acme'), nodePath.join(app, 'catalogue'), { recursive: true });
  writeFileSync(nodePath.join(app, 'package.json'), '{ "name": "consumer", "private": true }\n');
  npm(['install', '--offline', '--no-save', '--ignore-scripts', nodePath.join(out, name)], app);
  return app;
}

test('the packed tarball installs offline with nothing but itself, and both commands run', async () => {
  const app = installPacked();
  // Self-contained: no other package comes with it.
  assert.deepEqual(
    readdirSync(nodePath.join(app, 'node_modules')).filter((n) => !n.startsWith('.')),
    ['crosswalk'],
  );
  const bin = (name: string): string => nodePath.join(app, 'node_modules', '.bin', name);
  const version = spawnSync(bin('crosswalk'), ['--version'], { encoding: 'utf8' });
  assert.deepEqual([version.status, version.stdout], [0, `crosswalk ${pkg.version}\n`]);
  const check = spawnSync(bin('crosswalk'), ['check', 'catalogue', '--today', '2026-11-24'], { cwd: app, encoding: 'utf8' });
  assert.equal(check.status, 1, check.stderr);
  assert.equal(check.stdout.trim().split('\n').at(-1), '6 errors, 14 warnings, 2 infos in 16 of 24 files');

  const init = await initialize(bin('crosswalk-language-server'), nodePath.join(app, 'catalogue'));
  assert.equal(init.serverInfo?.name, 'crosswalk');
  assert.equal(init.capabilities.hoverProvider, true);
});

interface InitializeResult {
  capabilities: { hoverProvider?: boolean };
  serverInfo?: { name: string };
}

/** Starts the server over stdio, sends `initialize`, returns its result, then shuts it down. */
function initialize(command: string, root: string): Promise<InitializeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const send = (msg: object): void => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...msg });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    let buffer = Buffer.alloc(0);
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('no answer to initialize within 20 s'));
    }, 20000);
    child.on('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())?.[1]);
        if (buffer.length < end + 4 + length) return;
        const msg = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString()) as { id?: number; result?: InitializeResult };
        buffer = buffer.subarray(end + 4 + length);
        if (msg.id === 1 && msg.result) {
          clearTimeout(timer);
          send({ id: 2, method: 'shutdown' });
          send({ method: 'exit' });
          child.on('exit', () => resolve(msg.result!));
        }
      }
    });
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: `file://${root}`, capabilities: {}, workspaceFolders: [{ uri: `file://${root}`, name: 'catalogue' }] } });
  });
}
