// The findings snapshot: a warm `crosswalk check --cache` writes the cold
// report byte for byte without analysing anything; any change to what decides
// the findings (a file edited, added or deleted, crosswalk.yaml, the date, the
// version) or a damaged snapshot falls back to analysing, says why, and gives
// the fresh result; the language server publishes the snapshot at once, its
// later build changes nothing, and a request during that build waits for it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Hover } from 'vscode-languageserver-protocol';
import { run } from '../server/cli/main.ts';
import { newSession } from '../server/cli/analyseSource.ts';
import type { FactsCacheOpener } from '../server/core/engine/factsCache.ts';
import type { Finding } from '../server/core/types.ts';
import { NodeFileSource } from '../server/host/nodeFiles.ts';
import { CACHE_FILE, FactsCacheDir } from '../server/host/factsCacheDir.ts';
import { SNAPSHOT_FILE } from '../server/host/findingsSnapshotFile.ts';
import { LspClient } from './helpers/lspClient.ts';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');
const TODAY = '2026-11-24';
let tmp: string;
let acme: string;
let generated: string;

before(() => {
  tmp = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-warm-'));
  acme = nodePath.join(tmp, 'acme');
  cpSync('examples/acme', acme, { recursive: true });
  generated = nodePath.join(tmp, 'generated');
  spawnSync(process.execPath, ['scripts/bench/generate.mjs', generated, '40', '300'], { stdio: 'ignore' });
});

after(() => rmSync(tmp, { recursive: true, force: true }));

let copies = 0;
/** A fresh copy of a catalogue and an empty cache folder beside it. */
function copyOf(root: string): { dir: string; cache: string } {
  const n = copies++;
  const dir = nodePath.join(tmp, `copy-${n}`);
  cpSync(root, dir, { recursive: true });
  return { dir, cache: nodePath.join(tmp, `cache-${n}`) };
}

/** A facts.bin no scan can use: a run that analyses says so on stderr, one that writes its report from the snapshot never opens it. */
function spoilFacts(cache: string): string {
  const file = nodePath.join(cache, CACHE_FILE);
  writeFileSync(file, 'garbage');
  return `crosswalk: the facts cache ${file} is not a Crosswalk facts cache: it is not used; every file is read again, and the cache written anew\n`;
}

for (const [name, root] of [
  ['the example catalogue', () => acme],
  ['a generated catalogue', () => generated],
] as const) {
  test(`a warm crosswalk check --cache of ${name} writes the cold report byte for byte, from the snapshot`, () => {
    const { dir, cache } = copyOf(root());
    for (const format of ['json', 'text', 'markdown']) {
      const check = (...extra: string[]): ReturnType<typeof spawnSync> =>
        spawnSync(process.execPath, [CLI, 'check', dir, '--format', format, '--today', TODAY, ...extra], { encoding: 'utf8', maxBuffer: 1 << 26 });
      const cold = check();
      assert.ok(String(cold.stdout).length > 1000);
      const filling = check('--cache', cache);
      assert.ok(existsSync(nodePath.join(cache, SNAPSHOT_FILE)));
      spoilFacts(cache);
      const warm = check('--cache', cache);
      for (const r of [filling, warm]) {
        assert.equal(r.stdout, cold.stdout);
        assert.equal(r.stderr, cold.stderr);
        assert.equal(r.status, cold.status);
      }
      rmSync(cache, { recursive: true });
    }
  });
}

/** `crosswalk check --format json --cache <cache>` in this process, with its clock. */
async function check(dir: string, extra: string[], clock?: () => Date): Promise<{ stdout: string; stderr: string; status: number }> {
  let stdout = '';
  let stderr = '';
  const status = await run(['check', dir, '--format', 'json', ...extra], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, clock);
  return { stdout, stderr, status };
}

test('the date moved by one day (the clock read by the command line) falls back to analysing, and the next run that day is warm again', async () => {
  const { dir, cache } = copyOf(acme);
  const lateOn24th = (): Date => new Date(2026, 10, 24, 23, 59);
  const earlyOn25th = (): Date => new Date(2026, 10, 25, 0, 1);
  const filled = await check(dir, ['--cache', cache], lateOn24th);
  assert.equal(filled.stdout, (await check(dir, ['--today', '2026-11-24'])).stdout);
  const spoilt = spoilFacts(cache);
  const fresh = await check(dir, ['--today', '2026-11-25']);
  assert.notEqual(fresh.stdout, filled.stdout); // a review one day older
  assert.match(fresh.stdout, /653 days ago/);
  const next = await check(dir, ['--cache', cache], earlyOn25th);
  assert.deepEqual(next, { ...fresh, stderr: `${fresh.stderr}${spoilt}` });
  // Written anew for the 25th: later that day, the report comes from the snapshot (facts.bin, rewritten, is never opened).
  spoilFacts(cache);
  assert.deepEqual(await check(dir, ['--cache', cache], () => new Date(2026, 10, 25, 18, 0)), fresh);
});

/** Counts what a scan found in the facts cache and what it parsed. */
function counting(opener: FactsCacheOpener, counts: { hits: number; misses: number }): FactsCacheOpener {
  return (context) => {
    const inner = opener(context)!;
    return {
      size: inner.size,
      get: (path, text) => {
        const facts = inner.get(path, text);
        if (facts) counts.hits++;
        else counts.misses++;
        return facts;
      },
      put: (path, text, facts) => inner.put(path, text, facts),
    };
  };
}

interface Start {
  /** The findings the snapshot gave, when it was used. */
  stored: Finding[] | undefined;
  /** The findings of the analysis. */
  findings: Finding[];
  explained: string[];
  logs: string[];
  facts: { hits: number; misses: number };
}

/** A start as the CLI's and the server's: the snapshot asked first, then the analysis; then the cache written. */
async function start(dir: string, cache: string, options: { today?: string; version?: string } = {}): Promise<Start> {
  const explained: string[] = [];
  const logs: string[] = [];
  const facts = { hits: 0, misses: 0 };
  const cacheDir = new FactsCacheDir(cache, { log: (m) => logs.push(m), explain: (m) => explained.push(m), ...(options.version ? { version: options.version } : {}) });
  const session = newSession(new NodeFileSource(dir), options.today ?? TODAY, { factsCache: counting(cacheDir.opener, facts), snapshots: cacheDir.snapshots });
  const stored = await session.storedFindings();
  const project = await session.project();
  const findings = project.allFindings();
  await cacheDir.save();
  return { stored: stored?.result.findings.flatMap((f) => f.findings), findings, explained, logs, facts };
}

/** The findings of a scan without any cache. */
async function fresh(dir: string, today = TODAY): Promise<Finding[]> {
  return (await newSession(new NodeFileSource(dir), today).project()).allFindings();
}

/** A copy of the example with its cache written (facts and snapshot); `files`: how many files it read into the facts cache. */
async function warmed(options: { version?: string } = {}): Promise<{ dir: string; cache: string; files: number }> {
  const { dir, cache } = copyOf(acme);
  const first = await start(dir, cache, options);
  assert.equal(first.stored, undefined);
  assert.deepEqual([first.explained, first.logs], [[], []]);
  const again = await start(dir, cache, options);
  assert.deepStrictEqual(again.stored, first.findings);
  assert.deepStrictEqual(again.findings, first.findings);
  return { dir, cache, files: first.facts.misses };
}

/** After a fall-back, the snapshot was written anew: the next start takes it, and it holds the fresh findings. */
async function rewritten(dir: string, cache: string, findings: Finding[]): Promise<void> {
  const next = await start(dir, cache);
  assert.deepStrictEqual(next.stored, findings);
  assert.deepEqual([next.explained, next.logs], [[], []]);
}

const snapshotIn = (cache: string): string => nodePath.join(cache, SNAPSHOT_FILE);
const notUsed = (cache: string, why: string): string => `crosswalk: the findings snapshot ${snapshotIn(cache)} is not used: ${why}; the catalogue is analysed`;

test('a file edited since the snapshot: analysed from the facts cache (that one file parsed), with the fresh findings', async () => {
  const { dir, cache, files } = await warmed();
  const file = nodePath.join(dir, 'controls/vendors.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('CC9.9', 'CC6.1'));
  const s = await start(dir, cache);
  assert.equal(s.stored, undefined);
  assert.deepEqual(s.explained, [notUsed(cache, 'controls/vendors.yaml changed since it was written')]);
  assert.deepEqual(s.facts, { hits: files - 1, misses: 1 });
  const expected = await fresh(dir);
  assert.deepStrictEqual(s.findings, expected);
  assert.ok(!JSON.stringify(expected).includes('CC9.9'));
  await rewritten(dir, cache, expected);
});

test('files are read ahead only while they match the snapshot, and each file is read once', async () => {
  const { dir, cache } = copyOf(generated);
  const fill = new FactsCacheDir(cache, { log: () => undefined });
  await newSession(new NodeFileSource(dir), TODAY, { factsCache: fill.opener, snapshots: fill.snapshots }).project();
  await fill.save();
  // The eleventh control file of 300 changes: the read-ahead stops there, and the scan reads the rest.
  const file = nodePath.join(dir, 'controls/c000010.yaml');
  writeFileSync(file, `${readFileSync(file, 'utf8')}# changed\n`);
  const reads: string[] = [];
  const disk = new NodeFileSource(dir);
  const counted = { list: () => disk.list(), read: (path: string) => (reads.push(path), disk.read(path)) };
  const explained: string[] = [];
  const warm = new FactsCacheDir(cache, { log: () => undefined, explain: (m) => explained.push(m) });
  const session = newSession(counted, TODAY, { factsCache: warm.opener, snapshots: warm.snapshots });
  assert.equal(await session.storedFindings(), undefined);
  assert.deepEqual(reads, ['crosswalk.yaml', ...Array.from({ length: 11 }, (_, i) => `controls/c${String(i).padStart(6, '0')}.yaml`)]);
  assert.deepEqual(explained, [notUsed(cache, 'controls/c000010.yaml changed since it was written')]);
  const project = await session.project();
  assert.equal(reads.length, project.fileCount() + 1);
  assert.equal(new Set(reads).size, reads.length);
  assert.deepStrictEqual(project.allFindings(), await fresh(dir));
});

test('a file added since the snapshot: analysed, with the fresh findings', async () => {
  const { dir, cache, files } = await warmed();
  writeFileSync(nodePath.join(dir, 'controls/extra.yaml'), 'id: EX-1\ntitle: Extra\nowner: IT\nfrequency: annual\nevidence: [x]\nmappings:\n  soc2: [CC9.7]\n');
  const s = await start(dir, cache);
  assert.equal(s.stored, undefined);
  assert.deepEqual(s.explained, [notUsed(cache, 'controls/extra.yaml added since it was written')]);
  assert.deepEqual(s.facts, { hits: files, misses: 1 });
  const expected = await fresh(dir);
  assert.deepStrictEqual(s.findings, expected);
  assert.ok(expected.some((f) => f.path === 'controls/extra.yaml' && f.rule === 'unknown-id'));
  await rewritten(dir, cache, expected);
});

test('a file deleted since the snapshot: analysed, with the fresh findings', async () => {
  const { dir, cache, files } = await warmed();
  unlinkSync(nodePath.join(dir, 'controls/disaster-recovery.yaml'));
  const s = await start(dir, cache);
  assert.equal(s.stored, undefined);
  assert.deepEqual(s.explained, [notUsed(cache, 'controls/disaster-recovery.yaml removed since it was written')]);
  assert.deepEqual(s.facts, { hits: files - 1, misses: 0 });
  const expected = await fresh(dir);
  assert.deepStrictEqual(s.findings, expected);
  assert.ok(!expected.some((f) => f.rule === 'duplicate-id'));
  await rewritten(dir, cache, expected);
});

test('crosswalk.yaml changed since the snapshot: analysed, with the fresh findings', async () => {
  const { dir, cache } = await warmed();
  const config = nodePath.join(dir, 'crosswalk.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('rules:\n', 'rules:\n  missing-owner: error\n'));
  const s = await start(dir, cache);
  assert.equal(s.stored, undefined);
  assert.deepEqual(s.explained, [notUsed(cache, 'crosswalk.yaml changed since it was written')]);
  const expected = await fresh(dir);
  assert.deepStrictEqual(s.findings, expected);
  assert.equal(expected.find((f) => f.rule === 'missing-owner')?.severity, 'error');
  await rewritten(dir, cache, expected);
});

test('another day: analysed, with the fresh findings', async () => {
  const { dir, cache, files } = await warmed();
  const s = await start(dir, cache, { today: '2026-11-25' });
  assert.equal(s.stored, undefined);
  assert.deepEqual(s.explained, [notUsed(cache, 'it holds the findings of 2026-11-24, and today is 2026-11-25 (review ages depend on the date)')]);
  assert.deepEqual(s.facts, { hits: files, misses: 0 });
  assert.deepStrictEqual(s.findings, await fresh(dir, '2026-11-25'));
  assert.ok(s.findings.some((f) => f.message.includes('653 days ago')));
});

test('another version of Crosswalk: analysed, with the fresh findings', async () => {
  const { dir, cache } = await warmed({ version: '0.0.9' });
  const s = await start(dir, cache);
  assert.equal(s.stored, undefined);
  assert.deepEqual(s.explained, [notUsed(cache, 'it was written by another version or build of Crosswalk (0.0.9)')]);
  assert.deepStrictEqual(s.findings, await fresh(dir));
  await rewritten(dir, cache, s.findings);
});

test('a damaged, cut short, foreign or forged snapshot is said once, never trusted, and written anew', async () => {
  const { dir, cache } = await warmed();
  const file = snapshotIn(cache);
  const expected = await fresh(dir);
  const spoilt = async (spoil: () => void, line: string): Promise<void> => {
    spoil();
    const s = await start(dir, cache);
    assert.equal(s.stored, undefined);
    assert.deepEqual([s.logs, s.explained], [[`crosswalk: the findings snapshot ${file} ${line}`], []]);
    assert.deepStrictEqual(s.findings, expected);
    await rewritten(dir, cache, expected);
  };
  const flipped = (): void => {
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x20;
    writeFileSync(file, bytes);
  };
  const damaged = 'is damaged or cut short (its checksum does not match): it is not used; the catalogue is analysed, and the snapshot written anew';
  await spoilt(flipped, damaged);
  await spoilt(() => truncateSync(file, Math.floor(statSync(file).size / 2)), damaged);
  await spoilt(() => writeFileSync(file, 'id: not a snapshot\n'), 'is not a Crosswalk findings snapshot: it is not used; the catalogue is analysed, and the snapshot written anew');
  // Checksummed, but what it holds is not findings: the first file's findings made an unknown kind of value.
  const forged = (): void => {
    const bytes = readFileSync(file);
    const body = bytes.subarray(0, bytes.length - 32);
    const headLength = body.readUInt32LE(8);
    const header = JSON.parse(body.toString('utf8', 12, 12 + headLength)) as { reads: number; ends: number[] };
    body.writeInt32LE(99, 12 + headLength + header.reads * 32 + header.ends[1]! * 4);
    writeFileSync(file, Buffer.concat([body, createHash('sha256').update(body).digest()]));
  };
  await spoilt(forged, 'is damaged (an unknown tag 99): it is not used; the catalogue is analysed, and the snapshot written anew');
});

test('the snapshot and the facts cache keep together to the cache folder’s cap; a snapshot over half of it is not written', async () => {
  const fill = async (cache: string, capMiB: number): Promise<string[]> => {
    const logs: string[] = [];
    const dir = new FactsCacheDir(cache, { log: (m) => logs.push(m), capMiB });
    await newSession(new NodeFileSource(generated), TODAY, { factsCache: dir.opener, snapshots: dir.snapshots }).project();
    await dir.save();
    return logs;
  };
  const { cache } = copyOf(acme);
  const cap = 0.2 * 1048576;
  assert.deepEqual(await fill(cache, 0.2), []);
  assert.deepEqual(readdirSync(cache).sort(), [CACHE_FILE, SNAPSHOT_FILE]);
  const [facts, snapshot] = [CACHE_FILE, SNAPSHOT_FILE].map((f) => statSync(nodePath.join(cache, f)).size);
  assert.ok(snapshot! < cap / 2 && facts! + snapshot! < cap * 1.2, `${facts} + ${snapshot}`);
  // The whole catalogue's facts take more than the cap: some were left out to make room for the snapshot.
  assert.ok(facts! < cap - snapshot! + cap * 0.2);
  const small = copyOf(acme).cache;
  const logs = await fill(small, 0.05);
  assert.equal(logs.length, 1);
  assert.match(logs[0]!, /^crosswalk: the findings snapshot would take \d\d KiB, more than the 26 KiB it may \(half the cache's cap\): it is not written$/);
  assert.deepEqual(readdirSync(small), [CACHE_FILE]);
});

/** Diagnostics as the client holds them, in path order. */
function diagnosticsOf(client: LspClient): string {
  return JSON.stringify([...client.diagnostics].filter(([, d]) => d.length > 0).sort(([a], [b]) => a.localeCompare(b)));
}

/** The findings of `crosswalk check`, or the diagnostics a client holds, as lines to compare. */
function checkLines(dir: string): string[] {
  const r = spawnSync(process.execPath, [CLI, 'check', dir, '--format', 'json', '--today', TODAY], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return (JSON.parse(r.stdout) as { findings: Array<{ path: string; line: number; column: number; rule: string; message: string }> }).findings
    .map((f) => `${f.path}:${f.line}:${f.column} ${f.rule}: ${f.message}`)
    .sort();
}
function diagnosticLines(client: LspClient, dir: string): string[] {
  return [...client.diagnostics]
    .flatMap(([uri, diags]) => diags.map((d) => `${nodePath.relative(dir, new URL(uri).pathname)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}: ${d.message}`))
    .sort();
}

test('the language server publishes the snapshot at once; its later build changes nothing, and a hover during it waits for it', async () => {
  // Large enough that the build takes a while after the snapshot is out.
  const dir = nodePath.join(tmp, 'medium');
  spawnSync(process.execPath, ['scripts/bench/generate.mjs', dir, '200', '1500'], { stdio: 'ignore' });
  const storage = nodePath.join(tmp, 'storage');
  const control = 'controls/c000010.yaml';
  const lines = readFileSync(nodePath.join(dir, control), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes('soc2: ['));
  const position = { line, character: lines[line]!.indexOf('[') + 2 };
  const hoverIn = (client: LspClient): Promise<Hover | null> => client.request<Hover | null>('textDocument/hover', { textDocument: { uri: client.uri(control) }, position });
  const start = (): Promise<LspClient> => LspClient.start(dir, {}, { initializationOptions: { cacheDirectory: storage } });
  const built = (client: LspClient): number => client.order.findIndex((e) => e.startsWith('log crosswalk: analysed'));

  const cold = await start();
  let coldDiagnostics: string;
  let coldHover: Hover | null;
  try {
    await cold.until(() => built(cold) >= 0, 'the first scan', 30000);
    coldDiagnostics = diagnosticsOf(cold);
    coldHover = await hoverIn(cold);
    const written = (): boolean => existsSync(storage) && readdirSync(storage, { recursive: true, encoding: 'utf8' }).some((f) => f.endsWith(SNAPSHOT_FILE));
    await cold.until(written, 'the snapshot to be written', 30000);
  } finally {
    await cold.stop();
  }
  assert.ok(coldHover && JSON.stringify(coldHover).includes('CC'));
  const files = (JSON.parse(coldDiagnostics) as unknown[]).length;
  assert.ok(files > 100);

  const warm = await start();
  try {
    const published = (): number => warm.order.findIndex((e) => e.includes('from the findings snapshot'));
    // Asked as soon as the snapshot's first diagnostics arrive, so before the state is built (its build waits
    // for them to be written): answered once it is built.
    await warm.until(() => warm.published.length > 0, 'the first diagnostics from the snapshot', 30000);
    const asked = warm.order.length;
    const hover = await hoverIn(warm);
    const answered = warm.order.length;
    await warm.until(() => published() >= 0, 'the snapshot', 30000);
    assert.deepStrictEqual(hover, coldHover);
    assert.ok(asked <= built(warm) && built(warm) < answered, `asked ${asked}, built ${built(warm)}, answered ${answered}`);
    await new Promise((r) => setTimeout(r, 300));
    // Every file's diagnostics once, all before the line that says they came from the snapshot; none after the build.
    assert.equal(warm.published.length, files);
    assert.equal(warm.order.slice(0, published()).filter((e) => e.startsWith('publish ')).length, files);
    assert.equal(diagnosticsOf(warm), coldDiagnostics);
    assert.deepEqual(
      warm.logs.filter((l) => l.includes('findings snapshot')),
      [`4 crosswalk: published the findings of ${files} files from the findings snapshot (nothing read changed since it was written); analysing the catalogue`],
    );
  } finally {
    await warm.stop();
  }

  // One control file changed: the log says why, and the diagnostics are the fresh ones.
  const file = nodePath.join(dir, control);
  writeFileSync(file, readFileSync(file, 'utf8').replace('soc2: [', 'soc2: [CC9.9, '));
  const changed = await start();
  try {
    await changed.until(() => built(changed) >= 0, 'the scan', 30000);
    const [folder] = readdirSync(storage);
    assert.deepEqual(
      changed.logs.filter((l) => l.includes('findings snapshot')),
      [`4 ${notUsed(nodePath.join(storage, folder!), `${control} changed since it was written`)}`],
    );
    const expected = checkLines(dir);
    await changed.until(() => JSON.stringify(diagnosticLines(changed, dir)) === JSON.stringify(expected), 'the fresh diagnostics');
    assert.ok(expected.some((l) => l.startsWith(`${control}:`) && l.includes("unknown SOC 2 id 'CC9.9'")));
  } finally {
    await changed.stop();
  }
});
