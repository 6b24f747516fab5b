import type { Fix } from '../types.ts';
import type { Citation, Field, FileFacts } from '../model/facts.ts';
import type { Located } from './rule.ts';
import { workspaceRule } from './rule.ts';
import { citesName, nameKeys, type NameKey } from '../knowledge/documentNames.ts';
import { editDistance } from '../text/similarity.ts';
import { contentStems } from '../text/stem.ts';
import { replaceFix } from './util.ts';

/** Names group by the last word before their document noun: a citation and the title it means share it. */
function groupKeys(keys: readonly NameKey[]): string[] {
  return keys.map((k) => k.words.at(-1)!);
}

export const unknownDocument = workspaceRule({
  code: 'unknown-document',
  severity: 'warning',
  summary: 'A document named in prose (a Policy, Procedure, Standard, Plan or Narrative) that no policy in the repository is titled; suggests the closest titles.',
  readsTitles: true,
  *keys(file) {
    for (const c of file.citations ?? []) yield* groupKeys(nameKeys(c.name));
    for (const e of file.entities) if (e.kind === 'policy' && e.title) yield* groupKeys(nameKeys(e.title.text));
  },
  check(key, index, _ctx, members, finding) {
    const docs: NameKey[] = [];
    const cited: Array<{ path: string; c: Citation; k: NameKey }> = [];
    for (const file of members) {
      for (const e of file.entities) if (e.kind === 'policy' && e.title) for (const k of nameKeys(e.title.text)) if (k.words.at(-1) === key) docs.push(k);
      for (const c of citationsIn(file)) {
        const k = nameKeys(c.name)[0];
        if (k && k.words.at(-1) === key) cited.push({ path: file.path, c, k });
      }
    }
    const kinds = index.titleEndings();
    const out = [];
    for (const { path, c, k } of cited) {
      // A kind of document the repository holds none of (its narratives are not read, say) cannot be checked.
      if (k.noun === undefined || !kinds.has(k.noun)) continue;
      if (docs.some((d) => citesName(k, d))) continue;
      const close = closestTitles(c.name, index.titledDocuments());
      const hint = close.length === 0 ? '' : `; did you mean ${close.map((t) => `'${t.item.text}' (${t.path})`).join(' or ')}?`;
      const fixes: Fix[] = close.map((t, i) => replaceFix(`Change to '${t.item.text}'`, path, c.range, t.item.text, i === 0 && close.length === 1));
      out.push(finding(path, c.range, `no document in the repository is titled '${c.name}'${hint}`, fixes));
    }
    return out;
  },
});

function citationsIn(file: FileFacts): readonly Citation[] {
  return file.citations ?? [];
}

interface Prepared {
  t: Located<Field>;
  stems: Set<string>;
  squashed: string;
  noun: string | undefined;
}

/** Per list of titles (a new list whenever a title changes): the titles prepared once, and the answer per cited name. */
const prepared = new WeakMap<readonly Located<Field>[], { titles: Prepared[]; answers: Map<string, Array<Located<Field>>> }>();

/**
 * Up to two titles like the cited name: shared words, or the same letters run together ("Data Center"
 * and "Datacenter"). Asked once per distinct name: a template cited in every policy costs one search.
 */
function closestTitles(name: string, titled: readonly Located<Field>[]): Array<Located<Field>> {
  let cache = prepared.get(titled);
  if (!cache) {
    const seen = new Set<string>();
    const titles: Prepared[] = [];
    for (const t of titled) {
      if (seen.has(t.item.text)) continue;
      seen.add(t.item.text);
      titles.push({ t, stems: new Set(contentStems(t.item.text).filter((s) => !NOUN_STEMS.has(s))), squashed: squash(t.item.text), noun: nounOf(t.item.text) });
    }
    prepared.set(titled, (cache = { titles, answers: new Map() }));
  }
  const known = cache.answers.get(name);
  if (known) return known;
  const mine = new Set(contentStems(name).filter((s) => !NOUN_STEMS.has(s)));
  const squashed = squash(name);
  const noun = nounOf(name);
  const scored: Array<{ t: Located<Field>; score: number }> = [];
  for (const p of cache.titles) {
    let both = 0;
    for (const s of mine) if (p.stems.has(s)) both++;
    // Letters only when no word is shared: run together, "Datacenter" shares no word with "Data Center".
    const longest = Math.max(squashed.length, p.squashed.length, 1);
    const score = both > 0 ? both / (mine.size + p.stems.size - both) : 1 - editDistance(squashed, p.squashed, Math.ceil(longest / 2)) / longest;
    if (score >= 0.5) scored.push({ t: p.t, score: score + (p.noun === noun ? 0.01 : 0) });
  }
  const answer = scored
    .sort((a, b) => b.score - a.score || a.t.item.text.localeCompare(b.t.item.text))
    .slice(0, 2)
    .map((s) => s.t);
  cache.answers.set(name, answer);
  return answer;
}

const NOUN_STEMS = new Set(contentStems('policy procedure standard plan narrative'));

function nounOf(name: string): string | undefined {
  return nameKeys(name)[0]?.noun;
}

function squash(name: string): string {
  return name.toLowerCase().replace(/\b(?:the|policy|procedure|standard|plan|narrative)\b|[^a-z0-9]/g, '');
}
