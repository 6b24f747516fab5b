// How framework ids are written in the wild, per framework, and their
// canonical form: "CC 6.1" -> CC6.1, "Annex A.5.15" / "A5.15" -> A.5.15,
// "Clause 9.2" -> 9.2. A team's own frameworks match by exact id or case.

const SOC2_PREFIX = String.raw`(?:(?:SOC\s*2|TSC)[\s:-]*)?`;
const SOC2 = new RegExp(String.raw`^${SOC2_PREFIX}(CC|PI|A|C|P)\s*(\d{1,2})\s*\.\s*(\d{1,2})\.?$`, 'i');
/** The SOC 2 shape with the criterion number optional and a third number allowed: families (CC6), headings (CC6.0), points of focus (CC6.1.3). */
const SOC2_ANY = new RegExp(String.raw`^${SOC2_PREFIX}(CC|PI|A|C|P)\s*(\d{1,2})(?:\s*\.\s*(\d{1,2}))?(?:\s*\.\s*(\d{1,2}))?\.?$`, 'i');
const ISO_PREFIX = String.raw`(?:ISO(?:\s*\/\s*IEC)?[\s-]*27001(?:\s*:\s*20(?:13|22))?[\s,:-]*)?`;
const ANNEX = new RegExp(String.raw`^${ISO_PREFIX}(?:Annex[\s.]*)?A[\s.]*(\d{1,2})\s*\.\s*(\d{1,2})(?:\s*\.\s*(\d{1,2}))?\.?$`, 'i');
const CLAUSE = new RegExp(String.raw`^${ISO_PREFIX}(?:(?:Clause|Cl\.?|§)[\s.]*)?(\d{1,2}(?:\.\d{1,2}){0,2})\.?$`, 'i');

export function idSpellings(framework: string, raw: string): string[] {
  const text = raw.trim();
  if (framework === 'soc2') {
    const m = SOC2.exec(text);
    return m ? [`${m[1]!.toUpperCase()}${Number(m[2])}.${Number(m[3])}`] : [];
  }
  if (framework === 'iso27001' || framework === 'iso27001-2013') {
    const out: string[] = [];
    const a = ANNEX.exec(text);
    if (a) out.push(['A', Number(a[1]), Number(a[2]), ...(a[3] === undefined ? [] : [Number(a[3])])].join('.'));
    const c = CLAUSE.exec(text);
    if (c) {
      out.push(c[1]!);
      // Under an ISO key, a bare "5.15" can only be Annex A: clause 5 has 5.1-5.3.
      const parts = c[1]!.split('.');
      if (parts.length >= 2) out.push(`A.${c[1]!}`);
    }
    return out;
  }
  return [];
}

/** Which framework an id's shape points to, when it is written without context. */
export function shapeOf(raw: string): 'soc2' | 'iso' | undefined {
  const text = withoutQualifiers(raw).id;
  const m = SOC2_ANY.exec(text);
  if (m) {
    // "A5.15" has the SOC 2 shape but Availability only has A1.x.
    if (m[1]!.toUpperCase() === 'A' && Number(m[2]) !== 1) return 'iso';
    return 'soc2';
  }
  if (ANNEX.test(text) || CLAUSE.test(text) || clauseItem(text)) return 'iso';
  return undefined;
}

/** Where a SOC 2-shaped id sits below the criteria: a family (CC6), a heading (CC6.0) or a point of focus (CC6.1.3). */
export type Soc2Level = { level: 'family' | 'heading'; family: string } | { level: 'point'; criterion: string; point: number };

export function soc2Level(raw: string): Soc2Level | undefined {
  const m = SOC2_ANY.exec(raw.trim());
  if (!m) return undefined;
  const family = `${m[1]!.toUpperCase()}${Number(m[2])}`;
  if (m[3] === undefined) return { level: 'family', family };
  if (m[4] === undefined) return Number(m[3]) === 0 ? { level: 'heading', family } : undefined;
  return Number(m[3]) === 0 ? undefined : { level: 'point', criterion: `${family}.${Number(m[3])}`, point: Number(m[4]) };
}

const ITEM = /^(.*\d)\s*(?:\.([a-z])|\(\s*([a-z])\s*\)|\s([a-z])\))$/i;

/** "6.1.2.d", "6.1.2(d)", "6.1.2 d)": an item of a clause, as the clause text and the item letter. */
export function clauseItem(raw: string): { clause: string; item: string } | undefined {
  const m = ITEM.exec(raw.trim());
  // An item belongs to a clause of two levels or more: clause 5 itself has no lettered items.
  if (!m || !CLAUSE.test(m[1]!) || !/\d\s*\.\s*\d/.test(m[1]!)) return undefined;
  return { clause: m[1]!, item: (m[2] ?? m[3] ?? m[4])!.toLowerCase() };
}

const EDITION_PREFIX = /^ISO(?:\s*\/\s*IEC)?[\s-]*27001(?:\s*:\s*(20(?:13|22)))?(?![\d])[\s,:-]*/i;
const EDITION_SUFFIX = /^\(\s*(?:ISO(?:\s*\/\s*IEC)?[\s-]*27001\s*:\s*)?(20(?:13|22))\s*\)$/i;
const OTHER_PREFIX = /^(?:(?:SOC\s*2|TSC)[\s:-]*(?=[a-z])|Annex[\s.]*(?=A))/i;

/**
 * An id without the framework name, "Annex" or edition around it, and the
 * edition it names: "ISO/IEC 27001:2013 A.9.2.3" and "A.8.1 (2013)" are 2013
 * ids; "ISO 27001 A.13.1" names none. Messages quote `id`.
 */
export function withoutQualifiers(raw: string): { id: string; edition?: '2013' | '2022' } {
  let id = raw.trim();
  let edition: string | undefined;
  const pre = EDITION_PREFIX.exec(id);
  if (pre && pre[0].length < id.length) {
    edition = pre[1];
    id = id.slice(pre[0].length);
  }
  // Tested from the last '(' only: an unanchored search would be quadratic on long runs of spaces.
  const open = id.lastIndexOf('(');
  const post = open > 0 ? EDITION_SUFFIX.exec(id.slice(open)) : null;
  if (post) {
    edition ??= post[1];
    id = id.slice(0, open);
  }
  const other = OTHER_PREFIX.exec(id);
  if (other && other[0].length < id.length) id = id.slice(other[0].length);
  id = id.trim();
  if (id === '') return { id: raw.trim() };
  return edition === '2013' || edition === '2022' ? { id, edition } : { id };
}

/** The shape-normalised form of an id that is not in any catalogue, for "did you mean". */
export function normaliseShape(framework: string, raw: string): string {
  return idSpellings(framework, raw)[0] ?? raw.trim();
}
