// Scanning with the catalogue's YAML read on a second thread: the encoded
// trees equal the trees, and whichever thread reads which batch (or fails),
// the findings equal those of a scan on one thread.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { readPlainTree } from '../server/core/syntax/yamlTree.ts';
import { encodeTrees, TreeDecoder } from '../server/core/syntax/treeCodec.ts';
import { yamlOf } from '../server/core/readers/yamlOf.ts';
import type { FileKind } from '../server/core/model/facts.ts';
import { Project } from '../server/core/engine/project.ts';
import type { TreeBatch, TreeReader } from '../server/core/engine/treeBatches.ts';
import { NodeFileSource } from '../server/host/nodeFiles.ts';
import { readBundled } from '../server/host/bundled.ts';
import { treeReadersFrom } from '../server/host/workerTrees.ts';
import { brief } from './helpers/memory.ts';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');
const WORKER = nodePath.resolve(import.meta.dirname, '../dist/yamlWorker.cjs');

function roundTrips(texts: string[]): number {
  const trees = texts.map((t) => readPlainTree(t));
  const enc = encodeTrees(texts, (_, i) => trees[i]);
  const decoder = new TreeDecoder(enc);
  // Backwards: each text decodes on its own.
  for (let i = texts.length - 1; i >= 0; i--) assert.deepEqual(decoder.tree(i, texts[i]!), trees[i], JSON.stringify(texts[i]));
  return trees.filter((t) => t !== undefined).length;
}

test('encoded trees decode to the same trees: examples, frameworks, every scalar kind', () => {
  const files = ['examples', 'frameworks'].flatMap((d) =>
    readdirSync(d, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => readFileSync(nodePath.join(d, f), 'utf8')),
  );
  const kinds = [
    'a: 5.10\nb: 0x1F\nc: true\nd: ~\ne: null\nf:\ng: .inf\nh: -.inf\ni: .nan\nj: 1e3\nk: 0o17\nl: false\n',
    "q: \"esc\\taped \\u00e9\"\ns: 'it''s'\nm: plain\n  folded\nb: |\n  block\n  text\nf: >-\n  folded\n  block\n",
    'flow: {a: [1, "x", {b: ~}], c: []}\nseq:\n  - - nested\n  -\n',
    'not: [plain\n', // read on the receiving thread: no tree
  ];
  assert.equal(roundTrips([...files, ...kinds]), files.length + kinds.length - 1);
});

test('encoded trees decode to the same trees: generated documents', () => {
  const lines = [
    'id: AC-01',
    'title: "Access: review"',
    'n: 12',
    'f: 1.50',
    'b: yes',
    'z: ~',
    'mappings:',
    '  soc2: [CC6.1, 2]',
    '  iso: {a: 1}',
    'evidence:',
    '  - id: E',
    '  - text',
    'd: |',
    '  x',
    'p: a',
    '  b',
    '# c',
    '',
  ];
  fc.assert(
    fc.property(
      fc.array(
        fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 12 }).map((l) => l.join('\n') + '\n'),
        { minLength: 1, maxLength: 5 },
      ),
      (texts) => {
        roundTrips(texts);
      },
    ),
    { numRuns: 1500, seed: 7 },
  );
});

let root: string;
let expected: string[];

before(async () => {
  root = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-parallel-'));
  spawnSync(process.execPath, ['scripts/bench/generate.mjs', root, '40', '460'], { stdio: 'ignore' });
  // A broken control file and one with conflict markers: read on this thread, whatever the batch.
  writeFileSync(nodePath.join(root, 'controls/zz-broken.yaml'), 'id: C-BROKEN\ntitle: [unclosed\n');
  writeFileSync(nodePath.join(root, 'controls/zz-conflict.yaml'), 'id: C-X\n<<<<<<< HEAD\n');
  // A byte order mark and CRLF line ends: the trees' offsets are into the text without the mark.
  writeFileSync(nodePath.join(root, 'policies/zz-bom.md'), '\ufeff---\r\nid: POL-BOM\r\ntitle: "Marked \\u00e9"\r\nsatisfies: {soc2: [CC9.9]}\r\n---\r\n# Marked\r\n\r\nSee CC9.8.\r\n');
  writeFileSync(nodePath.join(root, 'controls/zz-bom.yaml'), '\ufeffid: C-BOM\r\ntitle: "Marked \\u00e9"\r\nmappings: {soc2: [CC9.9]}\r\n');
  expected = brief(await scan());
  assert.ok(expected.length > 20, `the generated catalogue has findings to compare: ${expected.length}`);
});

after(() => rmSync(root, { recursive: true, force: true }));

async function scan(treeReaders?: () => TreeReader): Promise<Project> {
  const p = await Project.load(new NodeFileSource(root), readBundled(), { today: '2026-11-24', ...(treeReaders ? { treeReaders } : {}) });
  await p.scan();
  return p;
}

/** A reader on this thread: whether the "other thread" has started or finished each batch, and whether its answer is lost. */
function fakeReaders(how: (i: number) => { started?: boolean; done: boolean; fails?: boolean }, log: string[]): () => TreeReader {
  return () => {
    let n = 0;
    return {
      read(texts: string[], kind: FileKind): TreeBatch {
        const i = n++;
        const { started, done, fails } = how(i);
        let taken = false;
        return {
          trees: Promise.resolve(
            fails || taken
              ? undefined
              : encodeTrees(
                  texts.map((t) => yamlOf(kind, t)),
                  (t) => readPlainTree(t),
                ),
          ),
          done: () => done,
          takeBack: () => {
            if (done || started) return false;
            log.push(`took back ${i}`);
            taken = true;
            return true;
          },
        };
      },
      close: () => log.push('closed'),
    };
  };
}

test('whichever thread reads each batch, the findings are the same', async () => {
  const log: string[] = [];
  // Every batch ready: none taken back.
  assert.deepEqual(brief(await scan(fakeReaders(() => ({ done: true }), log))), expected);
  assert.deepEqual(log, ['closed']);
  // None ready, the first started: this thread takes back the last one, and waits for the first.
  log.length = 0;
  assert.deepEqual(brief(await scan(fakeReaders((i) => ({ started: i === 0, done: false }), log))), expected);
  assert.deepEqual(log, ['took back 2', 'took back 1', 'closed']); // batches: two of control files, one of policies
  // Answers lost (the worker died): those batches are read here.
  log.length = 0;
  assert.deepEqual(brief(await scan(fakeReaders((i) => ({ done: true, fails: i === 0 }), log))), expected);
});

test('with the real worker, and with a worker that fails at start, the findings are the same', async () => {
  assert.deepEqual(brief(await scan(treeReadersFrom(WORKER))), expected);
  const failing = nodePath.join(root, 'failing-worker.cjs');
  writeFileSync(failing, "throw new Error('no worker today');\n");
  assert.deepEqual(brief(await scan(treeReadersFrom(failing))), expected);
});

test('crosswalk check prints the same report with the worker and on one thread', () => {
  const run = (env: Record<string, string>): string =>
    spawnSync(process.execPath, [CLI, 'check', root, '--format', 'json', '--today', '2026-11-24'], { encoding: 'utf8', env: { ...process.env, ...env } }).stdout;
  const withWorker = run({ CROSSWALK_WORKERS: '1' }); // the worker, though the catalogue is small
  assert.ok(withWorker.length > 1000);
  assert.equal(withWorker, run({ CROSSWALK_WORKERS: '0' }));
});
