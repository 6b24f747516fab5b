// GitLab Code Quality reports (a JSON array of issues), for merge-request
// widgets and diff annotations from `artifacts: reports: codequality:`.
// GitLab matches issues across pipelines by their fingerprint: the same stable
// value baselines and SARIF use, so a finding moved by unrelated edits is not
// shown as fixed and introduced again.
import type { Finding, Severity } from '../core/types.ts';
import { jsonText, plainText } from './neutralise.ts';

/** GitLab's scale is info, minor, major, critical, blocker; nothing Crosswalk finds blocks a merge by itself. */
const SEVERITY: Record<Severity, 'info' | 'minor' | 'major'> = { error: 'major', warning: 'minor', info: 'info', hint: 'info' };

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major';
  location: { path: string; lines: { begin: number } };
}

/** `fingerprints` holds one value per finding (core/review/fingerprint.ts), in the same order. */
export function findingsCodeQuality(findings: readonly Finding[], fingerprints: readonly string[]): string {
  if (fingerprints.length !== findings.length) throw new Error(`${findings.length} findings but ${fingerprints.length} fingerprints`);
  const issues: CodeQualityIssue[] = findings.map((f, i) => ({
    description: plainText(f.message),
    check_name: f.rule,
    fingerprint: fingerprints[i]!,
    severity: SEVERITY[f.severity],
    // Paths stay as the repository spells them, so GitLab can place the issue on its line; only invisible characters are escaped.
    location: { path: plainText(f.path), lines: { begin: f.range.start.line + 1 } },
  }));
  return jsonText(issues);
}
