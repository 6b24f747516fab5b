// The two kinds of rule. A file rule looks at one file's facts; a workspace
// rule groups files by keys (an entity id, a requirement id) and looks at one
// group at a time, so an edit re-checks only the groups it touches.
import type { Finding, Fix, Range, Severity } from '../types.ts';
import type { FileFacts, Entity, EntityKind, EntityRef, Field, IdRef } from '../model/facts.ts';
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
  /** The severity of its findings, but for the kinds `otherSeverities` names. */
  severity: Severity;
  /** Kinds of finding reported at another severity than the rule's, by name; docs/rules.md says which. */
  otherSeverities?: Readonly<Record<string, Severity>>;
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

/** An entity that maps a requirement; `inText`, where its policy's text declares the mapping, when no field of it does. */
export interface Mapper extends Located<Entity> {
  inText?: IdRef;
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
  /** Entities that map a requirement (directly, by its canonical id), by a field or in their text. */
  mappers(framework: string, id: string): Mapper[];
  /** Rows of Statement of Applicability tables in policies' text that exclude an Annex A control, in path order. */
  exclusionsInText(id: string): Located<IdRef>[];
  /** Every policy that has a title (narratives and procedures read as policies included), in path order. */
  titledDocuments(): readonly Located<Field>[];
  /** The document nouns (lower case: policy, procedure, standard, plan, narrative) that some title ends in. */
  titleEndings(): ReadonlySet<string>;
  /** Whether the repository has a file or folder at this path, catalogue or not (what links may point to). */
  exists(path: string): boolean;
  /** Paths of the repository's files with this file name (`access.md`). */
  pathsNamed(name: string): Iterable<string>;
}

export interface WorkspaceRule extends RuleInfo {
  scope: 'workspace';
  /** Its messages suggest existing entity ids, so they change when ids come or go. */
  suggestsIds?: boolean;
  /** Its findings depend on which policy titles exist anywhere: re-checked (those with findings) when a title comes or goes. */
  readsTitles?: boolean;
  /** Its keys are repository paths: the group of a path is re-checked when a file at that path appears or goes. */
  keysArePaths?: boolean;
  /** Groups of fewer files than this cannot have findings, and are not checked (default 1: a group no file is in has none). */
  minMembers?: number;
  /** The groups a file takes part in. */
  keys(file: FileFacts, ctx: RuleContext): Iterable<string>;
  /**
   * Everything `check` reads of this member for this key, as one string (ranges
   * included). When an edited file stays in a group and this is unchanged, the
   * group is not re-checked for it: an edit to one of 5,000 members costs that
   * member, not the group. Only for rules whose findings depend on nothing else
   * of the member; without it, every edit re-checks every group of the file.
   */
  reads?(file: FileFacts, key: string, ctx: RuleContext): string;
  /** Findings for one group (`members`: the files that yielded the key); may land in any file. */
  check(key: string, index: WorkspaceIndex, ctx: RuleContext, members: FileFacts[]): Finding[];
  /** A rule with `reads` whose groups can be brought up to date from the members that changed alone (see GroupUpdate). */
  incremental?: IncrementalCheck;
}

/**
 * A group's re-check from its changed members: `check` is the whole check, with the working it
 * keeps (`memo`, the rule's own); `update` starts from that memo and the members that joined, left
 * (undefined facts) or changed what `reads` returns, in path order, and re-checks only the files
 * those can affect. It returns undefined when it cannot (the group must be checked whole).
 */
export interface IncrementalCheck {
  check(key: string, index: WorkspaceIndex, ctx: RuleContext, members: FileFacts[]): { findings: Finding[]; memo: unknown };
  update(key: string, index: WorkspaceIndex, ctx: RuleContext, changed: ReadonlyMap<string, FileFacts | undefined>, memo: unknown): GroupUpdate | undefined;
}

export interface GroupUpdate {
  /** Every file whose findings in the group may have changed; the others keep theirs. */
  paths: ReadonlySet<string>;
  /** All of those files' findings in the group (none elsewhere). */
  findings: Finding[];
  memo: unknown;
}

/** Findings that come from reading a file rather than from a rule's check. */
export interface ParseRule extends RuleInfo {
  scope: 'parse';
}

export type Rule = FileRule | WorkspaceRule | ParseRule;

/** Makes a rule's findings with the code and severity its declaration gives, so neither is written twice. */
export interface FindingMaker<K extends string> {
  (path: string, range: Range, message: string, fixes?: Fix[]): Finding;
  /** A finding of one of the kinds the rule declares in `otherSeverities`. */
  as(kind: K, path: string, range: Range, message: string, fixes?: Fix[]): Finding;
}

interface Declaration<K extends string> extends RuleInfo {
  otherSeverities?: Readonly<Record<K, Severity>>;
}

export interface FileRuleDeclaration<K extends string> extends Declaration<K> {
  check(file: FileFacts, ctx: RuleContext, finding: FindingMaker<K>): Finding[];
}

export interface WorkspaceRuleDeclaration<K extends string> extends Declaration<K>, Pick<WorkspaceRule, 'suggestsIds' | 'readsTitles' | 'keysArePaths' | 'minMembers' | 'keys' | 'reads'> {
  check(key: string, index: WorkspaceIndex, ctx: RuleContext, members: FileFacts[], finding: FindingMaker<K>): Finding[];
  incremental?: {
    check(key: string, index: WorkspaceIndex, ctx: RuleContext, members: FileFacts[], finding: FindingMaker<K>): { findings: Finding[]; memo: unknown };
    update(key: string, index: WorkspaceIndex, ctx: RuleContext, changed: ReadonlyMap<string, FileFacts | undefined>, memo: unknown, finding: FindingMaker<K>): GroupUpdate | undefined;
  };
}

export function fileRule<K extends string = never>({ check, ...info }: FileRuleDeclaration<K>): FileRule {
  const finding = findingMaker(info);
  return { ...info, scope: 'file', check: (file, ctx) => check(file, ctx, finding) };
}

export function workspaceRule<K extends string = never>({ check, incremental, ...info }: WorkspaceRuleDeclaration<K>): WorkspaceRule {
  const finding = findingMaker(info);
  const rule: WorkspaceRule = { ...info, scope: 'workspace', check: (key, index, ctx, members) => check(key, index, ctx, members, finding) };
  if (incremental) {
    rule.incremental = {
      check: (key, index, ctx, members) => incremental.check(key, index, ctx, members, finding),
      update: (key, index, ctx, changed, memo) => incremental.update(key, index, ctx, changed, memo, finding),
    };
  }
  return rule;
}

function findingMaker<K extends string>(info: Declaration<K>): FindingMaker<K> {
  const make = (severity: Severity, path: string, range: Range, message: string, fixes?: Fix[]): Finding => {
    const f: Finding = { rule: info.code, severity, path, range, message };
    if (fixes && fixes.length > 0) f.fixes = fixes;
    return f;
  };
  const finding = (path: string, range: Range, message: string, fixes?: Fix[]): Finding => make(info.severity, path, range, message, fixes);
  finding.as = (kind: K, path: string, range: Range, message: string, fixes?: Fix[]): Finding => make(info.otherSeverities![kind], path, range, message, fixes);
  return finding;
}
