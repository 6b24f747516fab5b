// A number that names a 2013 control objective also names a 2022 control
// (A.8.1 is Responsibility for assets in 2013, User endpoint devices in
// 2022). Ids are read in 2022 unless a document declares 2013; a list of
// them under "Applicable Controls" in a document written against 2013
// would otherwise count, wrongly, for the 2022 controls. So a mapping in
// the text of such a number counts only where the document shows it means
// 2022: it declares 2022, its ISO ids include ones that only 2022 has and
// none that only 2013 has, or the title written beside the id is the 2022
// control's. Otherwise the id stays a citation.
import type { FileFacts, IdRef, TitledId } from '../../model/facts.ts';
import type { FrameworkRegistry } from '../../knowledge/frameworks/registry.ts';
import { meansOtherIn2013, namedEdition } from '../../knowledge/ids/edition.ts';
import { FITS, titleIndex } from '../../knowledge/titles.ts';

export function settleEditionOfMappings(facts: FileFacts, text: string, titled: readonly TitledId[], registry: FrameworkRegistry): void {
  const doubtful = facts.prose.filter((r) => (r.declaredIn !== undefined || r.excludedBecause !== undefined) && isIso(r) && meansOtherIn2013(registry, r.raw));
  if (doubtful.length === 0 || writtenIn2022(facts, text, registry)) return;
  const titles = titleIndex(registry);
  for (const r of doubtful) {
    const id = r.resolution.kind === 'valid' ? r.resolution.id : '';
    const title = titled.find((t) => t.idRange === r.range)?.title;
    const now = title === undefined ? undefined : titles.score('iso27001', id, title);
    const then = title === undefined ? undefined : titles.score('iso27001-2013', id, title);
    if (now !== undefined && now >= FITS && now > (then ?? 0)) continue;
    delete r.declaredIn;
    delete r.excludedBecause;
  }
}

function isIso(r: IdRef): boolean {
  return r.resolution.kind === 'valid' && r.resolution.framework === 'iso27001';
}

/** The document says it follows 2022, or its ISO ids include some only 2022 has and none only 2013 has. */
function writtenIn2022(facts: FileFacts, text: string, registry: FrameworkRegistry): boolean {
  const field = facts.entities[0]?.isoEdition?.text.trim();
  if (field !== undefined) return /(?:^|:)2022$/.test(field);
  if (namedEdition(text) === '2022') return true;
  let only2022 = false;
  for (const r of facts.prose) {
    if (r.resolution.kind === 'legacy') return false;
    if (!only2022 && isIso(r) && r.resolution.kind === 'valid' && r.resolution.id.startsWith('A.') && !meansOtherIn2013(registry, r.raw)) only2022 = true;
  }
  return only2022;
}
