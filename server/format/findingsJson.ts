// Machine-readable findings: 1-based lines and columns, as printed in text.
import type { Finding, Range } from '../core/types.ts';
import { jsonText } from './neutralise.ts';

function region(r: Range): { line: number; column: number; endLine: number; endColumn: number } {
  return { line: r.start.line + 1, column: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

export function findingsJson(findings: readonly Finding[], fileCount: number): string {
  const out = {
    files: fileCount,
    summary: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      infos: findings.filter((f) => f.severity === 'info').length,
      hints: findings.filter((f) => f.severity === 'hint').length,
    },
    findings: findings.map((f) => ({
      path: f.path,
      ...region(f.range),
      severity: f.severity,
      rule: f.rule,
      message: f.message,
      ...(f.related ? { related: f.related.map((r) => ({ path: r.path, ...region(r.range), message: r.message })) } : {}),
      ...(f.fixes ? { fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits.map((e) => ({ path: e.path, ...region(e.range), newText: e.newText })) })) } : {}),
    })),
  };
  return jsonText(out);
}
