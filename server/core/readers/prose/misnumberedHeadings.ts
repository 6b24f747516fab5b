// A heading that pairs an id with another requirement's title ("### CC6.2 –
// Physical Access", where physical access is CC6.4) is numbered wrongly: what
// its section covers is not what the id says, and wrong-title reports it. So
// the heading does not count as mapping that id until the two agree. A title
// that is no requirement's (free wording) leaves the mapping as it is.
import type { FileFacts, TitledId } from '../../model/facts.ts';
import type { FrameworkRegistry } from '../../knowledge/frameworks/registry.ts';
import { titleIndex } from '../../knowledge/titles.ts';

export function dropMisnumberedHeadings(facts: FileFacts, titled: readonly TitledId[], registry: FrameworkRegistry): void {
  const headed = facts.prose.filter((r) => r.declaredIn === 'heading' && r.resolution.kind === 'valid');
  if (headed.length === 0 || titled.length === 0) return;
  const titles = titleIndex(registry);
  for (const r of headed) {
    const t = titled.find((x) => x.idRange === r.range);
    if (t === undefined || titles.fits(t.framework, t.id, t.title)) continue;
    if (titles.meant(t.title, [t.framework], t) !== undefined) delete r.declaredIn;
  }
}
