// The crosswalk tables as CSV (one row per pair or no-counterpart entry),
// Markdown (a table per crosswalk) and JSON.
import type { CrosswalkRow, CrosswalkTable } from '../core/queries/crosswalkTable.ts';
import { csvRow, mdCell } from './tables.ts';
import { jsonText } from './neutralise.ts';

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

export function crosswalkCsv(tables: readonly CrosswalkTable[]): string {
  const out = [
    csvRow(['crosswalk', 'source_framework', 'source_id', 'source_title', 'target_framework', 'target_id', 'target_title', 'relationship', 'strength', 'net_new', 'evidence', 'rationale', 'reviewed']),
  ];
  for (const t of tables) {
    for (const r of t.rows)
      out.push(
        csvRow([
          t.id,
          t.from.framework,
          r.sourceId,
          r.sourceTitle,
          t.to.framework,
          r.targetId,
          r.targetTitle,
          r.relationship,
          r.strength,
          r.relationship === 'no-counterpart' ? '' : yesNo(r.netNew),
          r.evidence.join(' '),
          r.rationale,
          r.reviewed,
        ]),
      );
  }
  return out.join('');
}

function counts(rows: readonly CrosswalkRow[]): string {
  const pairs = rows.filter((r) => r.relationship !== 'no-counterpart');
  const strong = pairs.filter((r) => r.strength === 'strong').length;
  const netNew = pairs.filter((r) => r.netNew).length;
  const none = rows.length - pairs.length;
  return `${pairs.length} pair${pairs.length === 1 ? '' : 's'} (${strong} strong, ${netNew} net-new), ${none} declared without counterpart`;
}

export function crosswalkMarkdown(tables: readonly CrosswalkTable[]): string {
  const out: string[] = ['# Crosswalks', ''];
  if (tables.length === 0) out.push('No crosswalk is loaded.', '');
  for (const t of tables) {
    const from = mdCell(t.from.short);
    const to = mdCell(t.to.short);
    out.push(`## ${mdCell(t.title || t.id)}`, '');
    out.push(
      `${from} → ${to}: ${counts(t.rows)}. ${t.bundled ? `Bundled with Crosswalk (${mdCell(t.file)})` : `Read from ${mdCell(t.file)}`}${t.lastReviewed ? `, last reviewed ${mdCell(t.lastReviewed)}` : ''}. The relationship is the ${from} requirement's relative to the ${to} one.`,
      '',
    );
    const sources = Object.entries(t.sources);
    if (sources.length > 0) {
      out.push('Evidence names:', '');
      for (const [name, what] of sources) out.push(`- ${mdCell(name)}: ${mdCell(what)}`);
      out.push('');
    }
    const pairs = t.rows.filter((r) => r.relationship !== 'no-counterpart');
    if (pairs.length > 0) {
      out.push(`| ${from} | title | ${to} | title | relationship | strength | net-new | evidence | rationale | reviewed |`, '|---|---|---|---|---|---|---|---|---|---|');
      for (const r of pairs)
        out.push(
          `| ${mdCell(r.sourceId)} | ${mdCell(r.sourceTitle)} | ${mdCell(r.targetId)} | ${mdCell(r.targetTitle)} | ${r.relationship} | ${r.strength} | ${yesNo(r.netNew)} | ${mdCell(r.evidence.join(', '))} | ${mdCell(r.rationale)} | ${mdCell(r.reviewed)} |`,
        );
      out.push('');
    }
    const none = t.rows.filter((r) => r.relationship === 'no-counterpart');
    if (none.length > 0) {
      out.push('### No counterpart', '', '| framework | id | title | note |', '|---|---|---|---|');
      for (const r of none) {
        const fromSide = r.sourceId !== '';
        out.push(`| ${fromSide ? from : to} | ${mdCell(fromSide ? r.sourceId : r.targetId)} | ${mdCell(fromSide ? r.sourceTitle : r.targetTitle)} | ${mdCell(r.rationale)} |`);
      }
      out.push('');
    }
  }
  return out.join('\n');
}

export function crosswalkJson(tables: readonly CrosswalkTable[]): string {
  return jsonText({ crosswalks: tables });
}
