// Decides what a written framework id means: valid, spelled differently, a
// legacy 2013 id, an id of another framework, or unknown (with suggestions).
import type { FrameworkRegistry } from '../frameworks/registry.ts';
import { normaliseShape, shapeOf } from './spellings.ts';
import { editDistance } from '../../text/similarity.ts';
import type { Resolution } from '../../model/resolution.ts';

export type { Resolution };

// A catalogue writes the same few hundred ids thousands of times: resolve each
// spelling once per registry. Resolutions are shared, so never mutated. The
// bound keeps a long editing session with many distinct typos from growing it.
const MEMO_LIMIT = 20_000;
const memos = new WeakMap<FrameworkRegistry, Map<string, Resolution>>();

/** Resolves an id listed under a mapping key of framework `expected`. */
export function resolveUnder(registry: FrameworkRegistry, expected: string, raw: string): Resolution {
  let memo = memos.get(registry);
  if (!memo) memos.set(registry, (memo = new Map()));
  const key = `${expected}\u0000${raw}`;
  let r = memo.get(key);
  if (r === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, (r = resolveFresh(registry, expected, raw)));
  }
  return r;
}

function resolveFresh(registry: FrameworkRegistry, expected: string, raw: string): Resolution {
  const own = registry.framework(expected);
  if (own) {
    const id = registry.canonical(expected, raw);
    if (id !== undefined) {
      if (own.legacy) return legacy(registry, expected, id, false);
      return { kind: 'valid', framework: expected, id, canonical: id === raw };
    }
    if (own.legacy) {
      const g = legacyGroup(registry, expected, raw);
      if (g) return g;
    }
  }
  for (const fw of registry.frameworks) {
    if (fw.id === expected) continue;
    const id = registry.canonical(fw.id, raw);
    if (id === undefined) {
      if (fw.legacy && fw.successor === expected) {
        const g = legacyGroup(registry, fw.id, raw);
        if (g) return g;
      }
      continue;
    }
    if (fw.legacy && fw.successor === expected) return legacy(registry, fw.id, id, false);
    return { kind: 'wrong-framework', framework: fw.id, id, expected };
  }
  return unknown(registry, expected, raw);
}

/** Resolves an id found in prose, where only its shape says which framework it names. */
export function resolveInProse(registry: FrameworkRegistry, raw: string): Resolution {
  const shape = shapeOf(raw);
  const order = shape === 'soc2' ? ['soc2'] : shape === 'iso' ? ['iso27001', 'iso27001-2013'] : [];
  for (const fwId of order) {
    const fw = registry.framework(fwId);
    if (!fw) continue;
    const id = registry.canonical(fwId, raw);
    if (id !== undefined) {
      if (fw.legacy) return legacy(registry, fwId, id, false);
      return { kind: 'valid', framework: fwId, id, canonical: id === raw };
    }
    if (fw.legacy) {
      const g = legacyGroup(registry, fwId, raw);
      if (g) return g;
    }
  }
  return unknown(registry, order[0], raw);
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
