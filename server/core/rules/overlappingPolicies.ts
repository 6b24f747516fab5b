import type { Entity, FileFacts } from '../parse/facts.ts';
import type { Finding } from '../types.ts';
import type { WorkspaceRule } from './rule.ts';
import { agreeAtLeast, agreementFor, bandKeys, setSignature, similarity } from '../prose/fingerprint.ts';
import { finding } from './util.ts';

interface Doc {
  path: string;
  policy: Entity;
  ids: Set<string>;
  idList: string[];
  coverageSig: number[] | undefined;
  textSig: number[] | undefined;
  keys: string[];
  keySet: Set<string>;
}

const MIN_SHARED = 3;

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
  return { path: file.path, policy, ids, idList: [...ids], coverageSig, textSig, keys, keySet: new Set(keys) };
}

function sharedIds(a: Doc, b: Doc): number {
  let n = 0;
  for (const x of a.idList) if (b.ids.has(x)) n++;
  return n;
}

export const overlappingPolicies: WorkspaceRule = {
  scope: 'workspace',
  code: 'overlapping-policies',
  severity: 'warning',
  summary: 'Two policies that cover the same ground: heavily overlapping framework mappings, or near-identical text.',
  // A policy file holds one policy: a band with one file has no pair.
  minMembers: 2,
  *keys(file) {
    const d = doc(file);
    if (d) yield* d.keys;
  },
  check(key, _index, ctx, members) {
    const threshold = ctx.config.overlapThreshold;
    const need = agreementFor(threshold);
    const group = members.map(doc).filter((d): d is Doc => d !== undefined);
    const out: Finding[] = [];
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!;
        const b = group[j]!;
        if (a.policy.id === b.policy.id) continue;
        // Scores first: most pairs that meet in a band are not close, and need no more work.
        const shared = sharedIds(a, b);
        const union = a.ids.size + b.ids.size - shared;
        const cov = union === 0 ? 0 : shared / union;
        const byCoverage = cov >= threshold && shared >= MIN_SHARED;
        const byText = a.textSig !== undefined && b.textSig !== undefined && agreeAtLeast(a.textSig, b.textSig, need);
        if (!byCoverage && !byText) continue;
        // A pair meets in every band it shares: report it only from the first (keys are sorted).
        if (a.keys.find((k) => b.keySet.has(k)) !== key) continue;
        const reasons: string[] = [];
        if (byCoverage) {
          const ids = a.idList.filter((x) => b.ids.has(x)).map((s) => s.slice(s.indexOf(':') + 1));
          reasons.push(`${Math.round(cov * 100)}% of their framework mappings are the same (${ids.slice(0, 6).join(', ')}${ids.length > 6 ? ', ...' : ''})`);
        }
        if (byText) reasons.push(`their text is about ${Math.round(similarity(a.textSig!, b.textSig!) * 100)}% the same`);
        // Keep the one that maps more (ties: the lower id), retire or merge the other.
        const [keep, merge] = a.ids.size > b.ids.size || (a.ids.size === b.ids.size && a.policy.id! < b.policy.id!) ? [a, b] : [b, a];
        const why = reasons.join(', and ');
        for (const [self, other] of [[a, b], [b, a]] as const) {
          const advice = self === keep ? `consolidate ${merge.policy.id} into this policy` : `consolidate this policy into ${keep.policy.id}`;
          const f = finding('overlapping-policies', 'warning', self.path, self.policy.idRange, `policies ${self.policy.id} and ${other.policy.id} cover the same ground: ${why}; ${advice}`);
          f.related = [{ path: other.path, range: other.policy.idRange, message: `policy ${other.policy.id}` }];
          out.push(f);
        }
      }
    }
    return out;
  },
};
