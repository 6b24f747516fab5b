// The facts cache: a warm scan equals a cold one (facts, findings, hovers,
// coverage) on the example catalogue and a generated one; an edited file is
// read again; and a cache that is damaged, cut short, from another version, a
// link, a folder or in a folder that cannot be written is said once and not
// trusted. The encoding itself round-trips every kind of value facts hold.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { spawnSync } from 'node:child_process';
import { Project } from '../server/core/engine/project.ts';
import type { FactsCacheOpener } from '../server/core/engine/factsCache.ts';
import { NodeFileSource } from '../server/host/nodeFiles.ts';
import { readBundled } from '../server/host/bundled.ts';
import { CACHE_FILE, CACHE_FORMAT, FactsCacheDir } from '../server/host/factsCacheDir.ts';
import { FactsDecoder, FactsEncoder, Unencodable } from '../server/host/factsCodec.ts';
import { SNAPSHOT_FILE } from '../server/host/findingsSnapshotFile.ts';
import { targetAt } from '../server/core/queries/target.ts';
import { hoverText } from '../server/core/queries/hover.ts';
import { computeCoverage } from '../server/core/queries/coverage.ts';
import { LspClient } from './helpers/lspClient.ts';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');
let tmp: string;
let acme: string;
let generated: string;

before(() => {
  tmp = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-cache-'));
  acme = nodePath.join(tmp, 'acme');
  cpSync('examples/acme', acme, { recursive: true });
  generated = nodePath.join(tmp, 'generated');
  spawnSync(process.execPath, ['scripts/bench/generate.mjs', generated, '40', '300'], { stdio: 'ignore' });
});

after(() => rmSync(tmp, { recursive: true, force: true }));

/** Counts what a scan found in the cache and what it parsed. */
interface Counts {
  hits: number;
  misses: number;
}

function counting(opener: FactsCacheOpener, counts: Counts): FactsCacheOpener {
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

async function scan(root: string, cache?: FactsCacheDir, counts: Counts = { hits: 0, misses: 0 }): Promise<Project> {
  const p = await Project.load(new NodeFileSource(root), readBundled(), { today: '2026-11-24', ...(cache ? { factsCache: counting(cache.opener, counts) } : {}) });
  await p.scan();
  return p;
}

/** Everything rules and queries see: each file's facts, the findings, a hover at every id, mapping and reference, the coverage. */
function observed(p: Project): unknown {
  const paths = p.catalogue.paths().sort();
  const hovers: string[] = [];
  for (const path of paths) {
    const file = p.catalogue.file(path)!;
    const places = [
      ...file.entities.flatMap((e) => [e.idRange, ...(e.title ? [e.title.range] : []), ...e.refs.map((r) => r.range), ...e.mappings.flatMap((m) => [m.keyRange, ...m.ids.map((i) => i.range)])]),
      ...file.prose.map((r) => r.range),
      ...(file.citations ?? []).map((c) => c.range),
      ...(file.links ?? []).map((l) => l.range),
    ];
    for (const r of places) {
      const target = targetAt(file, r.start);
      hovers.push(`${path}:${r.start.line}:${r.start.character} ${target ? (hoverText(p, target) ?? '(none)') : '(no target)'}`);
    }
  }
  return { facts: paths.map((path) => p.catalogue.file(path)), findings: p.allFindings(), hovers, coverage: computeCoverage(p) };
}

function quietDir(dir: string, logs: string[] = [], extra: { version?: string } = {}): FactsCacheDir {
  return new FactsCacheDir(dir, { log: (m) => logs.push(m), ...extra });
}

for (const [name, root] of [
  ['the example catalogue', () => acme],
  ['a generated catalogue', () => generated],
] as const) {
  test(`a warm scan of ${name} sees what a cold scan sees, and parses nothing`, async () => {
    const cold = observed(await scan(root()));
    const dir = nodePath.join(tmp, `cache-${name.replaceAll(' ', '-')}`);
    const logs: string[] = [];
    const cache = quietDir(dir, logs);
    const first: Counts = { hits: 0, misses: 0 };
    assert.deepStrictEqual(observed(await scan(root(), cache, first)), cold);
    assert.equal(first.hits, 0);
    assert.ok(first.misses > 10, `${first.misses} files read`);
    await cache.save();
    assert.ok(statSync(nodePath.join(dir, CACHE_FILE)).isFile());
    const warm: Counts = { hits: 0, misses: 0 };
    assert.deepStrictEqual(observed(await scan(root(), cache, warm)), cold);
    assert.deepEqual(warm, { hits: first.misses, misses: 0 });
    assert.deepEqual(logs, []);
    assert.deepEqual(readdirSync(dir), [CACHE_FILE]); // no temporary file left
  });
}

test('an edited file is read again, and the others come from the cache', async () => {
  const root = nodePath.join(tmp, 'edited');
  cpSync(acme, root, { recursive: true });
  const cache = quietDir(nodePath.join(tmp, 'cache-edited'));
  const first: Counts = { hits: 0, misses: 0 };
  await scan(root, cache, first);
  await cache.save();
  const control = readdirSync(nodePath.join(root, 'controls')).find((f) => f.endsWith('.yaml'))!;
  const file = nodePath.join(root, 'controls', control);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/soc2: \[/, 'soc2: [CC99.1, '));
  const warm: Counts = { hits: 0, misses: 0 };
  const seen = observed(await scan(root, cache, warm));
  assert.deepEqual(warm, { hits: first.misses - 1, misses: 1 });
  assert.deepStrictEqual(seen, observed(await scan(root)));
  assert.ok(JSON.stringify(seen).includes('CC99.1'));
  // The edited file's new facts are written; its old ones stay until the cap needs the room.
  await cache.save();
  const again: Counts = { hits: 0, misses: 0 };
  await scan(root, cache, again);
  assert.deepEqual(again, { hits: first.misses, misses: 0 });
});

test('a change to crosswalk.yaml reads every file again', async () => {
  const root = nodePath.join(tmp, 'configured');
  cpSync(acme, root, { recursive: true });
  const cache = quietDir(nodePath.join(tmp, 'cache-configured'));
  const first: Counts = { hits: 0, misses: 0 };
  await scan(root, cache, first);
  await cache.save();
  const config = nodePath.join(root, 'crosswalk.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('controls: ["controls/**/*.yaml"]', 'controls: ["controls/**/*.yaml", "controls/**/*.yml"]'));
  const warm: Counts = { hits: 0, misses: 0 };
  assert.deepStrictEqual(observed(await scan(root, cache, warm)), observed(await scan(root)));
  assert.equal(warm.hits, 0);
});

/** A cache for the example catalogue, written once: each case below spoils a copy of it. */
async function writtenCache(name: string, version?: string): Promise<string> {
  const dir = nodePath.join(tmp, name);
  const cache = quietDir(dir, [], version ? { version } : {});
  await scan(acme, cache);
  await cache.save();
  return dir;
}

/** Scans the example with the cache in `dir`: the logs, what it found, and whether the result equals a cold scan. */
async function scanWith(dir: string): Promise<{ logs: string[]; counts: Counts }> {
  const logs: string[] = [];
  const counts: Counts = { hits: 0, misses: 0 };
  const cache = quietDir(dir, logs);
  assert.deepStrictEqual(observed(await scan(acme, cache, counts)), observed(await scan(acme)));
  await cache.save();
  return { logs, counts };
}

/** After a spoilt cache was rewritten, the next scan finds every file. */
async function rebuilt(dir: string): Promise<void> {
  const { logs, counts } = await scanWith(dir);
  assert.deepEqual(logs, []);
  assert.equal(counts.misses, 0);
  assert.ok(counts.hits > 10);
}

test('a cache with damaged bytes is said once, not used, and written anew', async () => {
  const dir = await writtenCache('cache-damaged');
  const file = nodePath.join(dir, CACHE_FILE);
  const bytes = readFileSync(file);
  bytes[Math.floor(bytes.length / 2)]! ^= 0x20;
  writeFileSync(file, bytes);
  const { logs, counts } = await scanWith(dir);
  assert.deepEqual(logs, [`crosswalk: the facts cache ${file} is damaged or cut short (its checksum does not match): it is not used; every file is read again, and the cache written anew`]);
  assert.equal(counts.hits, 0);
  await rebuilt(dir);
});

test('a cache cut short, or that is not a cache at all, is said once and written anew', async () => {
  const dir = await writtenCache('cache-cut');
  const file = nodePath.join(dir, CACHE_FILE);
  truncateSync(file, Math.floor(statSync(file).size / 3));
  assert.deepEqual((await scanWith(dir)).logs, [
    `crosswalk: the facts cache ${file} is damaged or cut short (its checksum does not match): it is not used; every file is read again, and the cache written anew`,
  ]);
  await rebuilt(dir);
  writeFileSync(file, 'id: not a cache\n');
  assert.deepEqual((await scanWith(dir)).logs, [`crosswalk: the facts cache ${file} is not a Crosswalk facts cache: it is not used; every file is read again, and the cache written anew`]);
  await rebuilt(dir);
  writeFileSync(file, '');
  assert.deepEqual((await scanWith(dir)).logs, [`crosswalk: the facts cache ${file} is not a Crosswalk facts cache: it is not used; every file is read again, and the cache written anew`]);
  await rebuilt(dir);
});

test('a cache from another version is said once and written anew', async () => {
  const dir = await writtenCache('cache-version', '0.0.1');
  const file = nodePath.join(dir, CACHE_FILE);
  const { logs, counts } = await scanWith(dir);
  assert.deepEqual(logs, [
    `crosswalk: the facts cache ${file} was written by another version of Crosswalk or of its frameworks (0.0.1, format ${CACHE_FORMAT}): it is not used; every file is read again, and the cache written anew`,
  ]);
  assert.equal(counts.hits, 0);
  await rebuilt(dir);
});

test('a cache file that is a symbolic link is not followed, and is replaced by a file', async () => {
  const good = await writtenCache('cache-link-target');
  const dir = nodePath.join(tmp, 'cache-link');
  mkdirSync(dir);
  const target = nodePath.join(good, CACHE_FILE);
  const before = readFileSync(target);
  const file = nodePath.join(dir, CACHE_FILE);
  symlinkSync(target, file);
  const { logs, counts } = await scanWith(dir);
  assert.deepEqual(logs, [`crosswalk: the facts cache ${file} is a symbolic link: it is not followed; every file is read again, and the link replaced by the cache`]);
  assert.equal(counts.hits, 0);
  assert.ok(lstatSync(file).isFile());
  assert.ok(readFileSync(target).equals(before)); // the link's target is untouched
  await rebuilt(dir);
});

test('a cache file that is a folder is neither read nor written', async () => {
  const dir = nodePath.join(tmp, 'cache-folder');
  const file = nodePath.join(dir, CACHE_FILE);
  mkdirSync(file, { recursive: true });
  writeFileSync(nodePath.join(file, 'keep.txt'), 'mine\n');
  const expected = [`crosswalk: the facts cache ${file} is a folder, not a file: it is neither read nor written; remove it to have files cached`];
  assert.deepEqual((await scanWith(dir)).logs, expected);
  assert.deepEqual(readdirSync(file), ['keep.txt']);
  assert.deepEqual(readdirSync(dir), [CACHE_FILE]);
  assert.deepEqual((await scanWith(dir)).logs, expected);
});

test('a cache folder that cannot be written is said once; the results are the same', async () => {
  // Below a regular file: no user, root included, can create the folder.
  const blocker = nodePath.join(tmp, 'a-file');
  writeFileSync(blocker, 'x');
  const dir = nodePath.join(blocker, 'cache');
  const { logs, counts } = await scanWith(dir);
  assert.deepEqual(logs, [`crosswalk: cannot write the facts cache in ${dir} (ENOTDIR): the next start reads every file again`]);
  assert.equal(counts.hits, 0);
  assert.equal(readFileSync(blocker, 'utf8'), 'x');
});

test('the cache keeps to its cap: this scan first, then the newest others', async () => {
  const dir = nodePath.join(tmp, 'cache-capped');
  const small = new FactsCacheDir(dir, { log: () => undefined, capMiB: 0.05 });
  const first: Counts = { hits: 0, misses: 0 };
  await scan(generated, small, first);
  await small.save();
  assert.ok(statSync(nodePath.join(dir, CACHE_FILE)).size < 0.05 * 1048576 * 1.2);
  const warm: Counts = { hits: 0, misses: 0 };
  assert.deepStrictEqual(observed(await scan(generated, small, warm)), observed(await scan(generated)));
  assert.ok(warm.hits > 0 && warm.misses > 0, JSON.stringify(warm));
});

test('the encoding round-trips every kind of value facts hold, and refuses what it cannot', () => {
  const enc = new FactsEncoder();
  const values = [
    { a: undefined, b: null, c: true, d: false, e: 0, f: -1, g: 2 ** 31, h: -0, i: 1.5, j: NaN, k: Infinity, l: 'text \u00e9 \ud800', m: [] },
    { start: { line: 0, character: 0 }, end: { line: 200, character: 300 } },
    { end: { line: 1, character: 2 }, start: { line: 0, character: 0 } }, // another key order: kept
    { line: 3, character: 4, extra: 1 },
    [[1, [2, [3]]], { nested: { deeper: ['x', 'x'] } }],
  ];
  const spans = values.map((v) => enc.encode(v));
  const parts = enc.parts();
  const tokens = new Int32Array(parts.tokenCount);
  let at = 0;
  for (const c of parts.tokens) tokens.set(c, (at += c.length) - c.length);
  const dec = new FactsDecoder({ tokens, floats: parts.floats, strings: parts.strings, shapes: parts.shapes });
  values.forEach((v, i) => {
    const back = dec.decode(spans[i]!.start, spans[i]!.end);
    assert.deepStrictEqual(back, v);
    assert.deepEqual(Object.keys(back as object), Object.keys(v));
  });
  assert.ok(Object.is((dec.decode(spans[0]!.start, spans[0]!.end) as { h: number }).h, -0));
  for (const bad of [new Map(), { s: Symbol('x') }, { f: () => 1 }, { d: new Date(0) }, JSON.parse('{"__proto__": 1}') as unknown, { b: 1n }]) assert.throws(() => enc.encode(bad), Unencodable);
});

test('crosswalk check --cache prints the same report warm and cold, and says what is wrong with a cache on stderr', () => {
  const dir = nodePath.join(tmp, 'cache-cli');
  const run = (...extra: string[]): ReturnType<typeof spawnSync> => spawnSync(process.execPath, [CLI, 'check', acme, '--format', 'json', '--today', '2026-11-24', ...extra], { encoding: 'utf8' });
  const plain = run();
  const cold = run('--cache', dir);
  assert.ok(existsSync(nodePath.join(dir, CACHE_FILE)));
  const warm = run('--cache', dir);
  for (const r of [cold, warm]) {
    assert.equal(r.stdout, plain.stdout);
    assert.equal(r.stderr, plain.stderr);
    assert.equal(r.status, plain.status);
  }
  writeFileSync(nodePath.join(dir, CACHE_FILE), 'garbage');
  // Without the findings snapshot, which would give the report without reading facts.bin.
  rmSync(nodePath.join(dir, SNAPSHOT_FILE));
  const spoilt = run('--cache', dir);
  assert.equal(spoilt.stdout, plain.stdout);
  assert.equal(
    spoilt.stderr,
    `${plain.stderr}crosswalk: the facts cache ${nodePath.join(dir, CACHE_FILE)} is not a Crosswalk facts cache: it is not used; every file is read again, and the cache written anew\n`,
  );
  const coverage = spawnSync(process.execPath, [CLI, 'coverage', acme, '--cache', dir], { encoding: 'utf8' });
  assert.equal(coverage.stdout, spawnSync(process.execPath, [CLI, 'coverage', acme], { encoding: 'utf8' }).stdout);
  assert.equal(coverage.stderr, '');
});

test('the language server keeps a facts cache under initializationOptions.cacheDirectory', async () => {
  const storage = nodePath.join(tmp, 'storage');
  const runOnce = async (): Promise<{ diagnostics: string; logs: string[] }> => {
    const client = await LspClient.start(acme, {}, { initializationOptions: { cacheDirectory: storage } });
    try {
      await client.until(() => client.logs.some((l) => l.includes('analysed')), 'the first scan');
      const diagnostics = JSON.stringify([...client.diagnostics].sort(([a], [b]) => a.localeCompare(b)));
      // The cache is written after the diagnostics are out.
      const written = (): boolean =>
        existsSync(storage) && readdirSync(storage, { recursive: true, encoding: 'utf8' }).some((f) => f.endsWith(CACHE_FILE) && statSync(nodePath.join(storage, f)).size > 1000);
      await client.until(written, 'the cache to be written');
      return { diagnostics, logs: client.logs.filter((l) => l.includes('facts cache')) };
    } finally {
      await client.stop();
    }
  };
  const cold = await runOnce();
  const [folder] = readdirSync(storage);
  assert.match(folder!, /^folder-[0-9a-f]{16}$/);
  const before = statSync(nodePath.join(storage, folder!, CACHE_FILE)).mtimeMs;
  const warm = await runOnce();
  assert.equal(warm.diagnostics, cold.diagnostics);
  assert.ok(cold.diagnostics.length > 1000);
  assert.deepEqual([...cold.logs, ...warm.logs], []);
  // Nothing new was parsed: the cache was not written again.
  assert.equal(statSync(nodePath.join(storage, folder!, CACHE_FILE)).mtimeMs, before);
  // A damaged cache: one line in the server's log, the same diagnostics, and the cache written anew.
  const file = nodePath.join(storage, folder!, CACHE_FILE);
  writeFileSync(file, 'garbage');
  const spoilt = await runOnce();
  assert.equal(spoilt.diagnostics, cold.diagnostics);
  assert.deepEqual(spoilt.logs, [`4 crosswalk: the facts cache ${file} is not a Crosswalk facts cache: it is not used; every file is read again, and the cache written anew`]);
});

test('the bundles key their cache by the sources they were built from (another build of the same version is another version to the cache)', () => {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-build-key-'));
  try {
    const acme = nodePath.resolve(import.meta.dirname, '../examples/acme');
    spawnSync(process.execPath, [CLI, 'check', acme, '--cache', dir], { encoding: 'utf8' });
    const bytes = readFileSync(nodePath.join(dir, CACHE_FILE), 'latin1');
    const header = JSON.parse(bytes.slice(bytes.indexOf('{'), bytes.indexOf('}') + 1)) as { version: string };
    const pkg = JSON.parse(readFileSync(nodePath.resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string };
    assert.match(header.version, new RegExp(`^${pkg.version.replace(/\./g, '\\.')}\\+[0-9a-f]{16}$`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
