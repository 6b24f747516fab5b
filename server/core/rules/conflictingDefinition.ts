import type { Finding } from '../types.ts';
import type { Definition, FileFacts } from '../model/facts.ts';
import { workspaceRule, type FindingMaker, type GroupUpdate, type RuleContext, type WorkspaceIndex } from './rule.ts';
import { MAX_NAMED, MAX_RELATED } from './util.ts';
import { itemsWithKey } from './groupedBy.ts';

/** Distinct wordings of one term each wording is compared with. */
const MAX_WORDINGS = 64;
/** Terms defined in more files than this keep their wordings, to be updated from the files that changed. */
const KEPT_FROM = 32;

interface Located {
  path: string;
  d: Definition;
  /** Its place in its file's definitions of the term. */
  at: number;
}

/** Document order: by path, then in the file. */
function inOrder(a: Located, b: Located): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : a.at - b.at;
}

const keyOf = (d: Definition): string => d.key;

const STOP = new Set([
  'a',
  'an',
  'the',
  'of',
  'or',
  'and',
  'to',
  'in',
  'on',
  'for',
  'by',
  'any',
  'all',
  'that',
  'which',
  'is',
  'are',
  'be',
  'as',
  'with',
  'its',
  'it',
  'such',
  'this',
  'these',
  'other',
  'means',
]);

function tokens(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/[^a-z0-9\s]+/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 1 && !STOP.has(w))
      .map((w) => (w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w)),
  );
}

/** Same meaning in other words passes; a different meaning does not (compared on their tokens). */
function sameMeaning(x: Set<string>, y: Set<string>): boolean {
  if (x.size === 0 || y.size === 0) return true;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared) >= 0.5;
}

export const conflictingDefinition = workspaceRule({
  code: 'conflicting-definition',
  severity: 'warning',
  summary: 'The same term defined differently in two places.',
  *keys(file) {
    for (const d of file.definitions ?? []) yield d.key;
  },
  // Its definitions of the term (wording, range, owner): an edit elsewhere in the file re-checks no term.
  reads: (file, key) => JSON.stringify(itemsWithKey(file.definitions, key, keyOf)),
  check: (key, index, ctx, members, finding) => checkTerm(key, index, ctx, members, finding).findings,
  incremental: {
    check: checkTerm,
    update: (_key, _index, _ctx, changed, memo, finding) => (memo instanceof Wordings ? memo.update(changed, finding) : undefined),
  },
});

function checkTerm(key: string, _index: WorkspaceIndex, _ctx: RuleContext, members: FileFacts[], finding: FindingMaker<never>): { findings: Finding[]; memo: unknown } {
  const w = new Wordings(key);
  for (const file of members) w.add(file);
  w.judge(finding, undefined);
  // Most terms are defined in a few files, and checked whole for less than their memo would hold.
  return { findings: w.findingsOf(members.map((m) => m.path)), memo: members.length > KEPT_FROM ? w : undefined };
}

/**
 * A term's definitions grouped by wording, each wording compared once: a glossary pasted into
 * hundreds of policies is one text, not a pair per two copies. A definition's finding depends on its
 * wording's verdict alone (how many definitions differ, and the first of them), so after an edit
 * only the changed definitions, and the definitions of wordings whose verdict changed, are re-judged.
 */
class Wordings {
  /** Per wording, its definitions in document order. */
  private readonly byWording = new Map<string, Located[]>();
  private readonly byPath = new Map<string, Located[]>();
  private readonly words = new Map<string, Set<string>>();
  /** Per wording, its verdict as one string: the count of definitions that differ and the ones shown. */
  private readonly verdicts = new Map<string, string>();
  private readonly found = new Map<Located, Finding>();

  constructor(private readonly key: string) {}

  add(file: FileFacts): void {
    const mine = itemsWithKey(file.definitions, this.key, keyOf).map((d, at) => ({ path: file.path, d, at }));
    if (mine.length === 0) return;
    this.byPath.set(file.path, mine);
    for (const x of mine) {
      const same = this.byWording.get(x.d.definition);
      if (!same) {
        this.byWording.set(x.d.definition, [x]);
        this.words.set(x.d.definition, tokens(x.d.definition));
      } else if (inOrder(same[same.length - 1]!, x) < 0) same.push(x);
      else same.splice(firstAfter(same, x), 0, x);
    }
  }

  private remove(path: string): void {
    for (const x of this.byPath.get(path) ?? []) {
      this.found.delete(x);
      const same = this.byWording.get(x.d.definition)!;
      same.splice(same.indexOf(x), 1);
      if (same.length === 0) {
        this.byWording.delete(x.d.definition);
        this.words.delete(x.d.definition);
        this.verdicts.delete(x.d.definition);
      }
    }
    this.byPath.delete(path);
  }

  /**
   * Judges every wording; re-makes the findings of the definitions of those whose verdict changed, and
   * of the definitions in `fresh` (undefined: all). Returns the paths whose findings were re-made.
   */
  judge(finding: FindingMaker<never>, fresh: ReadonlySet<string> | undefined): Set<string> {
    const remade = new Set<string>();
    // Wordings in the order they first appear; each is compared with the first MAX_WORDINGS (all of them, unless
    // a term is worded in hundreds of ways).
    const wordings = [...this.byWording.keys()];
    if (fresh) wordings.sort((a, b) => inOrder(this.byWording.get(a)![0]!, this.byWording.get(b)![0]!));
    const reference = wordings.slice(0, MAX_WORDINGS);
    for (const w of wordings) {
      const differ = reference.filter((v) => !sameMeaning(this.words.get(w)!, this.words.get(v)!)).map((v) => this.byWording.get(v)!);
      const count = differ.reduce((n, g) => n + g.length, 0);
      // The first few in document order, from the groups' heads: never the whole list.
      const shown = differ
        .flatMap((g) => g.slice(0, MAX_RELATED))
        .sort(inOrder)
        .slice(0, MAX_RELATED);
      const verdict = `${count}\u0000${JSON.stringify(shown.map((y) => [y.path, y.d]))}`;
      const all = this.verdicts.get(w) !== verdict;
      this.verdicts.set(w, verdict);
      for (const x of this.byWording.get(w)!) {
        if (!all && fresh?.has(x.path) !== true) continue;
        remade.add(x.path);
        if (count === 0) this.found.delete(x);
        else this.found.set(x, findingFor(x, shown, count, finding));
      }
    }
    return remade;
  }

  /** The findings in these files, in document order. */
  findingsOf(paths: Iterable<string>): Finding[] {
    const out: Finding[] = [];
    for (const path of paths) {
      for (const x of this.byPath.get(path) ?? []) {
        const f = this.found.get(x);
        if (f) out.push(f);
      }
    }
    return out;
  }

  update(changed: ReadonlyMap<string, FileFacts | undefined>, finding: FindingMaker<never>): GroupUpdate {
    for (const path of changed.keys()) this.remove(path);
    for (const facts of changed.values()) if (facts) this.add(facts);
    const paths = this.judge(finding, new Set(changed.keys()));
    for (const path of changed.keys()) paths.add(path);
    return { paths, findings: this.findingsOf(paths), memo: this };
  }
}

/** Where `x` goes in a list in document order. */
function firstAfter(list: Located[], x: Located): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (inOrder(list[mid]!, x) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function findingFor(x: Located, shown: Located[], count: number, finding: FindingMaker<never>): Finding {
  const named = shown
    .slice(0, MAX_NAMED)
    .map((y) => `${y.path}:${y.d.range.start.line + 1}${y.d.owner ? ` (${y.d.owner})` : ''}`)
    .join(', ');
  const where = count > MAX_NAMED ? `${named} and ${count - MAX_NAMED} more` : named;
  const f = finding(
    x.path,
    x.d.range,
    `'${x.d.term}' is defined differently in ${where}: "${clip(x.d.definition)}" here, "${clip(shown[0]!.d.definition)}" there; keep one definition (a shared glossary) and refer to it`,
  );
  f.related = shown.map((y) => ({ path: y.path, range: y.d.range, message: `'${y.d.term}': ${clip(y.d.definition)}` }));
  return f;
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
