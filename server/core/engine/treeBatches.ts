// Files whose YAML another thread reads during a scan (control files, and
// policies' front matter): they go out in batches, and come back as trees to
// finish here. The other thread takes the
// batches from the first on; this one takes back batches from the last while
// the next one it needs is not ready, so both finish at about the same time.
import { TreeDecoder, type EncodedTrees } from '../syntax/treeCodec.ts';
import type { YNode } from '../syntax/yamlTree.ts';
import { stripBom } from '../syntax/text.ts';
import type { FileKind } from '../model/facts.ts';

/**
 * Gives the plain-YAML trees of texts (readPlainTree of each, encoded),
 * computed elsewhere. The host implements it with a worker thread: the core
 * itself never starts one.
 */
export interface TreeReader {
  /** Queues a batch of texts (without BOM) of one kind for the other thread, which takes them in order; it reads yamlOf(kind, text) of each. */
  read(texts: string[], kind: FileKind): TreeBatch;
  close(): void;
}

export interface TreeBatch {
  /** The trees; undefined when the batch was taken back, or the other thread failed. */
  trees: Promise<EncodedTrees | undefined>;
  /** Whether the other thread has finished it (without waiting for its answer). */
  done(): boolean;
  /** Takes the batch back unless the other thread has started it; then it is read here. */
  takeBack(): boolean;
}

/** Reads the rest of one file; `treeOf` gives the tree of its YAML (from yamlOf), or undefined: parse it here. */
export type Finish = (path: string, text: string, kind: FileKind, treeOf: ((yaml: string) => YNode | undefined) | undefined) => void;

/** Files sent to the other thread at a time: it starts on the first while the rest are read. */
const BATCH = 250;

interface Batch {
  kind: FileKind;
  paths: string[];
  texts: string[];
}

export class TreeBatches {
  private readonly sent: Array<Batch & { elsewhere: TreeBatch }> = [];
  /** The batch being filled, per kind. */
  private readonly open = new Map<FileKind, Batch>();

  constructor(private readonly reader: TreeReader) {}

  /** Queues one file. */
  add(path: string, text: string, kind: FileKind): void {
    let b = this.open.get(kind);
    if (!b) this.open.set(kind, (b = { kind, paths: [], texts: [] }));
    b.paths.push(path);
    b.texts.push(text);
    if (b.texts.length === BATCH) this.send(b);
  }

  /** Finishes every queued file, here or from the other thread's trees; waits for what `between` returns after each batch. */
  async finishAll(finish: Finish, between?: () => Promise<void> | undefined): Promise<void> {
    for (const b of [...this.open.values()]) this.send(b);
    const read = (b: Batch, trees: EncodedTrees | undefined): void => {
      const decoder = trees && new TreeDecoder(trees);
      b.texts.forEach((text, k) => finish(b.paths[k]!, text, b.kind, decoder && ((yaml) => decoder.tree(k, yaml))));
    };
    let lo = 0;
    let hi = this.sent.length - 1;
    while (lo <= hi) {
      if (!this.sent[lo]!.elsewhere.done() && this.sent[hi]!.elsewhere.takeBack()) read(this.sent[hi--]!, undefined);
      else {
        const b = this.sent[lo++]!;
        // If the other thread failed, the batch is read here.
        read(b, await b.elsewhere.trees.catch(() => undefined));
      }
      const wait = between?.();
      if (wait) await wait;
    }
  }

  private send(b: Batch): void {
    this.open.delete(b.kind);
    if (b.texts.length > 0) this.sent.push({ ...b, elsewhere: this.reader.read(b.texts.map(stripBom), b.kind) });
  }
}
