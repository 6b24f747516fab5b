// The tree both YAML readers build (plainYaml.ts and documentTree.ts) and
// everything downstream walks: nodes with their source offsets, nothing else.

export interface Span {
  start: number;
  end: number;
}

export interface YScalar extends Span {
  kind: 'scalar';
  /** As YAML's core schema reads it: a string, number, boolean, null, or for explicit tags whatever the tag makes. */
  value: unknown;
  /** The text as written, quotes and escapes resolved; meaningful when value is not null. */
  text: string;
  quoted: boolean;
}

export interface YPair {
  key: YNode | null;
  value: YNode | null;
}

export interface YMap extends Span {
  kind: 'map';
  pairs: YPair[];
  flow: boolean;
}

export interface YSeq extends Span {
  kind: 'seq';
  items: YNode[];
  flow: boolean;
}

export interface YAlias extends Span {
  kind: 'alias';
}

export type YNode = YScalar | YMap | YSeq | YAlias;
