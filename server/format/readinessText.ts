// The readiness report as Markdown and as one self-contained HTML file
// (inline CSS and SVG charts, no script, no network). Repo text is escaped.
import { READINESS_CLASSES, type ClassCounts, type ReadinessClass, type ReadinessDirection, type ReadinessItem, type ReadinessReport } from '../core/queries/readiness.ts';
import { mdCell } from './tables.ts';
import { guardMarkdownLines } from './neutralise.ts';
import { escapeInvisible } from '../core/text/controls.ts';
import { firstAndMore } from '../core/text/lists.ts';

const LABEL: Record<ReadinessClass, string> = {
  mapped: 'already mapped',
  crosswalk: 'met through the crosswalk (review)',
  partial: 'partial crosswalk match',
  'net-new': 'net-new ISMS work',
  gap: 'gap',
};
const COLOR: Record<ReadinessClass, string> = { mapped: '#2e7d32', crosswalk: '#66bb6a', partial: '#fbc02d', 'net-new': '#8e24aa', gap: '#e53935' };

const total = (c: ClassCounts): number => READINESS_CLASSES.reduce((n, k) => n + c[k], 0);
const pct = (n: number, of: number): string => (of === 0 ? '0' : String(Math.round((n / of) * 1000) / 10));

function headline(d: ReadinessDirection): string {
  const all = total(d.counts);
  const reach = d.counts.mapped + d.counts.crosswalk;
  const n = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;
  return `Holding ${d.held.short} and going for ${d.pursued.short}: ${reach} of ${all} applicable ${d.pursued.short} requirements (${pct(reach, all)}%) are already covered: ${d.counts.mapped} mapped${d.mappedInText > 0 ? ` (${d.mappedInText} only in policies' text)` : ''}, ${d.counts.crosswalk} through the crosswalk. ${n(d.counts.partial, 'has', 'have')} only a partial match, ${n(d.counts['net-new'], 'is', 'are')} net-new management-system work, ${n(d.counts.gap, 'is a gap', 'are gaps')}.`;
}

/** The lists both renderings show for one direction; a cited-only item is in its own list, not in the others. */
function listsOf(d: ReadinessDirection): { crosswalk: ReadinessItem[]; netNew: ReadinessItem[]; gaps: ReadinessItem[]; citedOnly: ReadinessItem[] } {
  const listed = d.items.filter((i) => i.citedBy === undefined);
  return {
    crosswalk: listed.filter((i) => i.cls === 'crosswalk'),
    netNew: listed.filter((i) => i.cls === 'net-new'),
    gaps: listed.filter((i) => i.cls === 'gap' || i.cls === 'partial'),
    citedOnly: d.items.filter((i) => i.citedBy !== undefined),
  };
}

/** Why the cited-only list exists, with its count. */
const citedOnlyNote = (n: number): string =>
  `${n} requirement${n === 1 ? ' is' : 's are'} cited in policies' text but mapped by no control or policy: ${n === 1 ? 'it counts' : 'they count'} for nothing until a field maps ${n === 1 ? 'it' : 'them'} (add ${n === 1 ? 'it' : 'them'} to the citing policy's mappings).`;
/** The citing policies, a few by name. */
const citing = (i: ReadinessItem): string => firstAndMore(i.citedBy ?? [], 3, (c) => c);

/** The counterparts an item relies on, with how each relates when it is more than an overlap ("CC7.3 broader"). */
const viaIds = (i: ReadinessItem): string => i.via.map((v) => (v.relationship === 'overlapping' ? v.id : `${v.id} ${v.relationship}`)).join(', ');
/** For net-new work: the held framework's topics that overlap it, which do not make the artefact. */
const overlapNote = (i: ReadinessItem, held: string): string => (i.via.length > 0 ? ` (overlaps ${held} ${viaIds(i)}; the artefact is still to be built)` : '');
/** Why the held framework has nothing to offer, when the crosswalk says so. */
const noneNote = (i: ReadinessItem, held: string): string => (i.noCounterpart !== undefined ? ` (no ${held} counterpart by design: ${i.noCounterpart})` : '');
/** What covers an item's counterparts today, each named once. */
const coveredToday = (i: ReadinessItem): string => [...new Set(i.via.flatMap((v) => v.controls))].join(', ');

export function readinessMarkdown(r: ReadinessReport): string {
  const out: string[] = [`# Readiness report${r.organization ? `: ${mdCell(r.organization)}` : ''}`, '', `Generated ${r.date}.`, ''];
  if (r.directions.length === 0) out.push('SOC 2 and ISO 27001 must both be in scope (crosswalk.yaml `frameworks:`) for a readiness report.', '');
  for (const d of r.directions) {
    out.push(`## ${mdCell(d.held.short)} → ${mdCell(d.pursued.short)}`, '', mdCell(headline(d)), '');
    out.push(`| group | ${READINESS_CLASSES.map((k) => LABEL[k]).join(' | ')} |`, `|---|${READINESS_CLASSES.map(() => '---:').join('|')}|`);
    for (const g of d.groups) if (total(g.counts) > 0) out.push(`| ${mdCell(g.title)} | ${READINESS_CLASSES.map((k) => g.counts[k]).join(' | ')} |`);
    out.push('');
    const { crosswalk, netNew, gaps, citedOnly } = listsOf(d);
    if (crosswalk.length > 0) {
      out.push(`### Met through the crosswalk: confirm and map`, '', `| ${mdCell(d.pursued.short)} | title | via ${mdCell(d.held.short)} | covered today by |`, '|---|---|---|---|');
      for (const i of crosswalk) out.push(`| ${mdCell(i.id)} | ${mdCell(i.title)} | ${mdCell(viaIds(i))} | ${mdCell(coveredToday(i))} |`);
      out.push('');
    }
    if (netNew.length > 0) {
      out.push(`### Net-new management-system work`, '', `${mdCell(d.held.short)} does not require these management-system artefacts:`, '');
      for (const i of netNew) out.push(`- ${mdCell(i.id)} ${mdCell(i.title)}${mdCell(overlapNote(i, d.held.short))}${mdCell(noneNote(i, d.held.short))}`);
      out.push('');
    }
    if (gaps.length > 0) {
      out.push(`### Gaps`, '');
      for (const i of gaps) out.push(`- ${mdCell(i.id)} ${mdCell(i.title)}${i.cls === 'partial' ? ` (partial match: ${mdCell(viaIds(i))})` : ''}${mdCell(noneNote(i, d.held.short))}`);
      out.push('');
    }
    if (citedOnly.length > 0) {
      out.push(`### Cited only`, '', citedOnlyNote(citedOnly.length), '', `| ${mdCell(d.pursued.short)} | title | cited in | stands as |`, '|---|---|---|---|');
      for (const i of citedOnly) out.push(`| ${mdCell(i.id)} | ${mdCell(i.title)} | ${mdCell(citing(i))} | ${LABEL[i.cls]} |`);
      out.push('');
    }
  }
  out.push('## Evidence serving both frameworks', '');
  if (r.sharedEvidence.length === 0) out.push('No evidence item belongs to a control mapped to both frameworks yet.', '');
  else {
    out.push(
      `${r.sharedEvidence.length} evidence items belong to controls mapped to both frameworks: collect once, show to both auditors.`,
      '',
      '| control | evidence | source | frameworks |',
      '|---|---|---|---|',
    );
    for (const e of r.sharedEvidence)
      out.push(
        `| ${mdCell(e.control)} | ${mdCell([e.evidence, e.description].filter(Boolean).join(': '))} | ${mdCell(e.source)} | ${mdCell(e.frameworks.map((f) => `${f.short} ${f.ids.join(', ')}`).join('; '))} |`,
      );
    out.push('');
  }
  out.push(`${r.singleFramework.controls} of ${r.singleFramework.of} controls are mapped to one framework only.`, '');
  return guardMarkdownLines(out.join('\n'));
}

/** HTML text escaping: everything from the repository passes through here. Control and invisible characters are written as \uXXXX, as in every other output, so the file is safe to print too. */
export function escapeHtml(text: string): string {
  return escapeInvisible(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** One horizontal stacked bar, as inline SVG. */
function bar(counts: ClassCounts, width: number, height: number): string {
  const all = total(counts);
  let x = 0;
  const parts = READINESS_CLASSES.filter((k) => counts[k] > 0).map((k) => {
    const w = all === 0 ? 0 : (counts[k] / all) * width;
    const rect = `<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="${height}" fill="${COLOR[k]}"><title>${LABEL[k]}: ${counts[k]}</title></rect>`;
    x += w;
    return rect;
  });
  return `<svg class="bar" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${READINESS_CLASSES.map((k) => `${LABEL[k]} ${counts[k]}`).join(', ')}">${parts.join('')}</svg>`;
}

export interface HtmlOptions {
  /** Where a requirement id links to (the editor's command to reveal it); no links without it. */
  requirementHref?: (framework: string, id: string) => string;
}

export function readinessHtml(r: ReadinessReport, options: HtmlOptions = {}): string {
  const e = escapeHtml;
  const href = options.requirementHref;
  const legend = `<p class="legend">${READINESS_CLASSES.map((k) => `<span><i style="background:${COLOR[k]}"></i>${LABEL[k]}</span>`).join(' ')}</p>`;
  const sections = r.directions.map((d) => {
    const rows = d.groups
      .filter((g) => total(g.counts) > 0)
      .map((g) => `<tr><th>${e(g.title)}</th><td>${bar(g.counts, 320, 14)}</td>${READINESS_CLASSES.map((k) => `<td class="n">${g.counts[k]}</td>`).join('')}</tr>`);
    const parts = listsOf(d);
    // The id of a requirement of the framework pursued, as a link where the page has them.
    const id = (i: ReadinessItem): string => (href ? `<a href="${e(href(d.pursued.framework, i.id))}">${e(i.id)}</a>` : e(i.id));
    const crosswalk = parts.crosswalk.map((i) => `<tr><td>${id(i)}</td><td>${e(i.title)}</td><td>${e(viaIds(i))}</td><td>${e(coveredToday(i))}</td></tr>`);
    const none = (i: ReadinessItem): string => (i.noCounterpart !== undefined ? ` <span class="muted">${e(noneNote(i, d.held.short).trim())}</span>` : '');
    const netNew = parts.netNew.map((i) => `<li>${id(i)} ${e(i.title)}${i.via.length > 0 ? ` <span class="muted">${e(overlapNote(i, d.held.short).trim())}</span>` : ''}${none(i)}</li>`);
    const citedOnly = parts.citedOnly.map((i) => `<tr><td>${id(i)}</td><td>${e(i.title)}</td><td>${e(citing(i))}</td><td>${LABEL[i.cls]}</td></tr>`);
    const gaps = parts.gaps.map((i) => `<li>${id(i)} ${e(i.title)}${i.cls === 'partial' ? ` <span class="muted">(partial match: ${e(viaIds(i))})</span>` : ''}${none(i)}</li>`);
    return `<section>
<h2>${e(d.held.short)} → ${e(d.pursued.short)}</h2>
<p class="headline">${e(headline(d))}</p>
${bar(d.counts, 640, 28)}
${legend}
<table class="groups"><thead><tr><th>group</th><th></th>${READINESS_CLASSES.map((k) => `<th class="n">${LABEL[k]}</th>`).join('')}</tr></thead><tbody>${rows.join('\n')}</tbody></table>
${crosswalk.length > 0 ? `<h3>Met through the crosswalk: confirm and map</h3><table><thead><tr><th>${e(d.pursued.short)}</th><th>title</th><th>via ${e(d.held.short)}</th><th>covered today by</th></tr></thead><tbody>${crosswalk.join('\n')}</tbody></table>` : ''}
${netNew.length > 0 ? `<h3>Net-new management-system work</h3><p>${e(d.held.short)} does not require these management-system artefacts.</p><ul>${netNew.join('')}</ul>` : ''}
${gaps.length > 0 ? `<h3>Gaps</h3><ul>${gaps.join('')}</ul>` : ''}
${citedOnly.length > 0 ? `<h3>Cited only</h3><p>${e(citedOnlyNote(citedOnly.length))}</p><table><thead><tr><th>${e(d.pursued.short)}</th><th>title</th><th>cited in</th><th>stands as</th></tr></thead><tbody>${citedOnly.join('\n')}</tbody></table>` : ''}
</section>`;
  });
  const evidence = r.sharedEvidence.map(
    (x) =>
      `<tr><td>${e(x.control)}</td><td>${e([x.evidence, x.description].filter(Boolean).join(': '))}</td><td>${e(x.source)}</td><td>${e(x.frameworks.map((f) => `${f.short} ${f.ids.join(', ')}`).join('; '))}</td></tr>`,
  );
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Readiness report${r.organization ? `: ${e(r.organization)}` : ''}</title>
<style>
:root{--fg:#222;--bg:#fff;--rule:#ddd;--row:#eee;--muted:#666}
@media (prefers-color-scheme: dark){:root{--fg:#ddd;--bg:#1e1e1e;--rule:#444;--row:#333;--muted:#a0a0a0}}
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:var(--vscode-editor-foreground,var(--fg));background:var(--vscode-editor-background,var(--bg))}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid var(--vscode-panel-border,var(--rule))}table{border-collapse:collapse;margin:1em 0;width:100%}
th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--vscode-panel-border,var(--row));vertical-align:top}td.n,th.n{text-align:right;white-space:nowrap}
.legend span{margin-right:1.2em;white-space:nowrap}.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}
.muted{color:var(--vscode-descriptionForeground,var(--muted))}.headline{font-size:1.05em}svg.bar{display:block}
</style></head><body>
<h1>Readiness report${r.organization ? `: ${e(r.organization)}` : ''}</h1>
<p class="muted">Generated ${e(r.date)} by crosswalk from the catalogue's mappings and the SOC 2 ⇄ ISO 27001 crosswalk. "Met through the crosswalk" means an existing control covers a strongly paired requirement: confirm it with the control owner and map it.</p>
${r.directions.length === 0 ? '<p>SOC 2 and ISO 27001 must both be in scope (crosswalk.yaml <code>frameworks:</code>) for a readiness report.</p>' : sections.join('\n')}
<section><h2>Evidence serving both frameworks</h2>
${evidence.length === 0 ? '<p>No evidence item belongs to a control mapped to both frameworks yet.</p>' : `<p>${evidence.length} evidence items belong to controls mapped to both frameworks: collect once, show to both auditors.</p><table><thead><tr><th>control</th><th>evidence</th><th>source</th><th>frameworks</th></tr></thead><tbody>${evidence.join('\n')}</tbody></table>`}
<p>${r.singleFramework.controls} of ${r.singleFramework.of} controls are mapped to one framework only.</p></section>
</body></html>
`;
}
