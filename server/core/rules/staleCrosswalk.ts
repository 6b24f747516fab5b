import { fileRule } from './rule.ts';
import { daysBetween } from './staleReview.ts';
import { isIsoDate } from './invalidDate.ts';
import { normalisePath } from '../text/paths.ts';
import type { Crosswalk } from '../knowledge/frameworks/model.ts';

export const staleCrosswalk = fileRule({
  code: 'stale-crosswalk',
  severity: 'warning',
  summary: 'A crosswalk in use whose last review is over a year old.',
  check(file, ctx, finding) {
    // Reported once, on crosswalk.yaml, which chooses the crosswalks in use: at the entry that names the file, for a repository's own.
    if (file.kind !== 'config' || ctx.config.path === undefined) return [];
    const start = { line: 0, character: 0 };
    const entryOf = (source: string) => ctx.config.customCrosswalks.find((e) => normalisePath(e.text) === source)?.range ?? { start, end: start };
    const out: ReturnType<typeof finding>[] = [];
    // A CISO Assistant library holds its mapping sets both ways round (`...-revert`), all of the library's date: one finding for the library.
    const libraries = new Map<string, Crosswalk[]>();
    for (const cw of ctx.registry.crosswalks) {
      if (cw.library !== undefined) {
        const sets = libraries.get(cw.source);
        if (sets) sets.push(cw);
        else libraries.set(cw.source, [cw]);
        continue;
      }
      if (!cw.lastReviewed || !isIsoDate(cw.lastReviewed)) {
        out.push(finding(file.path, entryOf(cw.source), `crosswalk ${cw.id} records no last_reviewed date: a mapping nobody reviews drifts from both frameworks`));
        continue;
      }
      const age = daysBetween(cw.lastReviewed, ctx.today);
      if (age > 365)
        out.push(
          finding(file.path, entryOf(cw.source), `crosswalk ${cw.id} was last reviewed on ${cw.lastReviewed}, ${age} days ago: review its pairs against both frameworks and update last_reviewed`),
        );
    }
    for (const [source, sets] of libraries) {
      const published = sets[0]!.lastReviewed;
      if (published === undefined || !isIsoDate(published)) continue; // a library without a publication date: nothing to go by
      const age = daysBetween(published, ctx.today);
      if (age > 365)
        out.push(
          finding(
            file.path,
            entryOf(source),
            `CISO Assistant library '${sets[0]!.library}' (${source}) was published on ${published}, ${age} days ago: take its latest release from CISO Assistant's library, or review its mappings against both frameworks`,
          ),
        );
    }
    return out;
  },
});
