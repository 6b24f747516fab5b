// The second thread of a scan: reads catalogue files' YAML (yamlOf: a control
// file, a policy's front matter) into plain trees (readPlainTree, as the core
// would on its own thread) and sends them back encoded. Anything it cannot
// read plainly is left to the core, which then parses that text itself,
// errors included.
import { parentPort } from 'node:worker_threads';
import { usePlainEnv } from './plainEnv.ts';
import { readPlainTree, type YNode } from '../core/syntax/yamlTree.ts';
import { encodeTrees } from '../core/syntax/treeCodec.ts';
import { yamlOf } from '../core/readers/yamlOf.ts';
import { BATCH_DONE, BATCH_FREE, BATCH_TAKEN, type BatchReply, type BatchRequest } from './yamlWorkerProtocol.ts';

usePlainEnv();

function treeOf(yaml: string): YNode | undefined {
  try {
    return readPlainTree(yaml);
  } catch {
    return undefined; // read again on the main thread, which reports what went wrong
  }
}

parentPort?.on('message', ({ id, texts, kind, state }: BatchRequest) => {
  if (Atomics.compareExchange(state, 0, BATCH_FREE, BATCH_TAKEN) !== BATCH_FREE) {
    const skipped: BatchReply = { id, enc: undefined };
    parentPort!.postMessage(skipped);
    return;
  }
  const enc = encodeTrees(
    texts.map((text) => yamlOf(kind, text)),
    treeOf,
  );
  const reply: BatchReply = { id, enc };
  // Moved, not copied (typed arrays made here own plain ArrayBuffers).
  parentPort!.postMessage(
    reply,
    [enc.offsets, enc.numOffsets, enc.strOffsets, enc.ints, enc.nums].map((a) => a.buffer as ArrayBuffer),
  );
  Atomics.store(state, 0, BATCH_DONE);
});
