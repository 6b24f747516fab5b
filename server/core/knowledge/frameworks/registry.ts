// The frameworks and crosswalks one analysis works with: lookups by id, by
// mapping key (with aliases) and across crosswalks, all precomputed once.
import type { Crosswalk, CrosswalkPair, Framework, FrameworkGroup, NoCounterpart, Requirement } from './model.ts';
import { idSpellings } from '../ids/spellings.ts';

export interface Counterpart {
  framework: string;
  id: string;
  pair: CrosswalkPair;
  crosswalk: Crosswalk;
}

export class FrameworkRegistry {
  private readonly byId = new Map<string, Framework>();
  private readonly byKey = new Map<string, Framework>();
  private readonly reqs = new Map<string, Map<string, Requirement>>();
  private readonly reqsLower = new Map<string, Map<string, string>>();
  private readonly groups = new Map<string, Map<string, FrameworkGroup>>();
  private readonly children = new Map<string, Map<string, string[]>>();
  private readonly pairsBy = new Map<string, Counterpart[]>();
  private readonly declaredNone = new Map<string, Array<{ other: string; entry: NoCounterpart; crosswalk: Crosswalk }>>();

  constructor(
    readonly frameworks: readonly Framework[],
    readonly crosswalks: readonly Crosswalk[],
  ) {
    for (const fw of frameworks) {
      this.byId.set(fw.id, fw);
      for (const key of [fw.id, ...fw.aliases]) this.byKey.set(normaliseKey(key), fw);
      const reqs = new Map<string, Requirement>();
      const lower = new Map<string, string>();
      const kids = new Map<string, string[]>();
      for (const r of fw.requirements) {
        reqs.set(r.id, r);
        lower.set(r.id.toLowerCase().replace(/\s+/g, ''), r.id);
        if (r.parent !== undefined) {
          const list = kids.get(r.parent) ?? [];
          list.push(r.id);
          kids.set(r.parent, list);
        }
      }
      this.reqs.set(fw.id, reqs);
      this.reqsLower.set(fw.id, lower);
      this.children.set(fw.id, kids);
      this.groups.set(fw.id, new Map(fw.groups.map((g) => [g.id, g])));
    }
    for (const cw of crosswalks) {
      for (const pair of cw.pairs) {
        this.addPair(`${cw.from}\u0000${pair.from}`, { framework: cw.to, id: pair.to, pair, crosswalk: cw });
        this.addPair(`${cw.to}\u0000${pair.to}`, { framework: cw.from, id: pair.from, pair, crosswalk: cw });
      }
      for (const entry of cw.noCounterpart) {
        const key = `${entry.side === 'from' ? cw.from : cw.to}\u0000${entry.id}`;
        this.declaredNone.set(key, [...(this.declaredNone.get(key) ?? []), { other: entry.side === 'from' ? cw.to : cw.from, entry, crosswalk: cw }]);
      }
    }
  }

  private addPair(key: string, c: Counterpart): void {
    const list = this.pairsBy.get(key) ?? [];
    list.push(c);
    this.pairsBy.set(key, list);
  }

  framework(id: string): Framework | undefined {
    return this.byId.get(id);
  }

  /** The framework a mapping key names (`soc2`, `TSC`, `ISO 27001`, ...). */
  frameworkForKey(key: string): Framework | undefined {
    return this.byKey.get(normaliseKey(key));
  }

  /** Every key accepted in mappings, for completion and "did you mean". */
  allKeys(): string[] {
    return this.frameworks.flatMap((f) => [f.id, ...f.aliases]);
  }

  requirement(framework: string, id: string): Requirement | undefined {
    return this.reqs.get(framework)?.get(id);
  }

  group(framework: string, id: string): FrameworkGroup | undefined {
    return this.groups.get(framework)?.get(id);
  }

  requirementIds(framework: string): string[] {
    return [...(this.reqs.get(framework)?.keys() ?? [])];
  }

  /**
   * The canonical id of `raw` in `framework`, trying the framework's known
   * spellings ("CC 6.1", "Annex A.5.15", "Clause 9.2") and case.
   */
  canonical(framework: string, raw: string): string | undefined {
    const reqs = this.reqs.get(framework);
    if (!reqs) return undefined;
    if (reqs.has(raw)) return raw;
    for (const candidate of idSpellings(framework, raw)) if (reqs.has(candidate)) return candidate;
    return this.reqsLower.get(framework)?.get(raw.toLowerCase().replace(/\s+/g, ''));
  }

  /** Sub-requirements (ISO sub-clauses) of a requirement. */
  childrenOf(framework: string, id: string): string[] {
    return this.children.get(framework)?.get(id) ?? [];
  }

  /** True for requirements that have no sub-requirements: what coverage counts. */
  isLeaf(framework: string, id: string): boolean {
    return this.childrenOf(framework, id).length === 0;
  }

  /** The requirement and its ancestors through `parent`. */
  ancestry(framework: string, id: string): string[] {
    const out: string[] = [];
    for (let r = this.requirement(framework, id); r; r = r.parent === undefined ? undefined : this.requirement(framework, r.parent)) {
      out.push(r.id);
      if (out.length > 20) break;
    }
    return out;
  }

  /** The leaf requirements a mapping to `id` covers: itself, or all its descendants. */
  leavesUnder(framework: string, id: string): string[] {
    const kids = this.childrenOf(framework, id);
    if (kids.length === 0) return [id];
    return kids.flatMap((k) => this.leavesUnder(framework, k));
  }

  /** Crosswalk counterparts of one requirement, in any crosswalk, either direction. */
  counterparts(framework: string, id: string): Counterpart[] {
    return this.pairsBy.get(`${framework}\u0000${id}`) ?? [];
  }

  /** Counterparts of a requirement and of its parents: a pair to clause 9.2 is a pair to 9.2.1 too. */
  counterpartsWithin(framework: string, id: string): Counterpart[] {
    return this.ancestry(framework, id).flatMap((a) => this.counterparts(framework, a));
  }

  /** Crosswalks that declare a requirement to have no counterpart in the other framework, with their note. */
  declaredWithoutCounterpart(framework: string, id: string): ReadonlyArray<{ other: string; entry: NoCounterpart; crosswalk: Crosswalk }> {
    return this.declaredNone.get(`${framework}\u0000${id}`) ?? [];
  }

  /** Asked for every SOC 2 id a catalogue maps: computed once per id. */
  private readonly chains = new Map<string, readonly FrameworkGroup[]>();

  /** The group chain of a requirement, outermost first (category, series). */
  groupChain(framework: string, id: string): readonly FrameworkGroup[] {
    const key = `${framework}\u0000${id}`;
    let chain = this.chains.get(key);
    if (!chain) this.chains.set(key, (chain = this.computeGroupChain(framework, id)));
    return chain;
  }

  private computeGroupChain(framework: string, id: string): FrameworkGroup[] {
    const r = this.requirement(framework, this.ancestry(framework, id).at(-1) ?? id);
    const chain: FrameworkGroup[] = [];
    for (let g = r?.group === undefined ? undefined : this.group(framework, r.group); g; g = g.parent === undefined ? undefined : this.group(framework, g.parent)) {
      chain.unshift(g);
      if (chain.length > 10) break;
    }
    return chain;
  }
}

/** Mapping keys compare without case, spaces, '_' or '-': "ISO 27001" = "iso27001". */
export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[\s_-]+/g, '');
}
