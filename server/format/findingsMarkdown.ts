// `check --format markdown`: a summary table and the findings grouped by file,
// for a CI job summary or a pull-request comment. Bounded, so that a
// repository with thousands of findings still gives a page a reviewer can read.
import type { Finding, Severity } from '../core/types.ts';
import { mdCode, mdText } from './markdownText.ts';
import { guardMarkdownLines } from './neutralise.ts';

/** Findings listed in full; the rest are counted. */
export const MAX_LISTED = 100;

const ORDER: Severity[] = ['error', 'warning', 'info', 'hint'];

export function severityTable(findings: readonly Finding[]): string[] {
  const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  return ['| Severity | Findings |', '|---|---:|', ...ORDER.filter((s) => s !== 'hint' || count(s) > 0).map((s) => `| ${s} | ${count(s)} |`)];
}

/** Findings as bullet lists under one heading per file; at most `limit` listed. */
export function findingsByFile(findings: readonly Finding[], limit = MAX_LISTED, level = '###'): string[] {
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of findings.slice(0, limit)) byFile.set(f.path, [...(byFile.get(f.path) ?? []), f]);
  for (const [path, list] of byFile) {
    out.push(`${level} ${mdCode(path)}`, '');
    for (const f of list) out.push(`- line ${f.range.start.line + 1}: **${f.severity}** ${mdCode(f.rule)}: ${mdText(f.message)}`);
    out.push('');
  }
  if (findings.length > limit) out.push(`… and ${findings.length - limit} more (run \`crosswalk check\` for the full list).`, '');
  return out;
}

export function findingsMarkdown(findings: readonly Finding[], fileCount: number, title = 'Crosswalk check'): string {
  const files = new Set(findings.map((f) => f.path)).size;
  const out = [
    `## ${title}`,
    '',
    findings.length === 0
      ? `No problems in ${fileCount} file${fileCount === 1 ? '' : 's'}.`
      : `${findings.length} finding${findings.length === 1 ? '' : 's'} in ${files} of ${fileCount} file${fileCount === 1 ? '' : 's'}.`,
    '',
  ];
  if (findings.length > 0) out.push(...severityTable(findings), '', ...findingsByFile(findings));
  return guardMarkdownLines(`${out.join('\n').trimEnd()}\n`);
}
