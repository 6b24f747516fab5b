import type { Entity, FileFacts } from '../model/facts.ts';
import type { Finding } from '../types.ts';
import { workspaceRule, type FindingMaker, type GroupUpdate, type RuleContext, type WorkspaceIndex } from './rule.ts';
import { agreeAtLeast, agreementFor, bandKeys, purposeWords, setSignature, similarity } from '../readers/prose/fingerprint.ts';
import { MAX_NAMED, MAX_RELATED } from './util.ts';
import { firstAndMore } from '../text/lists.ts';

interface Doc {
  path: string;
  policy: Entity;
  ids: Set<string>;
  idList: string[];
  coverageSig: number[] | undefined;
  textSig: number[] | undefined;
  keys: string[];
  /** The keys as a set, made when the policy is first compared with another: most never are. */
  keySet: Set<string> | undefined;
  /** What the title says the policy is for. */
  purpose: string[];
  /** All of the above that a check reads, as one string (the rule's `reads`): made when an edit first asks. */
  reads: string | undefined;
}

const MIN_SHARED = 3;
/**
 * Shared mappings alone are no overlap: onboarding, access control and
 * authentication policies all map CC6.1-CC6.3. They count when the titles
 * share at least this share of their words, or the texts this share of their
 * wording.
 */
const MIN_PURPOSE = 0.5;
const MIN_TEXT_WITH_COVERAGE = 0.5;
/** Bands with more policies than this are read as clusters, not pair by pair (see clusters()). */
const MAX_PAIRWISE = 32;
/** Clusters looked for in one band: a policy like none of their first policies goes unreported in that band. */
const MAX_CLUSTERS = 32;

function mappedIds(e: Entity): Set<string> {
  const ids = new Set<string>();
  for (const m of e.mappings) for (const r of m.ids) if (r.resolution.kind === 'valid') ids.add(`${r.resolution.framework}:${r.resolution.id}`);
  return ids;
}

// Facts are immutable once parsed, so what this rule derives from them is computed once per version of a file.
const docs = new WeakMap<FileFacts, Doc | null>();

function doc(file: FileFacts): Doc | undefined {
  let d = docs.get(file);
  if (d === undefined) docs.set(file, (d = makeDoc(file) ?? null));
  return d ?? undefined;
}

function makeDoc(file: FileFacts): Doc | undefined {
  const policy = file.entities[0];
  if (file.kind !== 'policy' || !policy || policy.id === undefined) return undefined;
  const ids = mappedIds(policy);
  // The coverage set gets its own MinHash, so heavy overlap also meets in a band.
  const coverageSig = ids.size >= MIN_SHARED ? setSignature([...ids]) : undefined;
  const textSig = file.fingerprint;
  const keys = [...(textSig ? bandKeys(textSig, 't') : []), ...(coverageSig ? bandKeys(coverageSig, 'c') : [])].sort();
  const purpose = policy.title ? purposeWords(policy.title.text, policy.id) : [];
  return { path: file.path, policy, ids, idList: [...ids], coverageSig, textSig, keys, keySet: undefined, purpose, reads: undefined };
}

/** What a check reads of a policy, as one string. The keys follow from the signatures; the text signature stands for the text, the ids for the coverage. */
function readsOf(d: Doc): string {
  return (d.reads ??= JSON.stringify([d.policy.id, d.policy.idRange, d.idList, d.textSig ?? null, d.purpose]));
}

/** The title words two policies share, when they are at least MIN_PURPOSE of all their title words. */
function sharedPurpose(a: Doc, b: Doc): string[] {
  const shared = a.purpose.filter((w) => b.purpose.includes(w));
  const union = a.purpose.length + b.purpose.length - shared.length;
  return union > 0 && shared.length / union >= MIN_PURPOSE ? shared : [];
}

function sharedIds(a: Doc, b: Doc): number {
  let n = 0;
  for (const x of a.idList) if (b.ids.has(x)) n++;
  return n;
}

export const overlappingPolicies = workspaceRule({
  code: 'overlapping-policies',
  severity: 'warning',
  summary: 'Two policies that cover the same ground: near-identical text, or heavily overlapping framework mappings together with a shared purpose (title) or much shared text.',
  // A policy file holds one policy: a band with one file has no pair.
  minMembers: 2,
  *keys(file) {
    const d = doc(file);
    if (d) yield* d.keys;
  },
  // What a check reads of a policy is its Doc, the same for every band: an edit elsewhere in the file re-checks no band.
  reads: (file) => {
    const d = doc(file);
    return d ? readsOf(d) : '';
  },
  check: (key, index, ctx, members, finding) => checkBand(key, index, ctx, members, finding).findings,
  incremental: {
    check: checkBand,
    update: (key, _index, ctx, changed, memo, finding) => (memo instanceof Clusters ? updateClusters(memo, key, ctx, changed, finding) : undefined),
  },
});

/** Why two policies overlap in the band `key`, by the configured threshold (see Overlap). */
function overlapIn(key: string, ctx: RuleContext): Overlap {
  const threshold = ctx.config.overlapThreshold;
  const need = agreementFor(threshold);
  const supportNeed = agreementFor(Math.min(threshold, MIN_TEXT_WITH_COVERAGE));
  return (a: Doc, b: Doc): string | undefined => {
    // Scores first: most pairs that meet in a band are not close, and need no more work.
    const shared = sharedIds(a, b);
    const union = a.ids.size + b.ids.size - shared;
    const cov = union === 0 ? 0 : shared / union;
    const sameMappings = cov >= threshold && shared >= MIN_SHARED;
    const texts = a.textSig !== undefined && b.textSig !== undefined;
    const byText = texts && agreeAtLeast(a.textSig!, b.textSig!, need);
    const purpose = sameMappings ? sharedPurpose(a, b) : [];
    const byCoverage = sameMappings && (byText || purpose.length > 0 || (texts && agreeAtLeast(a.textSig!, b.textSig!, supportNeed)));
    if (!byCoverage && !byText) return undefined;
    // A pair meets in every band it shares: report it only from the first (keys are sorted).
    const theirs = (b.keySet ??= new Set(b.keys));
    if (a.keys.find((k) => theirs.has(k)) !== key) return ELSEWHERE;
    const reasons: string[] = [];
    if (byCoverage) {
      const ids = a.idList.filter((x) => b.ids.has(x)).map((s) => s.slice(s.indexOf(':') + 1));
      reasons.push(`${Math.round(cov * 100)}% of their framework mappings are the same (${ids.slice(0, 6).join(', ')}${ids.length > 6 ? ', ...' : ''})`);
      if (purpose.length > 0) reasons.push(`both titles are about ${purpose.map((w) => `'${w}'`).join(', ')}`);
    }
    // The text is named when it is the reason, or what supports the shared mappings.
    if (byText || purpose.length === 0) reasons.push(`their text is about ${Math.round(similarity(a.textSig!, b.textSig!) * 100)}% the same`);
    return reasons.join(', and ');
  };
}

/** A band checked whole; a band read as clusters keeps them, for an update from its changed members. */
function checkBand(key: string, _index: WorkspaceIndex, ctx: RuleContext, members: FileFacts[], finding: FindingMaker<never>): { findings: Finding[]; memo: unknown } {
  const group = members.map(doc).filter((d): d is Doc => d !== undefined);
  const overlap = overlapIn(key, ctx);
  if (group.length <= MAX_PAIRWISE) return { findings: report(pairs(group, overlap), finding), memo: undefined };
  const c = clusters(group, overlap);
  return { findings: [...c.partners.keys()].map((d) => c.findingOf(d, finding)!), memo: c };
}

/** The one to keep first: the one that maps more (ties: the lower id); the other is retired or merged. */
function byKeep(a: Doc, b: Doc): number {
  return b.ids.size - a.ids.size || (a.policy.id! < b.policy.id! ? -1 : a.policy.id! > b.policy.id! ? 1 : 0);
}

/** Why two policies overlap; ELSEWHERE when they do but another band reports them; undefined when they do not. */
type Overlap = (a: Doc, b: Doc) => string | undefined;
const ELSEWHERE = '';

interface Pair {
  a: Doc;
  b: Doc;
  why: string;
}

/** Every pair of a band compared. */
function pairs(group: Doc[], overlap: Overlap): Pair[] {
  const out: Pair[] = [];
  for (let i = 0; i < group.length; i++) {
    for (let j = i + 1; j < group.length; j++) {
      const a = group[i]!;
      const b = group[j]!;
      if (a.policy.id === b.policy.id) continue;
      const why = overlap(a, b);
      if (why) out.push({ a, b, why });
    }
  }
  return out;
}

/** Doc order in a band read as clusters: the one to keep first, then by path (the order a band's members come in). */
function inOrder(a: Doc, b: Doc): number {
  return byKeep(a, b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

/**
 * A band shared by many policies (one template copied into hundreds of
 * files): comparing every pair would cost the square of their number. Each
 * policy is compared with the first policy of each cluster found so far
 * instead (the one to keep comes first), and joins the first it overlaps.
 */
function clusters(group: Doc[], overlap: Overlap): Clusters {
  const c = new Clusters();
  for (const d of [...group].sort(inOrder)) c.place(d, overlap, false);
  return c;
}

/**
 * A band's clusters: its heads (the first policy of each cluster, in order), and the head each
 * other policy joined. A policy that is no head and does not become one changes nothing for the
 * others but its heads' findings, which is what lets an edit re-check that policy alone.
 */
class Clusters {
  readonly docs = new Map<string, Doc>();
  readonly heads: Doc[] = [];
  /** The policies that joined a cluster, with the head and why (ELSEWHERE: another band reports the pair). */
  readonly joined = new Map<Doc, { head: Doc; why: string }>();
  /** Per policy with findings in this band, its partners in order: a head's members, or a member's head. */
  readonly partners = new Map<Doc, Array<{ other: Doc; why: string }>>();

  /**
   * Places a policy as the whole check would, given the heads before it. `onlyMember`: return false
   * instead of making it a head (an update cannot: a new head changes where later policies go).
   */
  place(d: Doc, overlap: Overlap, onlyMember: boolean): boolean {
    let before = 0;
    for (const head of this.heads) {
      if (inOrder(head, d) > 0) break;
      before++;
      if (head.policy.id === d.policy.id) continue;
      const why = overlap(head, d);
      if (why === undefined) continue;
      this.docs.set(d.path, d);
      this.joined.set(d, { head, why });
      if (why !== ELSEWHERE) {
        insertInOrder(this.partners, head, { other: d, why });
        this.partners.set(d, [{ other: head, why }]);
      }
      return true;
    }
    if (before < MAX_CLUSTERS) {
      if (onlyMember) return false;
      this.heads.push(d); // the whole check places policies in order, so a new head comes last
    }
    this.docs.set(d.path, d);
    return true;
  }

  /** Takes out a policy that is no head; returns the head whose findings that changes, if any. */
  remove(d: Doc): Doc | undefined {
    this.docs.delete(d.path);
    const j = this.joined.get(d);
    if (!j) return undefined;
    this.joined.delete(d);
    this.partners.delete(d);
    if (j.why === ELSEWHERE) return undefined;
    const list = this.partners.get(j.head)!;
    list.splice(
      list.findIndex((p) => p.other === d),
      1,
    );
    if (list.length === 0) this.partners.delete(j.head);
    return j.head;
  }

  findingOf(d: Doc, finding: FindingMaker<never>): Finding | undefined {
    const list = this.partners.get(d);
    return list && findingFor(d, list, finding);
  }
}

/** Adds a partner to a head's list, keeping it in order (the order a whole check lists them in). */
function insertInOrder(partners: Map<Doc, Array<{ other: Doc; why: string }>>, head: Doc, p: { other: Doc; why: string }): void {
  const list = partners.get(head);
  if (!list) {
    partners.set(head, [p]);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (inOrder(list[mid]!.other, p.other) < 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, p);
}

/**
 * A band read as clusters, after some policies joined, left or changed: each is taken out and placed
 * again against the heads before it, and only it and the heads it left or joined get new findings.
 * Undefined (check the band whole) when a head changed or left, a changed policy would become a
 * head, or the band is now small enough to be compared pair by pair.
 */
function updateClusters(c: Clusters, key: string, ctx: RuleContext, changed: ReadonlyMap<string, FileFacts | undefined>, finding: FindingMaker<never>): GroupUpdate | undefined {
  const heads = new Set(c.heads);
  let size = c.docs.size;
  for (const [path, facts] of changed) {
    const old = c.docs.get(path);
    if (old && heads.has(old)) return undefined;
    size += (facts && doc(facts) ? 1 : 0) - (old ? 1 : 0);
  }
  if (size <= MAX_PAIRWISE) return undefined;
  const overlap = overlapIn(key, ctx);
  const affected = new Set<Doc>();
  const paths = new Set<string>();
  for (const path of changed.keys()) {
    paths.add(path);
    const old = c.docs.get(path);
    const head = old && c.remove(old);
    if (head) affected.add(head);
  }
  for (const facts of changed.values()) {
    const d = facts && doc(facts);
    if (!d) continue;
    if (!c.place(d, overlap, true)) return undefined;
    affected.add(d);
    const head = c.joined.get(d);
    if (head && head.why !== ELSEWHERE) affected.add(head.head);
  }
  const findings: Finding[] = [];
  for (const d of affected) {
    paths.add(d.path);
    const f = c.findingOf(d, finding);
    if (f) findings.push(f);
  }
  return { paths, findings, memo: c };
}

/**
 * One finding per policy and band: the pair when it overlaps one other policy,
 * else the policy's cluster, named up to a few (a policy copied a hundred
 * times gets one finding, not ninety-nine).
 */
function report(found: Pair[], finding: FindingMaker<never>): Finding[] {
  const partners = new Map<Doc, Array<{ other: Doc; why: string }>>();
  const add = (self: Doc, other: Doc, why: string): void => {
    const list = partners.get(self);
    if (list) list.push({ other, why });
    else partners.set(self, [{ other, why }]);
  };
  for (const { a, b, why } of found) {
    add(a, b, why);
    add(b, a, why);
  }
  const out: Finding[] = [];
  for (const [self, list] of partners) {
    list.sort((x, y) => byKeep(x.other, y.other));
    out.push(findingFor(self, list, finding));
  }
  return out;
}

/** A policy's finding in a band, from its partners there in order (the one to keep first). */
function findingFor(self: Doc, list: ReadonlyArray<{ other: Doc; why: string }>, finding: FindingMaker<never>): Finding {
  const best = list[0]!;
  const kept = byKeep(self, best.other) < 0;
  let f: Finding;
  if (list.length === 1) {
    const advice = kept ? `consolidate ${best.other.policy.id} into this policy` : `consolidate this policy into ${best.other.policy.id}`;
    f = finding(self.path, self.policy.idRange, `policies ${self.policy.id} and ${best.other.policy.id} cover the same ground: ${best.why}; ${advice}`);
  } else {
    const names = firstAndMore(list, MAX_NAMED, (p) => p.other.policy.id!);
    const advice = kept ? 'consolidate them into this policy' : `consolidate this policy into ${best.other.policy.id}`;
    f = finding(self.path, self.policy.idRange, `policy ${self.policy.id} and ${list.length} others cover the same ground (${names}): with ${best.other.policy.id}, ${best.why}; ${advice}`);
  }
  f.related = list
    .slice(0, MAX_RELATED)
    .map((p) => ({ path: p.other.path, range: p.other.policy.idRange, message: list.length === 1 ? `policy ${p.other.policy.id}` : `policy ${p.other.policy.id}: ${p.why}` }));
  return f;
}
