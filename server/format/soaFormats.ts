// The Statement of Applicability as CSV or Markdown.
import type { SoaRow } from '../core/queries/soa.ts';
import { csvRow, mdCell } from './tables.ts';
import { guardMarkdownLines } from './neutralise.ts';

export function soaCsv(rows: readonly SoaRow[]): string {
  const out = [csvRow(['control', 'title', 'theme', 'applicable', 'status', 'justification', 'implementing_controls', 'policies'])];
  for (const r of rows) out.push(csvRow([r.id, r.title, r.theme, r.applicable ? 'yes' : 'no', r.status, r.justification, r.controls.join(' '), r.policies.join(' ')]));
  return out.join('');
}

export function soaMarkdown(rows: readonly SoaRow[], organization?: string): string {
  const count = (s: SoaRow['status']): number => rows.filter((r) => r.status === s).length;
  const out = [
    `# Statement of Applicability${organization ? `: ${mdCell(organization)}` : ''}`,
    '',
    `ISO/IEC 27001:2022 Annex A: ${rows.length} controls; ${rows.filter((r) => r.applicable).length} applicable (${count('implemented')} implemented, ${count('documented')} documented only, ${count('not-implemented')} not yet implemented), ${count('excluded')} excluded.`,
    '',
    '| Control | Title | Theme | Applicable | Status | Justification | Implementing controls | Policies |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows)
    out.push(
      `| ${mdCell(r.id)} | ${mdCell(r.title)} | ${mdCell(r.theme)} | ${r.applicable ? 'Yes' : 'No'} | ${r.status} | ${mdCell(r.justification)} | ${mdCell(r.controls.join(', '))} | ${mdCell(r.policies.join(', '))} |`,
    );
  return guardMarkdownLines(`${out.join('\n')}\n`);
}
