// The documents a policy cites by name and the files it links to, for hover
// and go to definition.
import type { Citation, Field } from '../model/facts.ts';
import type { Located } from '../rules/rule.ts';
import type { Catalogue } from '../engine/catalogue.ts';
import { citesName, nameKeys } from '../knowledge/documentNames.ts';

/** The policies whose title the cited name refers to (usually one). */
export function citedDocuments(catalogue: Catalogue, citation: Citation): Array<Located<Field>> {
  const cited = nameKeys(citation.name)[0];
  if (!cited) return [];
  return catalogue.titledDocuments().filter((t) => nameKeys(t.item.text).some((k) => citesName(cited, k)));
}
