import type { Entity, FileFacts } from '../model/facts.ts';
import type { Finding } from '../types.ts';
import { workspaceRule, type FindingMaker } from './rule.ts';
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
  keySet: Set<string>;
  /** What the title says the policy is for. */
  purpose: string[];
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
  return { path: file.path, policy, ids, idList: [...ids], coverageSig, textSig, keys, keySet: new Set(keys), purpose };
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
  check(key, _index, ctx, members, finding) {
    const threshold = ctx.config.overlapThreshold;
    const need = agreementFor(threshold);
    const supportNeed = agreementFor(Math.min(threshold, MIN_TEXT_WITH_COVERAGE));
    const group = members.map(doc).filter((d): d is Doc => d !== undefined);
    const overlap = (a: Doc, b: Doc): string | undefined => {
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
      if (a.keys.find((k) => b.keySet.has(k)) !== key) return ELSEWHERE;
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
    return report(group.length > MAX_PAIRWISE ? clusters(group, overlap) : pairs(group, overlap), finding);
  },
});

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

/**
 * A band shared by many policies (one template copied into hundreds of
 * files): comparing every pair would cost the square of their number. Each
 * policy is compared with the first policy of each cluster found so far
 * instead (the one to keep comes first), and joins the first it overlaps.
 */
function clusters(group: Doc[], overlap: Overlap): Pair[] {
  const sorted = [...group].sort(byKeep);
  const heads: Doc[] = [];
  const out: Pair[] = [];
  for (const d of sorted) {
    let joined = false;
    for (const head of heads) {
      if (head.policy.id === d.policy.id) continue;
      const why = overlap(head, d);
      if (why === undefined) continue;
      if (why !== ELSEWHERE) out.push({ a: head, b: d, why });
      joined = true;
      break;
    }
    if (!joined && heads.length < MAX_CLUSTERS) heads.push(d);
  }
  return out;
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
    out.push(f);
  }
  return out;
}
