// Finds framework ids written in prose ("see CC6.1", "ISO 27001 A.5.15",
// "Clause 9.2"). Only shapes that cannot be ordinary numbers are matched, and
// an unknown id is only reported when it plausibly meant a framework id.
import type { FrameworkRegistry } from '../frameworks/registry.ts';
import type { IdRef } from '../../model/facts.ts';
import { resolveInProse } from './resolve.ts';
import { spanOf, type YNode } from '../../syntax/yamlTree.ts';

interface Ranger {
  range(s: { start: number; end: number }): IdRef['range'];
}

const ISO_NAME = String.raw`ISO(?:\/IEC)?\s?27001(?::20(?:13|22))?,?\s+`;
const EDITION = String.raw`(?:\s?\((?:ISO(?:\/IEC)?\s?27001:)?20(?:13|22)\))?`;
const ISO = String.raw`(?:${ISO_NAME})?(?:Annex\s+)?A\.?\d{1,2}\.\d{1,2}(?:\.\d{1,2})?${EDITION}`;
// Criteria, their headings (P1.0) and tools' points of focus (CC6.1.3); families bare
// only where they cannot be a word of their own: "CC6", but "SOC 2 C1", not "C1" or "P1".
const SOC2 = String.raw`(?:CC\s?\d|PI\d|C\d|P\d)\.\d{1,2}(?:\.\d{1,2})?|CC[1-9]|PI1|(?:SOC\s?2|TSC)\s+(?:A1|C1|P[1-8])`;
// Items of a clause: "6.1.2.d", "6.1.2(d)", "Clause 6.1.2 d)".
const ITEM = String.raw`(?:${ISO_NAME})?(?:[Cc]lause\s+)?\d{1,2}\.\d{1,2}(?:\.\d{1,2})?(?:\.[a-z]|\s?\([a-z]\)|\s[a-z]\))`;
const CLAUSE = String.raw`(?:${ISO_NAME})?[Cc]lause\s+\d{1,2}(?:\.\d{1,2}){0,2}`;
const PROSE = new RegExp(String.raw`(?<![\w.\/-])(?:${ISO}|${SOC2}|${ITEM}|${CLAUSE})(?![\w-]|\.\d)`, 'g');

/** Ids in `text[start, end)`; ranges through `d` (which adds any front-matter base). */
export function scanText(registry: FrameworkRegistry, d: Ranger, text: string, start: number, end: number, owner: string | undefined): IdRef[] {
  const out: IdRef[] = [];
  const slice = text.slice(start, end);
  PROSE.lastIndex = 0;
  for (let m = PROSE.exec(slice); m; m = PROSE.exec(slice)) {
    const raw = m[0];
    const resolution = resolveInProse(registry, raw);
    if (resolution.kind === 'unknown' && !plausible(raw)) continue;
    const ref: IdRef = { raw, range: d.range({ start: start + m.index, end: start + m.index + raw.length }), where: 'prose', resolution };
    if (owner !== undefined) ref.owner = owner;
    out.push(ref);
  }
  return out;
}

/** Ids in the source text of one YAML node (block scalars included, so ranges stay exact). */
export function scanProse(registry: FrameworkRegistry, d: Ranger, text: string, node: YNode | null, owner: string | undefined): IdRef[] {
  const span = spanOf(node);
  return span ? scanText(registry, d, text, span.start, span.end, owner) : [];
}

/**
 * "Clause 14.3 of the contract", "A.2.1 of the appendix" or item "3.1.a" are not framework
 * ids: only report an unknown id when its numbers fall where the frameworks'
 * ids live.
 */
function plausible(raw: string): boolean {
  if (/clause/i.test(raw)) return /ISO/i.test(raw);
  if (/^\d/.test(raw)) return false; // "3.1.a" of some other document
  if (/^A1\.\d/.test(raw)) return true; // SOC 2 Availability shape
  const iso = /A\.?(\d{1,2})\.\d/.exec(raw);
  if (iso && !/^(?:CC|PI|C|P)/.test(raw)) return Number(iso[1]) >= 5 && Number(iso[1]) <= 18;
  return true;
}
