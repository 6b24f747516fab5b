// The plain-YAML trees of a batch of texts as numbers, so another thread can
// read control files while this one reads policies: an Int32Array (moved, not
// copied, between threads), a Float64Array for numbers, and strings only for
// scalars whose text is not a slice of the source (escapes, folded lines).
// Offsets refer to the text the tree was read from, which the receiver has.
import type { YMap, YNode, YPair, YScalar, YSeq } from './yamlNodes.ts';

export interface EncodedTrees {
  /** Per text, where its tree starts in `ints`; -1 where the text is to be read by the receiver. */
  offsets: Int32Array;
  /** Per text, where its numbers start in `nums` and its strings in `strs`. */
  numOffsets: Int32Array;
  strOffsets: Int32Array;
  ints: Int32Array;
  nums: Float64Array;
  strs: string[];
}

const SCALAR = 0;
const MAP = 1;
const SEQ = 2;
const ALIAS = 3;
const NO_NODE = -1;
const FLOW = 1 << 2;
const QUOTED = 1 << 3;
const TEXT_IS_SLICE = 1 << 4;
/** Scalar values: the text itself, null, true, false, or a number. */
const VALUE_SHIFT = 5;
const AS_TEXT = 0;
const AS_NULL = 1;
const AS_TRUE = 2;
const AS_FALSE = 3;
const AS_NUMBER = 4;

/** Thrown inside the encoder for a value it has no code for: that text is then read by the receiver. */
const UNCODABLE = new Error('uncodable value');

/**
 * Encodes the tree of each source, the text its offsets refer to (undefined,
 * or no tree: the receiver reads that file itself). One at a time, as
 * `treeOf` reads it: a tree is garbage before the next is read.
 */
export function encodeTrees(sources: ReadonlyArray<string | undefined>, treeOf: (source: string, index: number) => YNode | undefined): EncodedTrees {
  const ints: number[] = [];
  const nums: number[] = [];
  const strs: string[] = [];
  const offsets = new Int32Array(sources.length);
  const numOffsets = new Int32Array(sources.length);
  const strOffsets = new Int32Array(sources.length);
  sources.forEach((source, i) => {
    const tree = source === undefined ? undefined : treeOf(source, i);
    offsets[i] = -1;
    numOffsets[i] = nums.length;
    strOffsets[i] = strs.length;
    if (tree === undefined) return;
    const at = ints.length;
    try {
      encode(tree, source!, ints, nums, strs);
      offsets[i] = at;
    } catch (e) {
      if (e !== UNCODABLE) throw e;
      ints.length = at;
      nums.length = numOffsets[i]!;
      strs.length = strOffsets[i]!;
    }
  });
  return { offsets, numOffsets, strOffsets, ints: Int32Array.from(ints), nums: Float64Array.from(nums), strs };
}

function encode(node: YNode | null, source: string, ints: number[], nums: number[], strs: string[]): void {
  if (node === null) {
    ints.push(NO_NODE);
    return;
  }
  switch (node.kind) {
    case 'scalar': {
      let tag = SCALAR | (node.quoted ? QUOTED : 0);
      const v = node.value;
      let value: number;
      if (v === node.text) value = AS_TEXT;
      else if (v === null) value = AS_NULL;
      else if (v === true) value = AS_TRUE;
      else if (v === false) value = AS_FALSE;
      else if (typeof v === 'number') {
        value = AS_NUMBER;
        nums.push(v);
      } else throw UNCODABLE;
      if (node.text === source.slice(node.start, node.end)) tag |= TEXT_IS_SLICE;
      else strs.push(node.text);
      ints.push(tag | (value << VALUE_SHIFT), node.start, node.end);
      return;
    }
    case 'map':
      ints.push(MAP | (node.flow ? FLOW : 0), node.start, node.end, node.pairs.length);
      for (const p of node.pairs) {
        encode(p.key, source, ints, nums, strs);
        encode(p.value, source, ints, nums, strs);
      }
      return;
    case 'seq':
      ints.push(SEQ | (node.flow ? FLOW : 0), node.start, node.end, node.items.length);
      for (const item of node.items) encode(item, source, ints, nums, strs);
      return;
    case 'alias':
      ints.push(ALIAS, node.start, node.end);
  }
}

/** Reads the trees of a batch back, one text at a time. */
export class TreeDecoder {
  private at = 0;
  private num = 0;
  private str = 0;
  private source = '';

  constructor(private readonly enc: EncodedTrees) {}

  /** The tree of the i-th text (`source` is that text), or undefined when it is to be read here. */
  tree(i: number, source: string): YNode | undefined {
    const start = this.enc.offsets[i]!;
    if (start === -1) return undefined;
    this.at = start;
    this.num = this.enc.numOffsets[i]!;
    this.str = this.enc.strOffsets[i]!;
    this.source = source;
    return this.node()!;
  }

  private node(): YNode | null {
    const ints = this.enc.ints;
    const tag = ints[this.at++]!;
    if (tag === NO_NODE) return null;
    const start = ints[this.at++]!;
    const end = ints[this.at++]!;
    switch (tag & 3) {
      case SCALAR: {
        const text = tag & TEXT_IS_SLICE ? this.source.slice(start, end) : this.enc.strs[this.str++]!;
        const kind = tag >> VALUE_SHIFT;
        const value = kind === AS_TEXT ? text : kind === AS_NULL ? null : kind === AS_TRUE ? true : kind === AS_FALSE ? false : this.enc.nums[this.num++]!;
        const s: YScalar = { kind: 'scalar', start, end, value, text, quoted: (tag & QUOTED) !== 0 };
        return s;
      }
      case MAP: {
        const pairs: YPair[] = new Array<YPair>(ints[this.at++]!);
        for (let k = 0; k < pairs.length; k++) {
          const key = this.node();
          pairs[k] = { key, value: this.node() };
        }
        const m: YMap = { kind: 'map', start, end, pairs, flow: (tag & FLOW) !== 0 };
        return m;
      }
      case SEQ: {
        const items: YNode[] = new Array<YNode>(ints[this.at++]!);
        for (let k = 0; k < items.length; k++) items[k] = this.node()!;
        const s: YSeq = { kind: 'seq', start, end, items, flow: (tag & FLOW) !== 0 };
        return s;
      }
      default:
        return { kind: 'alias', start, end };
    }
  }
}
