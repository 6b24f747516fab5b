// Compiler-style output: path:line:col: severity rule: message.
import type { Finding } from '../core/types.ts';
import { textLines } from './neutralise.ts';

export function findingsText(findings: readonly Finding[], fileCount: number, prefix = ''): string {
  const lines = findings.map((f) => `${prefix}${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.rule}: ${f.message}`);
  lines.push(summary(findings, fileCount));
  return textLines(lines);
}

export function summary(findings: readonly Finding[], fileCount: number): string {
  const files = `${fileCount} file${fileCount === 1 ? '' : 's'}`;
  if (findings.length === 0) return `no problems in ${files}`;
  const count = (sev: string, word: string): string | undefined => {
    const n = findings.filter((f) => f.severity === sev).length;
    return n === 0 ? undefined : `${n} ${word}${n === 1 ? '' : 's'}`;
  };
  const parts = [count('error', 'error'), count('warning', 'warning'), count('info', 'info'), count('hint', 'hint')].filter((p) => p !== undefined);
  const withFindings = new Set(findings.map((f) => f.path)).size;
  return `${parts.join(', ')} in ${withFindings} of ${files}`;
}
