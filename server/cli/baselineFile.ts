// The baseline file of `check --baseline` / `--write-baseline` on disk.
import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import type { Finding } from '../core/types.ts';
import { BaselineError, baselineText, makeBaseline, parseBaseline, unmatched } from '../core/review/baseline.ts';
import { writeFileSafely } from '../host/atomicWrite.ts';

/** Writes the baseline whole or not at all; returns what went wrong, if anything. */
export async function writeBaseline(file: string, findings: readonly Finding[], fingerprints: readonly string[]): Promise<string | undefined> {
  try {
    await writeFileSafely(nodePath.resolve(file), baselineText(makeBaseline(findings, fingerprints)));
    return undefined;
  } catch (e) {
    return `cannot write the baseline '${file}': ${(e as Error).message}`;
  }
}

/** The findings (and their fingerprints) the baseline does not hold, or why the baseline cannot be used. */
export async function applyBaseline(file: string, findings: readonly Finding[], fingerprints: readonly string[]): Promise<{ findings: Finding[]; fingerprints: string[] } | string> {
  let text: string;
  try {
    text = await fs.readFile(nodePath.resolve(file), 'utf8');
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    return missing ? `baseline '${file}' does not exist: create it with crosswalk check --write-baseline ${file}` : `cannot read the baseline '${file}': ${(e as Error).message}`;
  }
  try {
    const baseline = parseBaseline(text, file);
    const keep = unmatched(
      fingerprints,
      baseline.findings.map((b) => b.fingerprint),
    );
    return { findings: keep.map((i) => findings[i]!), fingerprints: keep.map((i) => fingerprints[i]!) };
  } catch (e) {
    if (e instanceof BaselineError) return e.message;
    throw e;
  }
}
