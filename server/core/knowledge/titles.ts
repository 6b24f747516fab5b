// Whether a title written beside a framework id describes that requirement.
// Each requirement's vocabulary is the stems of its title, description and
// curated synonyms; a written title fits when most of its weight (words that
// few requirements use weigh more, so "Physical" counts more than "Access")
// is in that vocabulary. A criterion titled with its family's name ("CC1.1
// Control Environment") fits too. Naming another requirement as the one meant
// asks more: the same words, not only the same stems. Built once per registry,
// on first use.
import type { FrameworkRegistry } from './frameworks/registry.ts';
import type { Requirement } from './frameworks/model.ts';
import { contentStems, contentWords, sameWord, type ContentWord } from '../text/stem.ts';

/** A title fits its requirement from this share of its weight on. */
export const FITS = 0.5;
/** Another requirement is named as the one meant from this share on. */
const MEANT = 0.75;

/**
 * Words that half the catalogue's titles use ("controls", "security",
 * "information", "management"): they tell no requirement from another, and
 * left in they make "Physical access controls" look unlike "Physical access".
 */
const GENERIC = new Set(['contro', 'secur', 'inform', 'manag']);

function stemsOf(text: string): string[] {
  return contentStems(text).filter((s) => !GENERIC.has(s));
}

interface Vocabulary {
  framework: string;
  id: string;
  title: string;
  /** Stems of the title and synonyms. */
  named: Set<string>;
  /** Those and the description's. */
  all: Set<string>;
  /** The long stems of the title's and synonyms' words (generic ones too), by stem. */
  forms: Map<string, string[]>;
}

export interface OtherRequirement {
  framework: string;
  id: string;
  title: string;
  score: number;
  /** Shared weight over the weight of both (ties between equal scores go to the closer title). */
  closeness: number;
}

export class TitleIndex {
  private readonly byFramework = new Map<string, Map<string, Vocabulary>>();
  private readonly weight = new Map<string, number>();
  private readonly count: number;

  constructor(private readonly registry: FrameworkRegistry) {
    const df = new Map<string, number>();
    let n = 0;
    for (const fw of registry.frameworks) {
      const byId = new Map<string, Vocabulary>();
      for (const r of fw.requirements) {
        const v = vocabulary(fw.id, r);
        byId.set(r.id, v);
        // Generic words counted too: where the one meant is looked for, a generic word can weigh.
        for (const s of new Set(contentStems([r.title, ...(r.synonyms ?? []), r.description ?? ''].join(' ')))) df.set(s, (df.get(s) ?? 0) + 1);
        n++;
      }
      // A 2013 control objective (A.9.2) is a group with a title, and is written with titles too.
      for (const g of fw.groups) {
        if (byId.has(g.id) || g.kind !== 'objective') continue;
        const named = new Set(stemsOf(g.title));
        byId.set(g.id, { framework: fw.id, id: g.id, title: g.title, named, all: named, forms: formsOf(g.title) });
      }
      this.byFramework.set(fw.id, byId);
    }
    this.count = Math.max(n, 1);
    for (const [s, d] of df) this.weight.set(s, Math.log(1 + this.count / d));
  }

  private weightOf(stem: string): number {
    return this.weight.get(stem) ?? Math.log(1 + this.count);
  }

  /** Share (0-1) of the written title's weight that the requirement's vocabulary holds; undefined for an unknown requirement. */
  score(framework: string, id: string, written: string): number | undefined {
    const v = this.byFramework.get(framework)?.get(id);
    return v ? this.share(stemsOf(written), v.all) : undefined;
  }

  /** Does the written title describe the requirement (or, for a withdrawn edition's id, one of its successors)? */
  fits(framework: string, id: string, written: string): boolean {
    const stems = stemsOf(written);
    if (stems.length === 0) return true;
    const v = this.byFramework.get(framework)?.get(id);
    if (!v) return true;
    if (this.share(stems, v.all) >= FITS) return true;
    if (this.namesFamily(framework, id, stems)) return true;
    const req = this.registry.requirement(framework, id);
    const successor = this.registry.framework(framework)?.successor;
    if (successor) for (const s of req?.successors ?? []) if (this.share(stems, this.byFramework.get(successor)?.get(s)?.all ?? new Set()) >= FITS) return true;
    return false;
  }

  /** Is the written title that of a group or parent requirement the requirement belongs to (CC1.1 under "Control Environment", the title of CC1)? */
  private namesFamily(framework: string, id: string, stems: readonly string[]): boolean {
    const mine = new Set(stems);
    const same = (title: string): boolean => {
      const theirs = new Set(stemsOf(title));
      return theirs.size === mine.size && [...theirs].every((s) => mine.has(s));
    };
    for (const g of this.registry.groupChain(framework, id)) if (same(g.title)) return true;
    for (const a of this.registry.ancestry(framework, id).slice(1)) if (same(this.registry.requirement(framework, a)?.title ?? '')) return true;
    return false;
  }

  /**
   * The requirement, of these frameworks, whose title and synonyms the written title matches best, when it matches well:
   * as the same words ("Response" is not "responsibilities"), and with the generic words that qualify what follows them
   * ("Control environment" is not an environment), though not those that end it ("Physical access controls").
   */
  meant(written: string, frameworks: readonly string[], except: { framework: string; id: string }): OtherRequirement | undefined {
    const words = meantWords(written);
    const stems = stemsOf(written);
    let best: OtherRequirement | undefined;
    for (const framework of frameworks) {
      for (const v of this.byFramework.get(framework)?.values() ?? []) {
        if (v.framework === except.framework && v.id === except.id) continue;
        const score = this.wordShare(words, v.forms);
        if (score < MEANT || (best && score < best.score)) continue;
        const closeness = this.jaccard(stems, v.named);
        if (!best || score > best.score || closeness > best.closeness) best = { framework, id: v.id, title: v.title, score, closeness };
      }
    }
    return best;
  }

  /** Share of the words' weight whose word the forms hold. */
  private wordShare(words: readonly ContentWord[], forms: ReadonlyMap<string, readonly string[]>): number {
    let total = 0;
    let hit = 0;
    const seen = new Set<string>();
    for (const w of words) {
      if (seen.has(w.stem)) continue;
      seen.add(w.stem);
      const weight = this.weightOf(w.stem);
      total += weight;
      if (forms.get(w.stem)?.some((f) => sameWord(f, w.long))) hit += weight;
    }
    return total === 0 ? 1 : hit / total;
  }

  private jaccard(stems: readonly string[], vocabulary: ReadonlySet<string>): number {
    const mine = new Set(stems);
    let both = 0;
    let either = 0;
    for (const s of new Set([...mine, ...vocabulary])) {
      const w = this.weightOf(s);
      either += w;
      if (mine.has(s) && vocabulary.has(s)) both += w;
    }
    return either === 0 ? 0 : both / either;
  }

  private share(stems: readonly string[], vocabulary: ReadonlySet<string>): number {
    let total = 0;
    let hit = 0;
    for (const s of new Set(stems)) {
      const w = this.weightOf(s);
      total += w;
      if (vocabulary.has(s)) hit += w;
    }
    return total === 0 ? 1 : hit / total;
  }
}

function vocabulary(framework: string, r: Requirement): Vocabulary {
  const name = [r.title, ...(r.synonyms ?? [])].join(' ');
  const named = new Set(stemsOf(name));
  const all = new Set([...named, ...stemsOf(r.description ?? '')]);
  return { framework, id: r.id, title: r.title, named, all, forms: formsOf(name) };
}

function formsOf(text: string): Map<string, string[]> {
  const forms = new Map<string, string[]>();
  for (const w of contentWords(text)) {
    const known = forms.get(w.stem);
    if (!known) forms.set(w.stem, [w.long]);
    else if (!known.includes(w.long)) known.push(w.long);
  }
  return forms;
}

/** The written title's words for looking for the requirement meant: generic words that end it left out. */
function meantWords(written: string): ContentWord[] {
  const words = contentWords(written);
  let end = words.length;
  while (end > 0 && GENERIC.has(words[end - 1]!.stem)) end--;
  return words.slice(0, end);
}

const indexes = new WeakMap<FrameworkRegistry, TitleIndex>();

export function titleIndex(registry: FrameworkRegistry): TitleIndex {
  let index = indexes.get(registry);
  if (!index) indexes.set(registry, (index = new TitleIndex(registry)));
  return index;
}
