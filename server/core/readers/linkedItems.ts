// Items of a policy's `controls:` (or a control's `policies:`) written as
// mappings, `{id: C-1, frequency: quarterly}`: a reference that also says how
// often the policy wants the control to operate. Plain ids are read with the
// other list items.
import type { Finding } from '../types.ts';
import type { EntityKind, EntityRef } from '../model/facts.ts';
import { asMap, asSeq, entries, scalarText, spanOf, type Entry } from '../syntax/yamlTree.ts';
import type { DocText } from './docText.ts';

export function linkedItems(list: Entry, kind: EntityKind, d: DocText, out: Finding[]): EntityRef[] {
  const refs: EntityRef[] = [];
  for (const item of asSeq(list.value)?.items ?? []) {
    const m = asMap(item);
    if (!m) continue;
    const fields = entries(m);
    const id = scalarText(fields.find((f) => f.key === 'id')?.value);
    if (!id || id.text.trim() === '') {
      const shape = kind === 'control' ? 'control ids, or {id, frequency} to say how often the control operates' : 'policy ids';
      out.push(d.finding('invalid-field', 'error', spanOf(item) ?? list.keySpan, `items of '${list.key}' are ${shape}; this one has no 'id'`));
      continue;
    }
    const ref: EntityRef = { kind, id: id.text.trim(), range: d.range(id), field: list.key };
    const frequency = kind === 'control' ? scalarText(fields.find((f) => f.key === 'frequency')?.value) : undefined;
    if (frequency && frequency.text.trim() !== '') ref.frequency = { text: frequency.text, range: d.range(frequency) };
    refs.push(ref);
  }
  return refs;
}
