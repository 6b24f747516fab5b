// The analysed catalogue: facts per file, indexes across files, and findings
// kept up to date incrementally. A change to one file re-runs the file rules
// on it and only the workspace-rule groups whose keys it had or has.
import type { Finding } from '../types.ts';
import type { Entity, EntityKind, EntityRef, Field, FileFacts, IdRef } from '../model/facts.ts';
import type { FileRule, GroupUpdate, Located, Mapper, RuleContext, WorkspaceIndex, WorkspaceRule } from '../rules/rule.ts';
import { compareRanges } from '../text/lineIndex.ts';
import { editDistance, FoldedWords } from '../text/similarity.ts';
import { MAX_WORD, shortenLongWords } from '../text/longWords.ts';
import { capPerRule } from './findingCap.ts';

/** Lists under two keys (kind and id, framework and id), without building a joint key string for every lookup. */
class TwoLevel<T> {
  private readonly outer = new Map<string, Map<string, T[]>>();

  get(a: string, b: string): T[] | undefined {
    return this.outer.get(a)?.get(b);
  }
  has(a: string, b: string): boolean {
    return this.outer.get(a)?.has(b) ?? false;
  }
  /** Adds `value` to the list, unless `repeats` says the list's last value already stands for it. */
  push(a: string, b: string, value: T, repeats?: (last: T) => boolean): void {
    let inner = this.outer.get(a);
    if (!inner) this.outer.set(a, (inner = new Map()));
    const list = inner.get(b);
    if (!list) inner.set(b, [value]);
    else if (!repeats?.(list[list.length - 1]!)) list.push(value);
  }
  remove(a: string, b: string, pred: (v: T) => boolean): void {
    const inner = this.outer.get(a);
    const list = inner?.get(b);
    if (!inner || !list) return;
    const kept = list.filter((v) => !pred(v));
    if (kept.length > 0) inner.set(b, kept);
    else inner.delete(b);
  }
  keys(a: string): Iterable<string> {
    return this.outer.get(a)?.keys() ?? [];
  }
}

/** Files staged since the last commit: what they touched, and the groups to re-check. */
interface Pending {
  touched: Set<string>;
  dirty: Group[];
  /** The mark of this update (Group.mark). */
  mark: number;
  /** Entity ids that came or went. */
  changedIds: string[];
  /** A policy title came, went or changed. */
  titlesChanged: boolean;
  /** Paths where a file appeared or went. */
  changedPaths: string[];
}

/** Groups with more findings than this are read by file through Group.byPath. */
const FEW = 8;

/** The findings of every group that has none (most of them): one shared array, never changed. */
const NONE: Finding[] = [];

/** One reporting group of a workspace rule: the files that share a key, and what the rule found in them. */
interface Group {
  rule: number;
  key: string;
  members: string[];
  findings: Finding[];
  /** Its findings by file, built when first asked for in a group with many: each of 2,000 files must not read all 2,000. */
  byPath?: Map<string, Finding[]> | undefined;
  /** The update that last marked it for a re-check: a mark, not a set, as a cold scan marks tens of thousands. */
  mark: number;
  /** What the rule's last whole or partial check kept, for an update from the changed members (rules with `incremental`). */
  memo?: unknown;
  /** Since that check, the members that joined, left or changed what the rule reads; ALL when something else changed. */
  since?: Set<string> | typeof ALL | undefined;
}

/** Group.since when the group must be checked whole. */
const ALL = 'all';

export class Catalogue implements WorkspaceIndex {
  private readonly facts = new Map<string, FileFacts>();
  private readonly local = new Map<string, Finding[]>();
  /**
   * Per workspace rule, its groups by key. Most groups have one file, and there are tens of thousands. A rule that
   * needs two members for a finding (`minMembers`) keeps a key that one file alone has as that file's path, with no
   * group until a second file joins: most of the 64,000 MinHash bands of 2,000 policies never get one.
   */
  private readonly groups: Array<Map<string, Group | string>>;
  /** Per path, the keys it holds alone (see groups): rule index and key, in turn. */
  private readonly loneOf = new Map<string, Array<number | string>>();
  /** Per path, the groups it is a member of. */
  private readonly groupsOf = new Map<string, Group[]>();
  /** Per path, the groups that currently have findings in it. */
  private readonly groupsIn = new Map<string, Set<Group>>();
  /** Groups of rules whose messages suggest ids, that have findings. */
  private readonly suggesting = new Set<Group>();
  private readonly defs = new TwoLevel<Located<Entity>>();
  private readonly refs = new TwoLevel<Located<EntityRef>>();
  private readonly mapped = new TwoLevel<Mapper>();
  /** Statement of Applicability rows in policies' text that exclude a control, by its id. */
  private readonly excludedInText = new TwoLevel<Located<IdRef>>();
  /** Groups of rules that read titles, that have findings. */
  private readonly titleReaders = new Set<Group>();
  /** titledDocuments() and titleEndings(), dropped whenever a title comes, goes or changes. */
  private titled: Located<Field>[] | undefined;
  private endings: Set<string> | undefined;
  /** The document nouns titles end in when the title-reading groups were last checked. */
  private titleNouns = '';
  /** Every file of the repository (from its listing, and catalogue files since), catalogue or not. */
  private readonly present = new Set<string>();
  /** Folders of those files, with how many files each holds. */
  private readonly folders = new Map<string, number>();
  /** Those files by file name, for "did you mean" on a link to a moved file. */
  private readonly byName = new Map<string, Set<string>>();
  /** Groups of path-keyed rules that have findings. */
  private readonly pathReaders = new Set<Group>();
  /** entitySpellings per kind, dropped whenever an id comes or goes. */
  private readonly spellings = new Map<EntityKind, FoldedWords>();
  /** Counts updates, for Group.mark. */
  private updates = 0;
  private pending: Pending | undefined;

  constructor(
    private readonly ctx: RuleContext,
    private readonly fileRules: readonly FileRule[],
    private readonly workspaceRules: readonly WorkspaceRule[],
  ) {
    this.groups = workspaceRules.map(() => new Map());
  }

  // --- WorkspaceIndex -------------------------------------------------------
  files(): Iterable<FileFacts> {
    return this.facts.values();
  }
  file(path: string): FileFacts | undefined {
    return this.facts.get(path);
  }
  definitions(kind: EntityKind, id: string): Located<Entity>[] {
    return this.defs.get(kind, id) ?? [];
  }
  references(kind: EntityKind, id: string): Located<EntityRef>[] {
    return this.refs.get(kind, id) ?? [];
  }
  entityIds(kind: EntityKind): Iterable<string> {
    return this.defs.keys(kind);
  }
  entitySpellings(kind: EntityKind): FoldedWords {
    let words = this.spellings.get(kind);
    if (!words) this.spellings.set(kind, (words = new FoldedWords(this.defs.keys(kind))));
    return words;
  }
  mappers(framework: string, id: string): Mapper[] {
    return this.mapped.get(framework, id) ?? [];
  }
  exclusionsInText(id: string): Located<IdRef>[] {
    return this.excludedInText.get('iso27001', id) ?? [];
  }
  titledDocuments(): readonly Located<Field>[] {
    if (!this.titled) {
      const out: Located<Field>[] = [];
      // Only the paths of files with a titled policy are sorted: a sixth of the 12,000 of a large catalogue.
      const paths: string[] = [];
      for (const [path, facts] of this.facts) if (facts.entities.some((e) => e.kind === 'policy' && e.title)) paths.push(path);
      for (const path of paths.sort()) {
        for (const entity of this.facts.get(path)!.entities) if (entity.kind === 'policy' && entity.title) out.push({ path, entity, item: entity.title });
      }
      this.titled = out;
    }
    return this.titled;
  }
  titleEndings(): ReadonlySet<string> {
    return (this.endings ??= documentNouns(this.titledDocuments()));
  }
  exists(path: string): boolean {
    return this.present.has(path) || this.folders.has(path);
  }
  /** A file (not a folder) at this path. */
  hasFile(path: string): boolean {
    return this.present.has(path);
  }
  pathsNamed(name: string): Iterable<string> {
    return this.byName.get(name) ?? [];
  }

  /**
   * Which files exist in the repository besides the catalogue's (images, READMEs): links may point to
   * them. `present: false` notes a file gone. Takes effect at the next commit.
   */
  notePaths(paths: Iterable<string>, present = true): void {
    const p = (this.pending ??= this.newPending());
    for (const path of paths) if (this.setPresent(path, present)) p.changedPaths.push(path);
  }

  /** Notes a file as there or not; true when that is news. */
  private setPresent(path: string, present: boolean): boolean {
    if (this.present.has(path) === present) return false;
    const name = path.slice(path.lastIndexOf('/') + 1);
    if (present) {
      this.present.add(path);
      let named = this.byName.get(name);
      if (!named) this.byName.set(name, (named = new Set()));
      named.add(path);
    } else {
      this.present.delete(path);
      const named = this.byName.get(name);
      named?.delete(path);
      if (named?.size === 0) this.byName.delete(name);
    }
    for (let at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1)) {
      const folder = path.slice(0, at);
      const n = (this.folders.get(folder) ?? 0) + (present ? 1 : -1);
      if (n > 0) this.folders.set(folder, n);
      else this.folders.delete(folder);
    }
    return true;
  }

  private newPending(): Pending {
    return { touched: new Set(), dirty: [], mark: ++this.updates, changedIds: [], titlesChanged: false, changedPaths: [] };
  }

  // --- updates --------------------------------------------------------------

  /**
   * Replaces (or with `undefined`, removes) the facts of some files and
   * brings every finding up to date. Returns the paths whose findings may
   * have changed.
   */
  update(changes: ReadonlyArray<{ path: string; facts: FileFacts | undefined }>): Set<string> {
    this.stage(changes);
    return this.commit();
  }

  /**
   * Replaces the facts of some files (file rules, indexes, group membership)
   * without re-checking the groups they touch: commit() does that once for
   * everything staged. A scan stages files while the other thread reads YAML,
   * so that work overlaps it. Until commit, cross-file findings are stale.
   */
  stage(changes: ReadonlyArray<{ path: string; facts: FileFacts | undefined }>): void {
    const p = (this.pending ??= this.newPending());
    for (const { path, facts } of changes) {
      p.touched.add(path);
      const old = this.facts.get(path);
      // Groups whose rule says what it reads of a member: re-checked only if the file leaves them or that changes.
      let kept: Map<Group, string> | undefined;
      if (this.setPresent(path, facts !== undefined)) p.changedPaths.push(path);
      if (!p.titlesChanged && titlesOf(old) !== titlesOf(facts)) p.titlesChanged = true;
      if (old) {
        this.unindex(old, p.changedIds);
        for (const g of this.groupsOf.get(path) ?? []) {
          const reads = facts && this.workspaceRules[g.rule]!.reads;
          if (reads) (kept ??= new Map()).set(g, reads(old, g.key, this.ctx));
          else this.markDirty(p, g, path);
          const at = g.members.indexOf(path);
          if (at !== -1) g.members.splice(at, 1);
        }
        this.groupsOf.delete(path);
        const alone = this.loneOf.get(path);
        for (let j = 0; alone && j < alone.length; j += 2) {
          const byKey = this.groups[alone[j] as number]!;
          if (byKey.get(alone[j + 1] as string) === path) byKey.delete(alone[j + 1] as string);
        }
        this.loneOf.delete(path);
      }
      if (facts) {
        this.facts.set(path, facts);
        this.index(facts, p.changedIds);
        const mine: Group[] = [];
        let myLone: Array<number | string> | undefined;
        for (let i = 0; i < this.workspaceRules.length; i++) {
          const byKey = this.groups[i]!;
          const pairs = (this.workspaceRules[i]!.minMembers ?? 1) >= 2;
          for (const key of this.workspaceRules[i]!.keys(facts, this.ctx)) {
            let g = byKey.get(key);
            if (g === undefined && pairs) {
              // Alone with the key, the file can have no finding in it: a group comes with a second file.
              byKey.set(key, path);
              (myLone ??= []).push(i, key);
              continue;
            }
            if (typeof g === 'string') {
              if (g === path) continue;
              const first = g;
              this.leaveLone(first, i, key);
              byKey.set(key, (g = { rule: i, key, members: [first, path], findings: NONE, byPath: undefined, mark: 0, memo: undefined, since: undefined }));
              this.groupsOf.get(first)!.push(g);
            } else if (!g) byKey.set(key, (g = { rule: i, key, members: [path], findings: NONE, byPath: undefined, mark: 0, memo: undefined, since: undefined }));
            // A file joins a group once, however many times the rule names the key. It has left every group
            // above, so it joined this one already exactly when it is the last member (no search of `mine`).
            else if (g.members[g.members.length - 1] === path) continue;
            else g.members.push(path);
            mine.push(g);
            const before = kept?.get(g);
            if (before === undefined || before !== this.workspaceRules[i]!.reads!(facts, key, this.ctx)) this.markDirty(p, g, path);
            kept?.delete(g);
          }
        }
        for (const g of kept?.keys() ?? []) this.markDirty(p, g, path);
        this.groupsOf.set(path, mine.slice()); // at its size: push leaves room for 16 more
        if (myLone) this.loneOf.set(path, myLone);
        this.local.set(path, this.checkFile(facts));
      } else {
        this.facts.delete(path);
        this.local.delete(path);
      }
    }
  }

  /** The file no longer holds `key` of rule `rule` alone: a second file joined it. */
  private leaveLone(path: string, rule: number, key: string): void {
    const alone = this.loneOf.get(path)!;
    for (let j = 0; j < alone.length; j += 2) {
      if (alone[j] === rule && alone[j + 1] === key) {
        alone.splice(j, 2);
        return;
      }
    }
  }

  /** Re-checks the groups everything staged since the last commit touched; returns the paths whose findings may have changed. */
  commit(): Set<string> {
    const p = this.pending;
    this.pending = undefined;
    if (!p) return new Set();
    if (p.changedIds.length > 0) {
      this.spellings.clear();
      this.refreshSuggestions(p.changedIds, (g) => this.markDirty(p, g));
    }
    if (p.titlesChanged) {
      this.titled = undefined;
      this.endings = undefined;
      this.refreshTitleReaders((g) => this.markDirty(p, g));
    }
    if (p.changedPaths.length > 0) this.refreshPathReaders(p.changedPaths, (g) => this.markDirty(p, g));
    for (const g of p.dirty) this.recheckGroup(g, p.touched);
    return p.touched;
  }

  /** Marks a group for a re-check; `member`: because that member joined, left or changed (else: check it whole). */
  private markDirty(p: Pending, g: Group, member?: string): void {
    if (g.mark !== p.mark) {
      g.mark = p.mark;
      p.dirty.push(g);
      // Only a group with a memo can be updated from its changed members: the others need no list.
      g.since = member === undefined || g.memo === undefined ? ALL : new Set([member]);
    } else if (member === undefined) g.since = ALL;
    else if (g.since !== ALL) g.since?.add(member);
  }

  /**
   * "Did you mean" suggestions depend on which ids exist: when ids come or go,
   * re-check the reporting groups of suggesting rules whose id is close to one
   * of them (not all of them: that would make an edit cost the whole repo).
   */
  private refreshSuggestions(changedIds: string[], markDirty: (g: Group) => void): void {
    if (this.suggesting.size === 0) return;
    const changed = changedIds.map((c) => c.toLowerCase());
    for (const g of this.suggesting) {
      // Keys of suggesting rules are "<kind>\0<id>".
      const id = g.key.slice(g.key.indexOf('\u0000') + 1).toLowerCase();
      // Any kind: a control named like the policy changes the message too.
      if (changed.some((c) => editDistance(c, id, 3) <= 3)) markDirty(g);
    }
  }

  /**
   * A title came or went: re-check the groups of title-reading rules that have findings (their
   * suggestions, or the title now exists). When the document nouns titles end in changed (the first
   * Narrative is read), every group of those rules: a citation of that kind is only checked once
   * documents of its kind exist.
   */
  private refreshTitleReaders(markDirty: (g: Group) => void): void {
    const nouns = [...this.titleEndings()].sort().join(' ');
    if (nouns !== this.titleNouns) {
      this.titleNouns = nouns;
      this.workspaceRules.forEach((rule, i) => {
        if (rule.readsTitles) for (const g of this.groups[i]!.values()) if (typeof g !== 'string') markDirty(g);
      });
      return;
    }
    for (const g of this.titleReaders) markDirty(g);
  }

  /**
   * Files came or went: re-check the group of each such path (the links to it), and the groups with
   * findings that link to a file of the same name elsewhere (their suggestions).
   */
  private refreshPathReaders(paths: string[], markDirty: (g: Group) => void): void {
    // A template (`x.md.tmpl`) also stands for the file it renders to (`x.md`), which templates link to.
    const changed = paths.flatMap((p) => (p.endsWith('.tmpl') ? [p, p.slice(0, -'.tmpl'.length)] : [p]));
    this.workspaceRules.forEach((rule, i) => {
      if (!rule.keysArePaths) return;
      for (const path of changed) {
        const g = this.groups[i]!.get(path);
        if (g && typeof g !== 'string') markDirty(g);
      }
    });
    if (this.pathReaders.size === 0) return;
    const names = new Set(changed.map((c) => c.slice(c.lastIndexOf('/') + 1)));
    for (const g of this.pathReaders) if (names.has(g.key.slice(g.key.lastIndexOf('/') + 1))) markDirty(g);
  }

  private checkFile(facts: FileFacts): Finding[] {
    const out = facts.findings.slice();
    // Entities read only for their id (the file has a syntax error) have no fields to check.
    // Nor do a mapping file's entities, which only add mappings to documents defined elsewhere.
    const checked = facts.entities.some((e) => e.partial || e.mappingOnly) ? { ...facts, entities: facts.entities.filter((e) => !e.partial && !e.mappingOnly) } : facts;
    // One at a time, not push(...): a rule can find hundreds of thousands of things in one file.
    for (const rule of this.fileRules) for (const f of rule.check(checked, this.ctx)) out.push(f);
    return shortened(capPerRule(out));
  }

  private recheckGroup(g: Group, touched: Set<string>): void {
    const rule = this.workspaceRules[g.rule]!;
    const since = g.since;
    g.since = undefined;
    const before = g.findings;
    let after: Finding[];
    const partial = since instanceof Set && g.members.length >= (rule.minMembers ?? 1) ? this.updateGroup(g, rule, since) : undefined;
    if (partial) {
      // Only the files the update re-checked can change; the rest keep their finding objects untouched.
      after = mergeUpdate(before, partial.paths, shortened(capPerRule(partial.findings)), touched);
      g.memo = partial.memo;
    } else {
      const paths = g.members.length > 1 ? [...g.members].sort() : g.members;
      let checked: Finding[] = NONE;
      g.memo = undefined;
      if (paths.length >= (rule.minMembers ?? 1)) {
        const members = paths.map((p) => this.facts.get(p)!);
        if (rule.incremental) {
          const whole = rule.incremental.check(g.key, this, this.ctx, members);
          checked = whole.findings;
          g.memo = whole.memo;
        } else checked = rule.check(g.key, this, this.ctx, members);
        checked = shortened(capPerRule(checked));
      }
      // Only the files whose findings in this group changed are touched (and so re-published); the others keep
      // their finding objects, so a re-checked group of 2,000 re-sends what changed, not 2,000 files.
      after = before.length === 0 ? checked : keepUnchanged(before, checked, touched);
      if (before.length === 0) for (const f of checked) touched.add(f.path);
    }
    for (const f of before) this.groupsIn.get(f.path)?.delete(g);
    g.findings = after.length > 0 ? after : NONE;
    g.byPath = undefined;
    for (const f of after) {
      let set = this.groupsIn.get(f.path);
      if (!set) this.groupsIn.set(f.path, (set = new Set()));
      set.add(g);
    }
    if (rule.suggestsIds) {
      if (after.length > 0) this.suggesting.add(g);
      else this.suggesting.delete(g);
    }
    if (rule.readsTitles) {
      if (after.length > 0) this.titleReaders.add(g);
      else this.titleReaders.delete(g);
    }
    if (rule.keysArePaths) {
      if (after.length > 0) this.pathReaders.add(g);
      else this.pathReaders.delete(g);
    }
    const byKey = this.groups[g.rule]!;
    if (g.members.length === 0 && after.length === 0 && byKey.get(g.key) === g) byKey.delete(g.key);
  }

  /** The rule's update of a group from the members in `since` (their current facts, undefined for those that left). */
  private updateGroup(g: Group, rule: WorkspaceRule, since: Set<string>): GroupUpdate | undefined {
    // A quarter of the group or more changed (a branch switch): checking it whole costs no more.
    if (!rule.incremental || g.memo === undefined || since.size * 4 > g.members.length) return undefined;
    const inGroup = since.size > 8 ? new Set(g.members) : undefined;
    const changed = new Map<string, FileFacts | undefined>();
    for (const path of [...since].sort()) changed.set(path, (inGroup ? inGroup.has(path) : g.members.includes(path)) ? this.facts.get(path) : undefined);
    return rule.incremental.update(g.key, this, this.ctx, changed, g.memo);
  }

  /** Adds a file's entities to the indexes; notes ids that are new. */
  private index(facts: FileFacts, changedIds: string[]): void {
    for (const entity of facts.entities) {
      if (entity.id !== undefined && !entity.mappingOnly) {
        if (!this.defs.has(entity.kind, entity.id)) changedIds.push(entity.id);
        this.defs.push(entity.kind, entity.id, { path: facts.path, entity, item: entity });
      }
      for (const r of entity.refs) this.refs.push(r.kind, r.id, { path: facts.path, entity, item: r });
      // Once per entity: its requirements are added one after another, so one it already added is the list's last.
      forEachMapped(entity, (framework, id) => this.mapped.push(framework, id, { path: facts.path, entity, item: entity }, (last) => last.entity === entity), false);
    }
    forEachDeclared(facts, {
      mapped: (entity, ref, framework, id) => this.mapped.push(framework, id, { path: facts.path, entity, item: entity, inText: ref }),
      excluded: (entity, ref, id) => this.excludedInText.push('iso27001', id, { path: facts.path, entity, item: ref }),
    });
  }

  /** Removes a file's entities from the indexes; notes ids now gone. */
  private unindex(facts: FileFacts, changedIds: string[]): void {
    const mine = (v: Located<unknown>): boolean => v.path === facts.path;
    // Each list once per file, however often the file names its key: one removal takes all of the file's entries.
    const done = new Set<string>();
    const once = (list: string, a: string, b: string): boolean => {
      const k = `${list}\u0000${a}\u0000${b}`;
      if (done.has(k)) return false;
      done.add(k);
      return true;
    };
    for (const entity of facts.entities) {
      if (entity.id !== undefined && !entity.mappingOnly && once('d', entity.kind, entity.id)) {
        this.defs.remove(entity.kind, entity.id, mine);
        if (!this.defs.has(entity.kind, entity.id)) changedIds.push(entity.id);
      }
      for (const r of entity.refs) if (once('r', r.kind, r.id)) this.refs.remove(r.kind, r.id, mine);
      forEachMapped(entity, (framework, id) => {
        if (once('m', framework, id)) this.mapped.remove(framework, id, mine);
      });
    }
    forEachDeclared(facts, {
      mapped: (_entity, _ref, framework, id) => {
        if (once('m', framework, id)) this.mapped.remove(framework, id, mine);
      },
      excluded: (_entity, _ref, id) => {
        if (once('x', 'iso27001', id)) this.excludedInText.remove('iso27001', id, mine);
      },
    });
  }

  // --- results --------------------------------------------------------------

  paths(): string[] {
    return [...this.facts.keys()].sort();
  }

  /** Findings in one file, with severity overrides applied, in document order. */
  findings(path: string): Finding[] {
    const out: Finding[] = [...(this.local.get(path) ?? [])];
    for (const g of this.groupsIn.get(path) ?? []) {
      if (g.findings.length <= FEW) {
        for (const f of g.findings) if (f.path === path) out.push(f);
        continue;
      }
      g.byPath ??= byPath(g.findings);
      for (const f of g.byPath.get(path) ?? []) out.push(f);
    }
    // Bounded once more across groups: one file can name a hundred thousand unresolved ids, one group each.
    return this.adjust(capPerRule(out));
  }

  /**
   * A file's own findings (reading and file rules), with severity overrides applied, in document order:
   * known once it is staged, while the workspace rules' wait for the commit. A file without workspace-rule
   * findings has these as its findings.
   */
  localFindings(path: string): Finding[] {
    return this.adjust(this.local.get(path) ?? NONE);
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

/**
 * A group's findings after a partial re-check of the files in `paths` (`fresh`: all of theirs): the
 * others' are kept as they are, and each re-checked file's old ones where they are the same; adds to
 * `touched` the files whose findings in the group changed.
 */
function mergeUpdate(before: Finding[], paths: ReadonlySet<string>, fresh: Finding[], touched: Set<string>): Finding[] {
  const out: Finding[] = [];
  const old = new Map<string, Finding[]>();
  for (const f of before) {
    if (!paths.has(f.path)) out.push(f);
    else {
      const list = old.get(f.path);
      if (list) list.push(f);
      else old.set(f.path, [f]);
    }
  }
  const now = byPath(fresh);
  for (const path of paths) {
    const was = old.get(path) ?? NONE;
    const list = now.get(path) ?? NONE;
    const same = sameValue(was, list);
    if (!same) touched.add(path);
    for (const f of same ? was : list) out.push(f);
  }
  return out;
}

/**
 * A group's new findings, with each file's old ones kept where they are the
 * same; adds to `touched` the files whose findings in the group changed.
 */
function keepUnchanged(before: Finding[], after: Finding[], touched: Set<string>): Finding[] {
  const old = byPath(before);
  const now = byPath(after);
  const out: Finding[] = [];
  for (const [path, list] of now) {
    const was = old.get(path);
    const same = was !== undefined && sameValue(was, list);
    if (!same) touched.add(path);
    for (const f of same ? was : list) out.push(f);
  }
  for (const path of old.keys()) if (!now.has(path)) touched.add(path);
  return out;
}

function byPath(list: Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of list) {
    const same = out.get(f.path);
    if (same) same.push(f);
    else out.set(f.path, [f]);
  }
  return out;
}

/** Structural equality of findings (plain data: objects, arrays, strings, numbers, booleans); the same objects answer at once. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Findings with over-long words in their messages shortened: once here, for every rule. */
function shortened(findings: Finding[]): Finding[] {
  for (const f of findings) {
    if (f.message.length > MAX_WORD) f.message = shortenLongWords(f.message);
    for (const r of f.related ?? []) if (r.message.length > MAX_WORD) r.message = shortenLongWords(r.message);
  }
  return findings;
}

/** A file's policy titles, to notice a title that came, went or changed. */
function titlesOf(facts: FileFacts | undefined): string {
  let out = '';
  for (const e of facts?.entities ?? []) if (e.kind === 'policy' && e.title) out += `${e.title.text}\u0000`;
  return out;
}

/** The document nouns (policy, plan, ...) that titles end in. */
function documentNouns(titled: readonly Located<Field>[]): Set<string> {
  const nouns = new Set<string>();
  for (const t of titled) {
    const m = /\b(policy|procedure|standard|plan|narrative)\W*$/i.exec(t.item.text);
    if (m) nouns.add(m[1]!.toLowerCase());
  }
  return nouns;
}

/**
 * What a policy's text declares: each requirement it maps there and no field of it maps (once), and each
 * Annex A control a Statement of Applicability row of it excludes. Valid ids only: a 2013 id counts for
 * nothing until it is migrated, as in a field.
 */
function forEachDeclared(facts: FileFacts, on: { mapped: (entity: Entity, ref: IdRef, framework: string, id: string) => void; excluded: (entity: Entity, ref: IdRef, id: string) => void }): void {
  const entity = facts.kind === 'policy' ? facts.entities[0] : undefined;
  if (!entity || entity.partial) return;
  let seen: Set<string> | undefined;
  for (const r of facts.prose) {
    if ((r.declaredIn === undefined && r.excludedBecause === undefined) || r.resolution.kind !== 'valid') continue;
    const { framework, id } = r.resolution;
    if (r.excludedBecause !== undefined) {
      if (framework === 'iso27001' && id.startsWith('A.')) on.excluded(entity, r, id);
      continue;
    }
    if (!seen) {
      seen = new Set();
      forEachMapped(entity, (f, i) => seen!.add(`${f}\u0000${i}`));
    }
    const key = `${framework}\u0000${id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    on.mapped(entity, r, framework, id);
  }
}

/** Each requirement an entity maps validly: once, or with `once: false` as often as it is written (the caller skips repeats). */
function forEachMapped(entity: Entity, fn: (framework: string, id: string) => void, once = true): void {
  const seen = once ? new Set<string>() : undefined;
  const each = (framework: string, id: string): void => {
    if (seen) {
      const key = `${framework}\u0000${id}`;
      if (seen.has(key)) return;
      seen.add(key);
    }
    fn(framework, id);
  };
  for (const m of entity.mappings) {
    for (const r of m.ids) {
      if (r.resolution.kind === 'legacy' && m.successorsCount) {
        for (const s of r.resolution.successors) each(r.resolution.successorFramework, s);
        continue;
      }
      if (r.resolution.kind === 'valid') each(r.resolution.framework, r.resolution.id);
    }
  }
}
