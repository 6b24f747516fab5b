// A cold scan publishes each batch of files' own findings (reading findings and
// file rules) as it reads them, and the cross-file findings at the end: the
// first diagnostics come before the workspace rules have run, no file is
// published more than twice, and what is left at the end is what
// `crosswalk check` reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './helpers/lspClient.ts';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');
const SERVER = nodePath.resolve(import.meta.dirname, '../dist/server.cjs');
const N = 900;
const name = (i: number): string => `controls/c${String(i).padStart(3, '0')}.yaml`;
/** Every third control with an unknown id (a file rule); every fifth with the id of the one before it (a workspace rule, in both). */
const control = (i: number): string =>
  `id: AC-${i % 5 === 0 ? i - 1 : i}\ntitle: Access review ${i}\nowner: IT\nfrequency: quarterly\nevidence: [x]\nmappings:\n  soc2: [${i % 3 === 0 ? 'CC9.9, ' : ''}CC6.1]\n  iso27001: [A.5.15]\n`;

for (const workers of ['0', '1']) {
  test(`the first diagnostics of a cold scan come before the cross-file ones, each file at most twice, the last equal to crosswalk check's (CROSSWALK_WORKERS=${workers})`, async () => {
    const root = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-early-'));
    mkdirSync(nodePath.join(root, 'controls'));
    for (let i = 1; i < N; i++) writeFileSync(nodePath.join(root, name(i)), control(i));
    const client = await LspClient.start(root, { CROSSWALK_WORKERS: workers }, { capabilities: { window: { workDoneProgress: true } } });
    try {
      await client.until(() => client.progress.some((p) => p.value.kind === 'end') && client.published.length > 0, 'the end of the scan');
      const cli = spawnSync(process.execPath, [CLI, 'check', root, '--format', 'json', '--today', '2026-11-24'], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
        env: { ...process.env, CROSSWALK_WORKERS: workers },
      });
      const expected = (JSON.parse(cli.stdout) as { findings: Array<{ path: string; line: number; column: number; rule: string; message: string }> }).findings
        .map((f) => `${f.path}:${f.line}:${f.column} ${f.rule}: ${f.message}`)
        .sort();
      const published = (): string[] =>
        [...client.diagnostics]
          .flatMap(([uri, diags]) => diags.map((d) => `${nodePath.relative(root, new URL(uri).pathname)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}: ${d.message}`))
          .sort();
      await client.until(() => JSON.stringify(published()) === JSON.stringify(expected), 'the server to agree with crosswalk check');
      // 299 files with an unknown id; 358 with a duplicate id (179 pairs), 120 of them with both.
      assert.equal(expected.length, 299 + 358);

      // The files' own findings, batch by batch as they are read, all before the duplicate ids are known; then the
      // files whose findings changed with them. All of it before the scan is over (the log of its end, then `changed`).
      const kinds = client.published.map((p) => [...new Set(p.diagnostics.map((d) => String(d.code)))].join(' '));
      assert.deepEqual(kinds.slice(0, 299), Array(299).fill('unknown-id'));
      assert.ok(kinds.slice(299).every((k) => k.includes('duplicate-id')));
      const end = client.order.findIndex((e) => e.startsWith('log crosswalk: analysed 899 files'));
      const publishes = client.order.flatMap((e, i) => (e.startsWith('publish ') ? [i] : []));
      assert.ok(publishes.at(-1)! < end && end < client.order.indexOf('changed'));
      // A client that shows progress hears the scan end after the first diagnostics.
      assert.ok(publishes[0]! < client.order.indexOf('progress end'));

      const times = new Map<string, string[][]>();
      for (const p of client.published) times.set(p.uri, [...(times.get(p.uri) ?? []), p.diagnostics.map((d) => String(d.code))]);
      // Its own finding first, then with the duplicate; only the duplicate, once at the end; only its own, once.
      assert.deepEqual(times.get(client.uri(name(15))), [['unknown-id'], ['duplicate-id', 'unknown-id']]);
      assert.deepEqual(times.get(client.uri(name(10))), [['duplicate-id']]);
      assert.deepEqual(times.get(client.uri(name(3))), [['unknown-id']]);
      assert.ok([...times.values()].every((t) => t.length <= 2));
      assert.equal(client.published.length, 299 + 358);
    } finally {
      await client.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
}

// The server's output waits in a pipe of 64 KiB for a client that may read it slowly or not for a while:
// the scan must go on regardless. The facts cache is written once the load is over, so its file on disk
// tells that the scan finished while nothing had been read.
test('a client that does not read the diagnostics yet does not hold up the scan', async () => {
  const root = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-unread-'));
  const cache = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-unread-cache-'));
  mkdirSync(nodePath.join(root, 'controls'));
  // Every third control with an unknown id: 299 files' diagnostics published during the scan, well over 64 KiB.
  for (let i = 1; i < N; i++) writeFileSync(nodePath.join(root, name(i)), control(i));
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: root, env: { ...process.env, CROSSWALK_TODAY: '2026-11-24' } });
  try {
    const message = (m: object): string => {
      const body = JSON.stringify(m);
      return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    const rootUri = pathToFileURL(root).href;
    proc.stdout.pause();
    proc.stdin.write(message({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri, capabilities: {}, initializationOptions: { cacheDirectory: cache } } }));
    proc.stdin.write(message({ jsonrpc: '2.0', method: 'initialized', params: {} }));
    const written = (): boolean => readdirSync(cache, { recursive: true, encoding: 'utf8' }).some((f) => f.endsWith('facts.bin'));
    const deadline = Date.now() + 60_000;
    while (!written() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.ok(written(), 'the scan finished and the facts cache was written while the client read nothing');
  } finally {
    proc.kill();
    rmSync(root, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  }
});
