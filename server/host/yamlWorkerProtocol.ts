// Messages between the main thread and the YAML worker (workerTrees.ts and
// yamlWorker.ts), and the states of a batch's shared claim.
import type { EncodedTrees } from '../core/syntax/treeCodec.ts';
import type { FileKind } from '../core/model/facts.ts';

export const BATCH_FREE = 0;
/** The worker is reading it. */
export const BATCH_TAKEN = 1;
/** The main thread took it back and reads it itself. */
export const BATCH_MINE = 2;
/** The worker has sent its trees. */
export const BATCH_DONE = 3;

export interface BatchRequest {
  id: number;
  texts: string[];
  kind: FileKind;
  /** One Int32 over a SharedArrayBuffer: the batch's state. */
  state: Int32Array;
}

export interface BatchReply {
  id: number;
  /** Undefined when the main thread took the batch back. */
  enc: EncodedTrees | undefined;
}
