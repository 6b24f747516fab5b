// Control files whose YAML another thread reads during a scan: they go out in
// batches, and come back as trees to finish here. The other thread takes the
// batches from the first on; this one takes back batches from the last while
// the next one it needs is not ready, so both finish at about the same time.
import { TreeDecoder, type EncodedTrees } from '../parse/treeCodec.ts';
import type { YNode } from '../parse/yamlTree.ts';
import { stripBom } from '../parse/text.ts';

/**
 * Gives the plain-YAML trees of texts (readPlainTree of each, encoded),
 * computed elsewhere. The host implements it with a worker thread: the core
 * itself never starts one.
 */
export interface TreeReader {
  /** Queues a batch of texts for the other thread, which takes them in order. */
  read(texts: string[]): TreeBatch;
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

/** Reads the rest of one file; `treeOf` gives its tree from its text without BOM, or undefined: parse it here. */
export type Finish = (path: string, text: string, treeOf: ((text: string) => YNode | undefined) | undefined) => void;

/** Control files sent to the other thread at a time: it starts on the first while the rest are read. */
const BATCH = 250;

interface Batch {
  paths: string[];
  texts: string[];
}

export class TreeBatches {
  private readonly sent: Array<Batch & { elsewhere: TreeBatch }> = [];
  private open: Batch = { paths: [], texts: [] };

  constructor(private readonly reader: TreeReader) {}

  /** Queues one file. */
  add(path: string, text: string): void {
    this.open.paths.push(path);
    this.open.texts.push(text);
    if (this.open.texts.length === BATCH) this.send();
  }

  /** Finishes every queued file, here or from the other thread's trees. */
  async finishAll(finish: Finish): Promise<void> {
    this.send();
    const read = (b: Batch, trees: EncodedTrees | undefined): void => {
      const decoder = trees && new TreeDecoder(trees);
      b.texts.forEach((text, k) => finish(b.paths[k]!, text, decoder && ((t) => decoder.tree(k, t))));
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
    }
  }

  private send(): void {
    if (this.open.texts.length === 0) return;
    this.sent.push({ ...this.open, elsewhere: this.reader.read(this.open.texts.map(stripBom)) });
    this.open = { paths: [], texts: [] };
  }
}
