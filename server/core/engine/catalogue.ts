// The analysed catalogue: facts per file, indexes across files, and findings
// kept up to date incrementally. A change to one file re-runs the file rules
// on it and only the workspace-rule groups whose keys it had or has.
import type { Finding } from '../types.ts';
import type { Entity, EntityKind, EntityRef, FileFacts } from '../parse/facts.ts';
import type { FileRule, Located, RuleContext, WorkspaceIndex, WorkspaceRule } from '../rules/rule.ts';
import { compareRanges } from '../text/lineIndex.ts';
import { editDistance } from '../text/similarity.ts';

type Key = string;

function push<T>(map: Map<Key, T[]>, key: Key, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function remove<T>(map: Map<Key, T[]>, key: Key, pred: (v: T) => boolean): void {
  const list = map.get(key);
  if (!list) return;
  const kept = list.filter((v) => !pred(v));
  if (kept.length === 0) map.delete(key);
  else map.set(key, kept);
}

export class Catalogue implements WorkspaceIndex {
  private readonly facts = new Map<string, FileFacts>();
  private readonly local = new Map<string, Finding[]>();
  private readonly keysOf = new Map<string, Key[]>();
  /** The reverse of keysOf: the files in each group (arrays: most groups have one file, and there are tens of thousands). */
  private readonly members = new Map<Key, string[]>();
  /** Group keys are the rule's index and the rule's own key. */
  private readonly keyPrefix: string[];
  private readonly groupFindings = new Map<Key, Finding[]>();
  /** Per path, the groups that currently have findings in it. */
  private readonly groupsIn = new Map<string, Set<Key>>();
  private readonly defs = new Map<Key, Located<Entity>[]>();
  private readonly refs = new Map<Key, Located<EntityRef>[]>();
  private readonly mapped = new Map<Key, Located<Entity>[]>();

  constructor(
    private readonly ctx: RuleContext,
    private readonly fileRules: readonly FileRule[],
    private readonly workspaceRules: readonly WorkspaceRule[],
  ) {
    this.keyPrefix = workspaceRules.map((_, i) => `${i}\u0001`);
  }

  // --- WorkspaceIndex -------------------------------------------------------
  files(): Iterable<FileFacts> {
    return this.facts.values();
  }
  file(path: string): FileFacts | undefined {
    return this.facts.get(path);
  }
  definitions(kind: EntityKind, id: string): Located<Entity>[] {
    return this.defs.get(`${kind}\u0000${id}`) ?? [];
  }
  references(kind: EntityKind, id: string): Located<EntityRef>[] {
    return this.refs.get(`${kind}\u0000${id}`) ?? [];
  }
  *entityIds(kind: EntityKind): Iterable<string> {
    const prefix = `${kind}\u0000`;
    for (const key of this.defs.keys()) if (key.startsWith(prefix)) yield key.slice(prefix.length);
  }
  mappers(framework: string, id: string): Located<Entity>[] {
    return this.mapped.get(`${framework}\u0000${id}`) ?? [];
  }

  // --- updates --------------------------------------------------------------

  /**
   * Replaces (or with `undefined`, removes) the facts of some files and
   * brings every finding up to date. Returns the paths whose findings may
   * have changed.
   */
  update(changes: ReadonlyArray<{ path: string; facts: FileFacts | undefined }>): Set<string> {
    const touched = new Set<string>();
    const dirty = new Set<Key>();
    const changedIds: Key[] = [];
    for (const { path, facts } of changes) {
      touched.add(path);
      const old = this.facts.get(path);
      if (old) {
        changedIds.push(...this.unindex(old));
        for (const k of this.keysOf.get(path) ?? []) {
          dirty.add(k);
          const list = this.members.get(k);
          const at = list ? list.indexOf(path) : -1;
          if (at === -1) continue;
          if (list!.length === 1) this.members.delete(k);
          else list!.splice(at, 1);
        }
      }
      if (facts) {
        this.facts.set(path, facts);
        changedIds.push(...this.index(facts));
        const keys = new Set<Key>();
        for (let i = 0; i < this.workspaceRules.length; i++) {
          const prefix = this.keyPrefix[i]!;
          for (const k of this.workspaceRules[i]!.keys(facts, this.ctx)) keys.add(prefix + k);
        }
        this.keysOf.set(path, [...keys]);
        for (const k of keys) {
          dirty.add(k);
          const list = this.members.get(k);
          if (list) list.push(path);
          else this.members.set(k, [path]);
        }
        this.local.set(path, this.checkFile(facts));
      } else {
        this.facts.delete(path);
        this.keysOf.delete(path);
        this.local.delete(path);
      }
    }
    if (changedIds.length > 0) this.refreshSuggestions(changedIds, dirty);
    for (const k of dirty) this.recheckGroup(k, touched);
    return touched;
  }

  /**
   * "Did you mean" suggestions depend on which ids exist: when ids come or go,
   * re-check the reporting groups of suggesting rules whose id is close to one
   * of them (not all of them: that would make an edit cost the whole repo).
   */
  private refreshSuggestions(changedIds: Key[], dirty: Set<Key>): void {
    for (const k of this.groupFindings.keys()) {
      const sep = k.indexOf('\u0001');
      if (!this.workspaceRules[Number(k.slice(0, sep))]!.suggestsIds) continue;
      const groupId = k.slice(sep + 1);
      const kind = groupId.slice(0, groupId.indexOf('\u0000'));
      const id = groupId.slice(kind.length + 1);
      for (const c of changedIds) {
        // Any kind: a control named like the policy changes the message too.
        if (editDistance(c.slice(c.indexOf('\u0000') + 1).toLowerCase(), id.toLowerCase(), 3) <= 3) {
          dirty.add(k);
          break;
        }
      }
    }
  }

  private checkFile(facts: FileFacts): Finding[] {
    const out = [...facts.findings];
    for (const rule of this.fileRules) out.push(...rule.check(facts, this.ctx));
    return out;
  }

  private recheckGroup(k: Key, touched: Set<string>): void {
    const sep = k.indexOf('\u0001');
    const rule = this.workspaceRules[Number(k.slice(0, sep))]!;
    const before = this.groupFindings.get(k) ?? [];
    const paths = this.members.get(k) ?? [];
    const members = (paths.length > 1 ? [...paths].sort() : paths).map((p) => this.facts.get(p)!);
    const after = rule.check(k.slice(sep + 1), this, this.ctx, members);
    for (const f of before) {
      touched.add(f.path);
      this.groupsIn.get(f.path)?.delete(k);
    }
    if (after.length === 0) this.groupFindings.delete(k);
    else this.groupFindings.set(k, after);
    for (const f of after) {
      touched.add(f.path);
      let set = this.groupsIn.get(f.path);
      if (!set) this.groupsIn.set(f.path, (set = new Set()));
      set.add(k);
    }
  }

  /** Adds a file's entities to the indexes; returns the entity keys that are new. */
  private index(facts: FileFacts): Key[] {
    const changed: Key[] = [];
    for (const entity of facts.entities) {
      if (entity.id !== undefined) {
        const key = `${entity.kind}\u0000${entity.id}`;
        if (!this.defs.has(key)) changed.push(key);
        push(this.defs, key, { path: facts.path, entity, item: entity });
      }
      for (const r of entity.refs) push(this.refs, `${r.kind}\u0000${r.id}`, { path: facts.path, entity, item: r });
      for (const key of mappedKeys(entity)) push(this.mapped, key, { path: facts.path, entity, item: entity });
    }
    return changed;
  }

  /** Removes a file's entities from the indexes; returns the entity keys now gone. */
  private unindex(facts: FileFacts): Key[] {
    const changed: Key[] = [];
    const mine = (v: Located<unknown>): boolean => v.path === facts.path;
    for (const entity of facts.entities) {
      if (entity.id !== undefined) {
        const key = `${entity.kind}\u0000${entity.id}`;
        remove(this.defs, key, mine);
        if (!this.defs.has(key)) changed.push(key);
      }
      for (const r of entity.refs) remove(this.refs, `${r.kind}\u0000${r.id}`, mine);
      for (const key of mappedKeys(entity)) remove(this.mapped, key, mine);
    }
    return changed;
  }

  // --- results --------------------------------------------------------------

  paths(): string[] {
    return [...this.facts.keys()].sort();
  }

  /** Findings in one file, with severity overrides applied, in document order. */
  findings(path: string): Finding[] {
    const out: Finding[] = [...(this.local.get(path) ?? [])];
    for (const k of this.groupsIn.get(path) ?? []) for (const f of this.groupFindings.get(k) ?? []) if (f.path === path) out.push(f);
    return this.adjust(out);
  }

  /** Every path that has findings, including ones not in the catalogue (crosswalk.yaml). */
  pathsWithFindings(): string[] {
    const paths = new Set<string>();
    for (const [p, list] of this.local) if (list.length > 0) paths.add(p);
    for (const [p, set] of this.groupsIn) if (set.size > 0) paths.add(p);
    return [...paths].sort();
  }

  allFindings(): Finding[] {
    return this.pathsWithFindings().flatMap((p) => this.findings(p));
  }

  private adjust(findings: Finding[]): Finding[] {
    const sev = this.ctx.config.severities;
    const out: Finding[] = [];
    for (const f of findings) {
      const s = sev[f.rule];
      if (s === 'off') continue;
      out.push(s === undefined || s === f.severity ? f : { ...f, severity: s });
    }
    return out.sort((a, b) => compareRanges(a.range, b.range) || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message));
  }
}

function mappedKeys(entity: Entity): Set<Key> {
  const keys = new Set<Key>();
  for (const m of entity.mappings) for (const r of m.ids) if (r.resolution.kind === 'valid') keys.add(`${r.resolution.framework}\u0000${r.resolution.id}`);
  return keys;
}
