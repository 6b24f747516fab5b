// `crosswalk diff` as text, JSON and Markdown (a job summary or a
// pull-request comment): the findings a change introduces and fixes, and how
// coverage moves per framework and requirement.
import type { Finding } from '../core/types.ts';
import type { Comparison, FrameworkChange } from '../core/review/compare.ts';
import { percent } from '../core/queries/coverage.ts';
import { findingsByFile } from './findingsMarkdown.ts';
import { mdText } from './markdownText.ts';
import { guardMarkdownLines, jsonText, textLines } from './neutralise.ts';

export interface DiffLabels {
  base: string;
  head: string;
}

function line(f: Finding): string {
  return `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.rule}: ${f.message}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function totalsLine(c: FrameworkChange): string {
  return `${c.short}: ${c.before.covered} -> ${c.after.covered} of ${c.after.covered + c.after.gap} applicable requirements covered (${percent(c.before)}% -> ${percent(c.after)}%)`;
}

export function diffText(cmp: Comparison, labels: DiffLabels): string {
  const out = [`crosswalk diff ${labels.base}..${labels.head}: ${plural(cmp.introduced.length, 'finding')} introduced, ${plural(cmp.fixed.length, 'finding')} fixed`];
  if (cmp.introduced.length > 0) out.push('', 'Introduced:', ...cmp.introduced.map((f) => `  + ${line(f)}`));
  if (cmp.fixed.length > 0) out.push('', 'Fixed:', ...cmp.fixed.map((f) => `  - ${line(f)}`));
  out.push('');
  if (cmp.coverage.length === 0) out.push('Coverage: no change.');
  for (const c of cmp.coverage) {
    out.push(totalsLine(c), ...c.moves.map((m) => `  ${m.summary}`), ...c.requirements.map((r) => `  ${r.id}: ${r.summary}`));
  }
  return textLines(out);
}

export function diffJson(cmp: Comparison, labels: DiffLabels, fingerprintOf: (f: Finding) => string): string {
  const finding = (f: Finding): Record<string, unknown> => ({
    path: f.path,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    severity: f.severity,
    rule: f.rule,
    message: f.message,
    fingerprint: fingerprintOf(f),
  });
  return jsonText({ base: labels.base, head: labels.head, introduced: cmp.introduced.map(finding), fixed: cmp.fixed.map(finding), coverage: cmp.coverage });
}

/** Findings listed per section; the rest are counted. */
const MAX_LISTED = 50;

export function diffMarkdown(cmp: Comparison, labels: DiffLabels): string {
  const out = [`## Crosswalk: ${mdText(labels.base)} → ${mdText(labels.head)}`, '', `${plural(cmp.introduced.length, 'finding')} introduced, ${plural(cmp.fixed.length, 'finding')} fixed.`, ''];
  if (cmp.coverage.length === 0) out.push('Coverage: no change.', '');
  else {
    out.push('| Framework | Covered before | Covered after | Change |', '|---|---:|---:|---|');
    for (const c of cmp.coverage)
      out.push(`| ${mdText(c.short)} | ${c.before.covered} (${percent(c.before)}%) | ${c.after.covered} (${percent(c.after)}%) | ${c.moves.map((m) => mdText(m.summary)).join('; ')} |`);
    out.push('');
    for (const c of cmp.coverage) {
      out.push(`### Coverage: ${mdText(c.short)}`, '', ...c.requirements.slice(0, MAX_LISTED).map((r) => `- **${mdText(r.id)}** ${mdText(r.title)}: ${mdText(r.summary)}`));
      if (c.requirements.length > MAX_LISTED) out.push(`- … and ${c.requirements.length - MAX_LISTED} more`);
      out.push('');
    }
  }
  if (cmp.introduced.length > 0) out.push('### Introduced', '', ...findingsByFile(cmp.introduced, MAX_LISTED, '####'));
  if (cmp.fixed.length > 0) out.push('### Fixed', '', ...findingsByFile(cmp.fixed, MAX_LISTED, '####'));
  return guardMarkdownLines(`${out.join('\n').trimEnd()}\n`);
}
