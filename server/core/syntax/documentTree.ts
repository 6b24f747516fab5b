// The tree of a document composed by the `yaml` library: the reader for
// everything plainYaml.ts leaves alone (anchors, tags, pairs in flow lists, ...).
import { isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';
import type { YNode, YPair } from './yamlNodes.ts';

export function treeOfDocument(doc: Document.Parsed): YNode | null {
  return treeOf(doc.contents);
}

function treeOf(node: unknown): YNode | null {
  if (isScalar(node)) {
    const [start, end] = node.range ?? [0, 0];
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    // `source` is the text before the schema read it (absent on scalars made by tags such as !!binary).
    const text = !quoted && typeof node.source === 'string' ? node.source : String(node.value);
    return { kind: 'scalar', start, end, value: node.value, text, quoted };
  }
  if (isAlias(node)) {
    const [start, end] = node.range ?? [0, 0];
    return { kind: 'alias', start, end };
  }
  if (isMap(node)) {
    const [start, end] = node.range ?? [0, 0];
    const pairs: YPair[] = node.items.map((p) => ({ key: treeOf(p.key), value: treeOf(p.value) }));
    return { kind: 'map', start, end, pairs, flow: node.flow === true };
  }
  if (isSeq(node)) {
    const [start, end] = node.range ?? [0, 0];
    const items: YNode[] = [];
    for (const item of node.items) {
      const t = treeOf(item);
      if (t) items.push(t);
    }
    return { kind: 'seq', start, end, items, flow: node.flow === true };
  }
  return null;
}
