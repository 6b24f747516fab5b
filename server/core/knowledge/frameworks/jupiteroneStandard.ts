// How a JupiterOne standard name ("SOC 2 Security", "ISO/IEC 27002:2013")
// reads as a bundled framework: which framework, the ISO 27001 edition its
// ids are written in, and whether its bare numbers are Annex A controls
// (ISO 27002 numbers its controls as 27001's Annex A: 27002:2013 7.2.1 is
// A.7.2.1). Other standards (NIST CSF, CSA CCM, PCI DSS, HIPAA, ...) are
// not bundled: undefined.
import type { IsoEdition } from '../../model/resolution.ts';

export interface StandardReading {
  framework: 'soc2' | 'iso27001';
  /** The ISO 27001 edition the ids are read in; 2022 when absent. */
  edition?: IsoEdition;
  /** ISO 27002 numbering: a bare `7.2.1` is the Annex A control `A.7.2.1`. */
  annexA?: true;
}

export function jupiteroneStandard(name: string): StandardReading | undefined {
  const n = name.trim();
  if (/^(?:AICPA\s+)?SOC\s*2\b/i.test(n)) return { framework: 'soc2' };
  const iso = /^ISO(?:\s*\/\s*IEC)?[\s-]*(27001|27002)\s*:\s*(2013|2022)$/i.exec(n);
  if (!iso) return undefined;
  const reading: StandardReading = { framework: 'iso27001' };
  if (iso[2] === '2013') reading.edition = '2013';
  if (iso[1] === '27002') reading.annexA = true;
  return reading;
}

/** The id to resolve for a requirement as the standard writes it. */
export function requirementId(reading: StandardReading, written: string): string {
  return reading.annexA && /^\d/.test(written) ? `A.${written}` : written;
}
