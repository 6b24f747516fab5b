// How framework ids are written in the wild, per framework, and their
// canonical form: "CC 6.1" -> CC6.1, "Annex A.5.15" / "A5.15" -> A.5.15,
// "Clause 9.2" -> 9.2. A team's own frameworks match by exact id or case.

const SOC2 = /^(CC|PI|A|C|P)\s*(\d{1,2})\s*\.\s*(\d{1,2})\.?$/i;
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
  const text = raw.trim();
  if (SOC2.test(text)) {
    // "A5.15" has the SOC 2 shape but Availability only has A1.x.
    const m = SOC2.exec(text)!;
    if (m[1]!.toUpperCase() === 'A' && Number(m[2]) !== 1) return 'iso';
    return 'soc2';
  }
  if (ANNEX.test(text) || CLAUSE.test(text)) return 'iso';
  return undefined;
}

/** The shape-normalised form of an id that is not in any catalogue, for "did you mean". */
export function normaliseShape(framework: string, raw: string): string {
  return idSpellings(framework, raw)[0] ?? raw.trim();
}
