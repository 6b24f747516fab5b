// Decides what a written framework id means: valid (a clause item too),
// spelled differently, a legacy 2013 id, an id of another framework, a SOC 2
// family, heading or point of focus, or unknown (with suggestions).
import type { FrameworkRegistry } from '../frameworks/registry.ts';
import { clauseItem, normaliseShape, shapeOf, soc2Level, withoutQualifiers } from './spellings.ts';
import type { Framework } from '../frameworks/model.ts';
import { editDistance } from '../../text/similarity.ts';
import type { IsoEdition, Resolution } from '../../model/resolution.ts';

export type { IsoEdition, Resolution };

// A catalogue writes the same few hundred ids thousands of times: resolve each
// spelling once per registry. Resolutions are shared, so never mutated. The
// bound keeps a long editing session with many distinct typos from growing it.
const MEMO_LIMIT = 20_000;
const memos = new WeakMap<FrameworkRegistry, Map<string, Resolution>>();

/**
 * Resolves an id listed under a mapping key of framework `expected`.
 * `edition`: the ISO 27001 edition the document is written in (2022 when
 * absent); an edition written with the id ("A.8.1 (2013)") comes first.
 */
export function resolveUnder(registry: FrameworkRegistry, expected: string, raw: string, edition?: IsoEdition): Resolution {
  let memo = memos.get(registry);
  if (!memo) memos.set(registry, (memo = new Map()));
  const key = `${expected}\u0000${edition ?? ''}\u0000${raw}`;
  let r = memo.get(key);
  if (r === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, (r = resolveFresh(registry, expected, raw, edition)));
  }
  return r;
}

function resolveFresh(registry: FrameworkRegistry, expected: string, raw: string, edition: IsoEdition | undefined): Resolution {
  const written = withoutQualifiers(raw);
  const text = written.id;
  const own = registry.framework(expected);
  if (own) {
    const older = olderReading(registry, own, written.edition ?? edition, text);
    if (older) return older;
    const hit = lookup(registry, expected, text);
    if (hit) return own.legacy ? legacy(registry, expected, hit.id, false) : valid(expected, hit, raw);
    if (own.legacy) {
      const g = legacyGroup(registry, expected, text);
      if (g) return g;
    }
    const below = belowCriteria(registry, expected, text);
    if (below) return below;
  }
  for (const fw of registry.frameworks) {
    if (fw.id === expected) continue;
    const hit = lookup(registry, fw.id, text);
    if (!hit) {
      if (fw.legacy && fw.successor === expected) {
        const g = legacyGroup(registry, fw.id, text);
        if (g) return g;
      }
      continue;
    }
    if (fw.legacy && fw.successor === expected) return legacy(registry, fw.id, hit.id, false);
    return { kind: 'wrong-framework', framework: fw.id, id: hit.id, expected };
  }
  return unknown(registry, expected, text);
}

/** Resolves an id found in prose, where only its shape says which framework it names. */
export function resolveInProse(registry: FrameworkRegistry, raw: string, edition?: IsoEdition): Resolution {
  const written = withoutQualifiers(raw);
  const text = written.id;
  const shape = shapeOf(text);
  const order = shape === 'soc2' ? ['soc2'] : shape === 'iso' ? ['iso27001', 'iso27001-2013'] : [];
  const current = registry.framework(order[0] ?? '');
  const older = current && olderReading(registry, current, written.edition ?? edition, text);
  if (older) return older;
  for (const fwId of order) {
    const fw = registry.framework(fwId);
    if (!fw) continue;
    const hit = lookup(registry, fwId, text);
    if (hit) return fw.legacy ? legacy(registry, fwId, hit.id, false) : valid(fwId, hit, raw);
    if (fw.legacy) {
      const g = legacyGroup(registry, fwId, text);
      if (g) return g;
    }
    const below = belowCriteria(registry, fwId, text);
    if (below) return below;
  }
  return unknown(registry, order[0], text);
}

interface Hit {
  id: string;
  item?: string;
}

/** The requirement `text` names in a framework, or the clause of an item ("6.1.2.d"). */
function lookup(registry: FrameworkRegistry, framework: string, text: string): Hit | undefined {
  const id = registry.canonical(framework, text);
  if (id !== undefined) return { id };
  const item = clauseItem(text);
  if (!item) return undefined;
  const clause = registry.canonical(framework, item.clause);
  // Annex A controls have no lettered items: "5.15.a" under an ISO key is not A.5.15.
  return clause !== undefined && /^\d/.test(clause) ? { id: clause, item: item.item } : undefined;
}

function valid(framework: string, hit: Hit, raw: string): Resolution {
  if (hit.item === undefined) return { kind: 'valid', framework, id: hit.id, canonical: hit.id === raw };
  return { kind: 'valid', framework, id: hit.id, canonical: `${hit.id}.${hit.item}` === raw, item: hit.item };
}

/**
 * `text` read in an older edition, when the document says it follows one: in
 * 2013, A.8.1 is the objective Responsibility for assets, not the 2022
 * control User endpoint devices. Clause numbers mostly kept their meaning,
 * so a 2013 clause is only read where 2022 moved it (10.1 and 10.2 swapped).
 */
function olderReading(registry: FrameworkRegistry, current: Framework, edition: IsoEdition | undefined, text: string): Resolution | undefined {
  if (edition === undefined || current.legacy || current.edition === edition) return undefined;
  const older = registry.frameworks.find((f) => f.legacy && f.successor === current.id && f.edition === edition);
  if (!older) return undefined;
  const g = legacyGroup(registry, older.id, text);
  if (g) return g;
  const hit = lookup(registry, older.id, text);
  if (!hit || !/^\d/.test(hit.id)) return undefined;
  const successors = registry.requirement(older.id, hit.id)?.successors ?? [];
  if (successors.some((s) => s === hit.id || s.startsWith(`${hit.id}.`))) return undefined;
  return legacy(registry, older.id, hit.id, false);
}

/** Families (CC6), their headings (CC6.0) and tools' points of focus (CC6.1.3): SOC 2 shapes that name no criterion. */
function belowCriteria(registry: FrameworkRegistry, framework: string, text: string): Resolution | undefined {
  const level = soc2Level(text);
  if (!level) return undefined;
  if (level.level === 'point') {
    return registry.requirement(framework, level.criterion) && level.point > 0 ? { kind: 'point-of-focus', framework, id: level.criterion, point: level.point } : undefined;
  }
  if (registry.group(framework, level.family)?.kind !== 'series') return undefined;
  const criteria = registry
    .framework(framework)!
    .requirements.filter((r) => r.group === level.family)
    .map((r) => r.id);
  return { kind: 'family', framework, id: level.family, heading: level.level === 'heading', criteria };
}

function legacy(registry: FrameworkRegistry, framework: string, id: string, group: boolean): Resolution {
  const fw = registry.framework(framework)!;
  const req = registry.requirement(framework, id);
  return { kind: 'legacy', framework, id, successorFramework: fw.successor ?? framework, successors: req?.successors ?? [], group };
}

/** 2013 control objectives (A.9.2) and domains (A.9): not controls, but their controls' successors are known. */
function legacyGroup(registry: FrameworkRegistry, framework: string, raw: string): Resolution | undefined {
  const fw = registry.framework(framework)!;
  const m = /^(?:Annex[\s.]*)?A[\s.]*(\d{1,2})(?:\s*\.\s*(\d{1,2}))?\.?$/i.exec(raw.trim());
  if (!m) return undefined;
  const id = m[2] === undefined ? `A.${Number(m[1])}` : `A.${Number(m[1])}.${Number(m[2])}`;
  if (!registry.group(framework, id)) return undefined;
  const successors = new Set<string>();
  for (const r of fw.requirements) {
    if (r.id.startsWith(`${id}.`)) for (const s of r.successors ?? []) successors.add(s);
  }
  return { kind: 'legacy', framework, id, successorFramework: fw.successor ?? framework, successors: [...successors], group: true };
}

function unknown(registry: FrameworkRegistry, expected: string | undefined, raw: string): Resolution {
  if (expected === undefined || !registry.framework(expected)) return { kind: 'unknown', expected, normalised: raw.trim(), suggestions: [] };
  const normalised = normaliseShape(expected, raw);
  return { kind: 'unknown', expected, normalised, suggestions: suggest(registry.requirementIds(expected), normalised) };
}

/**
 * Up to three ids close to `written`: fewest edits first, then the same
 * series (CC9.9 -> CC9.2, CC9.1), then numerically nearest.
 */
export function suggest(ids: readonly string[], written: string): string[] {
  const w = written.toUpperCase();
  const prefix = w.replace(/[\d.]+$/, '');
  const series = w.includes('.') ? w.slice(0, w.lastIndexOf('.')) : w;
  const tail = Number(w.slice(w.lastIndexOf('.') + 1)) || 0;
  const scored: Array<{ id: string; d: number; sameSeries: number; near: number }> = [];
  for (const id of ids) {
    const u = id.toUpperCase();
    if (prefix !== '' && !u.startsWith(prefix.slice(0, 1))) continue;
    const d = editDistance(w, u, 2);
    if (d > 2) continue;
    const idSeries = u.includes('.') ? u.slice(0, u.lastIndexOf('.')) : u;
    const idTail = Number(u.slice(u.lastIndexOf('.') + 1)) || 0;
    scored.push({ id, d, sameSeries: idSeries === series ? 0 : 1, near: Math.abs(idTail - tail) });
  }
  scored.sort((a, b) => a.d - b.d || a.sameSeries - b.sameSeries || a.near - b.near || a.id.localeCompare(b.id));
  return scored.slice(0, 3).map((s) => s.id);
}
