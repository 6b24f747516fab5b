// Coverage as a text table with a gap list, JSON, CSV (one row per
// requirement) and Markdown (for pull-request comments and wikis).
import { percent, type CoverageReport, type FrameworkCoverage, type RequirementCoverage, type Totals } from '../core/queries/coverage.ts';
import { csvRow, mdCell } from './tables.ts';
import { guardMarkdownLines, jsonText, textLines } from './neutralise.ts';

const STATUS_WORD: Record<RequirementCoverage['status'], string> = { covered: 'covered', gap: 'gap', excluded: 'excluded', 'out-of-scope': 'out of scope' };

function headline(f: FrameworkCoverage): string {
  const t = f.totals;
  const extra = [t.excluded > 0 ? `${t.excluded} excluded` : '', t.outOfScope > 0 ? `${t.outOfScope} out of scope` : ''].filter(Boolean).join(', ');
  // Gaps that policies name in a sentence but nothing maps: the first place to look for coverage already written down.
  const cited = t.citedOnly > 0 ? `; ${t.citedOnly} gap${t.citedOnly === 1 ? '' : 's'} cited only in policies' text` : '';
  return `${f.short}: ${t.covered} of ${t.covered + t.gap} applicable requirements covered (${percent(t)}%)${extra ? `; ${extra}` : ''}${cited}`;
}

function gapNote(r: RequirementCoverage, report: CoverageReport): string {
  const crossing = crosswalkNote(r, report);
  // Cited in prose but mapped by nothing: still a gap, but not a silent one.
  const cited = r.citedBy ? `cited only, in ${r.citedBy.slice(0, 3).join(', ')}${r.citedBy.length > 3 ? ` and ${r.citedBy.length - 3} more` : ''} (map it to count it)` : '';
  return [cited, crossing].filter(Boolean).join('; ');
}

function crosswalkNote(r: RequirementCoverage, report: CoverageReport): string {
  // Strong pairs are what a reviewer should look at first; partial ones only when there is nothing stronger.
  // Net-new pairs share a topic but not the artefact, so they never suggest the gap is met.
  const covered = r.counterparts.filter((c) => c.status === 'covered' && !c.netNew);
  const strong = covered.filter((c) => c.strength === 'strong');
  const shown = strong.length > 0 ? strong : covered;
  const name = (fw: string): string => report.frameworks.find((f) => f.framework === fw)?.short ?? fw;
  // Each counterpart with the relationship the note relies on: "SOC 2 CC7.3 (broader, strong)".
  const list = (cs: typeof covered): string => cs.map((c) => `${name(c.framework)} ${c.id} (${c.relationship}, ${c.strength})`).join(', ');
  if (shown.length > 0) return `crosswalk: ${list(shown)} covered; review whether those controls also meet it`;
  const overlaps = r.counterparts.filter((c) => c.status === 'covered' && c.netNew);
  const ids = overlaps.map((c) => `${name(c.framework)} ${c.id}`).join(', ');
  // A counterpart declared absent says why, in the crosswalk's words.
  const declared = (r.noCounterpart ?? []).map((d) => `no ${name(d.framework)} counterpart by design: ${d.note}`).join('; ');
  if (r.managementSystem || overlaps.length > 0)
    return `management-system requirement: net-new work${overlaps.length > 0 ? ` (${ids} ${overlaps.length === 1 ? 'is' : 'are'} covered and overlap${overlaps.length === 1 ? 's' : ''} in topic only)` : declared ? `; ${declared}` : ', no SOC 2 counterpart'}`;
  // With one framework in scope there is nothing to cross to.
  if (report.frameworks.filter((f) => f.inScope).length < 2) return '';
  return r.counterparts.length > 0 ? 'crosswalk counterparts are gaps too' : declared || 'no crosswalk counterpart';
}

export function gaps(report: CoverageReport): RequirementCoverage[] {
  return report.frameworks.filter((f) => f.inScope).flatMap((f) => f.groups.flatMap((g) => g.requirements.filter((r) => r.status === 'gap')));
}

export function coverageText(report: CoverageReport): string {
  const out: string[] = [];
  const scoped = report.frameworks.filter((f) => f.inScope);
  const width = scoped.reduce((w, f) => f.groups.reduce((v, g) => Math.max(v, g.title.length), w), 20);
  for (const f of scoped) {
    out.push(headline(f));
    out.push(`  ${'group'.padEnd(width)}  covered    gap  excluded  out of scope`);
    for (const g of f.groups) {
      const t: Totals = g.totals;
      out.push(`  ${g.title.padEnd(width)}  ${String(t.covered).padStart(7)}  ${String(t.gap).padStart(5)}  ${String(t.excluded).padStart(8)}  ${String(t.outOfScope).padStart(12)}`);
    }
    out.push('');
  }
  if (report.unbundled) {
    const shown = report.unbundled.slice(0, 6).map((u) => `${u.standard} (${u.ids})`);
    const more = report.unbundled.length > 6 ? ` and ${report.unbundled.length - 6} more` : '';
    out.push(`Not counted: requirement ids mapped under standards Crosswalk does not bundle: ${shown.join(', ')}${more}`, '');
  }
  const list = gaps(report);
  out.push(list.length === 0 ? 'No gaps.' : `Gaps (${list.length}):`);
  for (const r of list) {
    const fw = report.frameworks.find((f) => f.framework === r.framework)!;
    const note = gapNote(r, report);
    out.push(`  ${fw.short} ${r.id} ${r.title}${note ? ` -- ${note}` : ''}`);
  }
  return textLines(out);
}

export function coverageJson(report: CoverageReport): string {
  return jsonText(report);
}

export function coverageCsv(report: CoverageReport): string {
  const rows = [csvRow(['framework', 'id', 'title', 'group', 'management_system', 'status', 'controls', 'policies', 'justification', 'counterparts', 'mapped_in_text'])];
  for (const f of report.frameworks) {
    for (const g of f.groups) {
      for (const r of g.requirements) {
        rows.push(
          csvRow([
            f.framework,
            r.id,
            r.title,
            r.group,
            r.managementSystem ? 'yes' : 'no',
            r.status,
            r.controls.map((c) => c.id).join(' '),
            r.policies.map((p) => p.id).join(' '),
            r.justification ?? '',
            r.counterparts.map((c) => `${c.framework}:${c.id}`).join(' '),
            // The policies of the `policies` column that map it only in their text, with where: "security-controls.md:heading".
            r.policies.flatMap((p) => (p.inText ? [`${p.id}:${p.inText}`] : [])).join(' '),
          ]),
        );
      }
    }
  }
  return rows.join('');
}

export function coverageMarkdown(report: CoverageReport): string {
  const out: string[] = [`# Coverage${report.organization ? `: ${mdCell(report.organization)}` : ''}`, ''];
  for (const f of report.frameworks.filter((x) => x.inScope)) {
    out.push(`## ${mdCell(f.title)}`, '', mdCell(headline(f)), '', '| Group | Covered | Gap | Excluded | Out of scope |', '|---|---:|---:|---:|---:|');
    for (const g of f.groups) out.push(`| ${mdCell(g.title)} | ${g.totals.covered} | ${g.totals.gap} | ${g.totals.excluded} | ${g.totals.outOfScope} |`);
    out.push('');
  }
  const list = gaps(report);
  out.push(`## Gaps (${list.length})`, '');
  if (list.length > 0) {
    out.push('| Framework | Id | Requirement | Note |', '|---|---|---|---|');
    for (const r of list) out.push(`| ${mdCell(report.frameworks.find((f) => f.framework === r.framework)!.short)} | ${mdCell(r.id)} | ${mdCell(r.title)} | ${mdCell(gapNote(r, report))} |`);
  } else out.push('No gaps.');
  return guardMarkdownLines(`${out.join('\n')}\n`);
}

export { STATUS_WORD };
