// The two kinds of rule. A file rule looks at one file's facts; a workspace
// rule groups files by keys (an entity id, a requirement id) and looks at one
// group at a time, so an edit re-checks only the groups it touches.
import type { Finding, Severity } from '../types.ts';
import type { FileFacts, Entity, EntityKind, EntityRef } from '../model/facts.ts';
import type { FrameworkRegistry } from '../knowledge/frameworks/registry.ts';
import type { Config } from '../knowledge/config/config.ts';
import type { FoldedWords } from '../text/similarity.ts';

export interface RuleContext {
  registry: FrameworkRegistry;
  config: Config;
  /** YYYY-MM-DD; injectable so results do not depend on the clock. */
  today: string;
}

interface RuleInfo {
  code: string;
  severity: Severity;
  /** One line for docs/rules.md, SARIF and hovers. */
  summary: string;
}

export interface FileRule extends RuleInfo {
  scope: 'file';
  check(file: FileFacts, ctx: RuleContext): Finding[];
}

export interface Located<T> {
  path: string;
  entity: Entity;
  item: T;
}

/** What workspace rules can ask about the whole catalogue. */
export interface WorkspaceIndex {
  files(): Iterable<FileFacts>;
  file(path: string): FileFacts | undefined;
  definitions(kind: EntityKind, id: string): Located<Entity>[];
  references(kind: EntityKind, id: string): Located<EntityRef>[];
  entityIds(kind: EntityKind): Iterable<string>;
  /** The same ids, ready for "did you mean" questions (built once per change of ids, not per question). */
  entitySpellings(kind: EntityKind): FoldedWords;
  /** Entities that map a requirement (directly, by its canonical id). */
  mappers(framework: string, id: string): Located<Entity>[];
}

export interface WorkspaceRule extends RuleInfo {
  scope: 'workspace';
  /** Its messages suggest existing entity ids, so they change when ids come or go. */
  suggestsIds?: boolean;
  /** Groups of fewer files than this cannot have findings, and are not checked (default 1: a group no file is in has none). */
  minMembers?: number;
  /** The groups a file takes part in. */
  keys(file: FileFacts, ctx: RuleContext): Iterable<string>;
  /** Findings for one group (`members`: the files that yielded the key); may land in any file. */
  check(key: string, index: WorkspaceIndex, ctx: RuleContext, members: FileFacts[]): Finding[];
}

/** Findings that come from reading a file rather than from a rule's check. */
export interface ParseRule extends RuleInfo {
  scope: 'parse';
}

export type Rule = FileRule | WorkspaceRule | ParseRule;
