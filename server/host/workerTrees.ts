// Reads the catalogue's YAML (control files, policies' front matter) on a
// worker thread during a scan (see TreeReader in the core): on two cores, the
// YAML library's work overlaps with the rest of the scan on the main thread.
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TreeBatch, TreeReader } from '../core/engine/treeBatches.ts';
import type { EncodedTrees } from '../core/syntax/treeCodec.ts';
import type { FileKind } from '../core/model/facts.ts';
import { BATCH_DONE, BATCH_FREE, BATCH_MINE, type BatchRequest, type BatchReply } from './yamlWorkerProtocol.ts';

/**
 * Below this many control files, a scan reads them on one thread. On two
 * cores, the worker's share of the work is paid back only from about 4,000
 * files: while both threads run, each goes a fifth slower than alone.
 */
const MIN_CONTROL_FILES = 4000;

/**
 * Project options that read YAML on a worker thread for large catalogues.
 * CROSSWALK_WORKERS=0 keeps to one thread; CROSSWALK_WORKERS=1 uses the
 * worker whatever the catalogue's size.
 *
 * `early`: the worker is started now, for the first scan that asks for one, rather than when
 * it asks: starting a thread and loading its script takes 40-60 ms, which then overlaps with
 * loading the frameworks, listing the files and reading the first batch, instead of the main
 * thread reading those batches' YAML itself meanwhile. Unused (a small catalogue, or a scan
 * that parses nothing), it is stopped, and until it is handed out it does not keep the process alive.
 */
export function withWorkers(options: { early?: boolean } = {}): { treeReaders?: (controlFiles: number) => TreeReader | undefined } {
  const setting = process.env['CROSSWALK_WORKERS'];
  const script = nodePath.join(nodePath.dirname(fileURLToPath(import.meta.url)), 'yamlWorker.cjs');
  // From the sources (tests, scripts) there is no bundled worker script.
  if (setting === '0' || !existsSync(script)) return {};
  const min = setting === '1' ? 1 : MIN_CONTROL_FILES;
  let spare = options.early ? new WorkerTreeReader(script, { held: false }) : undefined;
  return {
    treeReaders: (controlFiles) => {
      const early = spare;
      spare = undefined;
      if (controlFiles < min) {
        early?.close();
        return undefined;
      }
      early?.hold();
      return early ?? new WorkerTreeReader(script);
    },
  };
}

/** Readers backed by the worker script at `script` (the bundled one, or another in tests). */
export function treeReadersFrom(script: string): () => TreeReader {
  return () => new WorkerTreeReader(script);
}

class WorkerTreeReader implements TreeReader {
  private readonly worker: Worker;
  private next = 0;
  private readonly waiting = new Map<number, (e: EncodedTrees | undefined) => void>();
  private failed = false;

  constructor(script: string, { held = true }: { held?: boolean } = {}) {
    // A small young generation: the worker's garbage (the parser's tokens) dies young, and memory is the server's to keep.
    this.worker = new Worker(script, { resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    if (!held) this.worker.unref();
    this.worker.on('message', ({ id, enc }: BatchReply) => {
      this.waiting.get(id)?.(enc);
      this.waiting.delete(id);
    });
    // Unanswered batches are then read on the main thread.
    this.worker.on('error', () => this.fail());
    this.worker.on('exit', () => this.fail());
  }

  read(texts: string[], kind: FileKind): TreeBatch {
    // The claim on the batch, shared with the worker: whoever moves it from FREE first reads it.
    const state = new Int32Array(new SharedArrayBuffer(4));
    const id = this.next++;
    const trees = new Promise<EncodedTrees | undefined>((resolve) => {
      if (this.failed) return resolve(undefined);
      this.waiting.set(id, resolve);
      const request: BatchRequest = { id, texts, kind, state };
      this.worker.postMessage(request);
    });
    return {
      trees,
      done: () => Atomics.load(state, 0) === BATCH_DONE,
      takeBack: () => Atomics.compareExchange(state, 0, BATCH_FREE, BATCH_MINE) === BATCH_FREE,
    };
  }

  /** From now on the worker keeps the process alive, as a scan waits for its answers. */
  hold(): void {
    this.worker.ref();
  }

  close(): void {
    void this.worker.terminate();
  }

  private fail(): void {
    this.failed = true;
    for (const resolve of this.waiting.values()) resolve(undefined);
    this.waiting.clear();
  }
}
