// How outputs name a mapping that a policy declares in its text (a heading,
// a mappings section, a Statement of Applicability row), so a reviewer can
// tell it from a mapping in a field.
import type { FileFacts, TextMappingPlace } from '../model/facts.ts';
import type { CoveringEntity } from './coverage.ts';

const PLACE: Record<TextMappingPlace, string> = { heading: 'heading', section: 'mappings section', soa: 'SoA table' };

/** "mapped in its text: heading" */
export function mappedInText(place: TextMappingPlace): string {
  return `mapped in its text: ${PLACE[place]}`;
}

/** What covers a requirement as lists name it: its id, and where its text maps it when no field does ("security-controls.md (mapped in its text: heading)"). */
export function coveringLabel(c: CoveringEntity, name: (id: string) => string = (id) => id): string {
  return c.inText === undefined ? name(c.id) : `${name(c.id)} (${mappedInText(c.inText)})`;
}

/** The requirements a policy file's text declares it maps, by framework, each once, in the order written. */
export function declaredInText(file: FileFacts | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of file?.kind === 'policy' ? file.prose : []) {
    if (r.declaredIn === undefined || r.resolution.kind !== 'valid') continue;
    const list = out.get(r.resolution.framework) ?? out.set(r.resolution.framework, []).get(r.resolution.framework)!;
    if (!list.includes(r.resolution.id)) list.push(r.resolution.id);
  }
  return out;
}
