// Baselines: the findings a team accepted on the day it adopted Crosswalk, so
// that `check --baseline` reports only what is new. Matched by fingerprint,
// as a multiset: two identical findings in the baseline excuse two, not more.
import type { Finding } from '../types.ts';
import { FINGERPRINT_KEY } from './fingerprint.ts';

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  path: string;
  /** For a person reading the file; matching uses the fingerprint only. */
  message: string;
}

export interface Baseline {
  scheme: string;
  findings: BaselineEntry[];
}

export class BaselineError extends Error {}

export function makeBaseline(findings: readonly Finding[], fingerprints: readonly string[]): Baseline {
  const entries = findings.map((f, i) => ({ fingerprint: fingerprints[i]!, rule: f.rule, path: f.path, message: f.message }));
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  return { scheme: FINGERPRINT_KEY, findings: entries };
}

export function baselineText(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** Reads a baseline file's text; a file that is not one says what it is and what to do. */
export function parseBaseline(text: string, name: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new BaselineError(`${name} is not JSON (${(e as Error).message}): write it with crosswalk check --write-baseline ${name}`);
  }
  const obj = data as { scheme?: unknown; findings?: unknown };
  if (typeof obj !== 'object' || obj === null || !Array.isArray(obj.findings))
    throw new BaselineError(`${name} is not a Crosswalk baseline (no 'findings' list): write it with crosswalk check --write-baseline ${name}`);
  if (obj.scheme !== FINGERPRINT_KEY)
    throw new BaselineError(`${name} uses fingerprint scheme '${String(obj.scheme)}', this version uses '${FINGERPRINT_KEY}': write it again with crosswalk check --write-baseline ${name}`);
  const findings: BaselineEntry[] = [];
  obj.findings.forEach((e: unknown, i: number) => {
    const entry = e as Partial<BaselineEntry> | null;
    if (typeof entry !== 'object' || entry === null || typeof entry.fingerprint !== 'string') throw new BaselineError(`${name}: finding ${i + 1} has no 'fingerprint'`);
    findings.push({ fingerprint: entry.fingerprint, rule: String(entry.rule ?? ''), path: String(entry.path ?? ''), message: String(entry.message ?? '') });
  });
  return { scheme: FINGERPRINT_KEY, findings };
}

/** The indexes of the fingerprints not matched by one of `known` (each known value matches once). */
export function unmatched(fingerprints: readonly string[], known: Iterable<string>): number[] {
  const left = new Map<string, number>();
  for (const k of known) left.set(k, (left.get(k) ?? 0) + 1);
  const out: number[] = [];
  fingerprints.forEach((fp, i) => {
    const n = left.get(fp) ?? 0;
    if (n > 0) left.set(fp, n - 1);
    else out.push(i);
  });
  return out;
}
