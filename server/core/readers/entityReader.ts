// Reads one control (a YAML mapping) or one policy (its front matter) into an
// Entity. Both share mappings, references and field handling; offsets are
// shifted by `base` so front matter ranges land in the Markdown file.
import type { Finding } from '../types.ts';
import type { FrameworkRegistry } from '../knowledge/frameworks/registry.ts';
import { knownFrameworks, type Framework } from '../knowledge/frameworks/model.ts';
import type { Config } from '../knowledge/config/config.ts';
import type { Appender, Entity, EntityKind, Field, IdRef, Mapping } from '../model/facts.ts';
import { asMap, asSeq, describeNode, entries, listItems, scalarText, spanOf, type Entry, type ScalarText, type Span, type YamlParser, type YMap, type YNode } from '../syntax/yamlTree.ts';
import { resolveUnder } from '../knowledge/ids/resolve.ts';
import { DocText } from './docText.ts';
import { isoDay, writtenDay } from '../text/dates.ts';
import { closest } from '../text/similarity.ts';
import { fieldHint, otherToolsField } from '../knowledge/fields.ts';
import { linkedItems } from './linkedItems.ts';
import { firstInvisible } from '../text/controls.ts';
import { scanProse } from '../knowledge/ids/proseScan.ts';

export { DocText };

export interface ParseContext {
  registry: FrameworkRegistry;
  config: Config;
  /** The YAML parser to use (trees may have been read ahead on another thread). */
  yaml: YamlParser;
}

/** Field names per kind; the first of each group is canonical, the rest are accepted aliases. */
const FIELDS: Record<EntityKind, Record<string, readonly string[]>> = {
  control: {
    id: ['id'],
    title: ['title', 'name'],
    description: ['description'],
    owner: ['owner'],
    frequency: ['frequency'],
    policies: ['policies'],
    evidence: ['evidence'],
    mappings: ['mappings', 'satisfies'],
  },
  policy: {
    id: ['id', 'acronym'],
    title: ['title', 'name'],
    description: ['description', 'summary'],
    owner: ['owner'],
    frequency: ['review_frequency', 'review'],
    version: ['version'],
    lastReviewed: ['last_reviewed', 'reviewed'],
    mappings: ['satisfies', 'mappings'],
    controls: ['controls'],
    revisions: ['majorRevisions'],
    scope: ['scope'],
    schedule: ['cron'],
    lang: ['lang', 'language'],
    isoEdition: ['iso_edition', 'iso27001_edition'],
  },
};

/** Per kind, every accepted field name to its canonical name. */
const CANONICAL: Record<EntityKind, Map<string, string>> = {
  control: canonicalNames(FIELDS.control),
  policy: canonicalNames(FIELDS.policy),
};

function canonicalNames(fields: Record<string, readonly string[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [canonical, names] of Object.entries(fields)) for (const n of names) out.set(n, canonical);
  return out;
}

/** Whether `name` is a field Crosswalk reads, under any of its names (a target of `fields:` in crosswalk.yaml). */
export function isFieldName(name: string): boolean {
  return CANONICAL.control.has(name) || CANONICAL.policy.has(name);
}

/**
 * The id of an entity in a document with YAML syntax errors, when it lies
 * clear of them: a file being typed in keeps declaring its ids, so references
 * to them elsewhere do not turn into errors while its syntax is broken.
 */
export function readDeclaredId(kind: EntityKind, map: YMap, d: DocText, problems: readonly Span[]): Entity | undefined {
  const all = entries(map);
  const keys = all.map((x) => x.key);
  const e = all.find((x) => CANONICAL[kind].get(x.key) === 'id') ?? (kind === 'policy' ? all.find((x) => otherToolsField(x.key, keys) === 'id') : undefined);
  const s = e ? scalarText(e.value) : undefined;
  if (!e || !s) return undefined;
  const id = s.text.trim();
  // Only a one-line id written before the first problem: from there on, the composer may have misread the text.
  if (id === '' || /[\r\n]/.test(s.text) || problems.some((p) => p.start <= s.end)) return undefined;
  return { kind, id, idRange: d.range(s), range: d.range(map), evidence: [], mappings: [], refs: [], style: 'crosswalk', partial: true };
}

function field(d: DocText, s: ScalarText | undefined): Field | undefined {
  return s && s.text.trim() !== '' ? { text: s.text, range: d.range(s) } : undefined;
}

/**
 * Reads one entity. `sub` is the YAML text the node offsets refer to (the
 * front matter for policies); findings about structure go to `out`.
 */
export function readEntity(kind: EntityKind, map: YMap, d: DocText, sub: string, ctx: ParseContext, out: Finding[], prose: IdRef[]): Entity {
  const span = spanOf(map) ?? { start: 0, end: 0 };
  const entity: Entity = { kind, idRange: d.range({ start: span.start, end: span.start }), range: d.range(span), evidence: [], mappings: [], refs: [], style: 'crosswalk' };
  const canonicalOf = CANONICAL[kind];
  const byName = new Map<string, Entry>();
  const own = ctx.config.fieldNames;
  const ownMappings: Entry[] = [];
  const all = entries(map);
  const keys = kind === 'policy' ? all.map((e) => e.key) : [];
  // Fields given under a name Crosswalk reads: another tool's name for one of them gives way.
  const named = new Set(keys.map((k) => canonicalOf.get(own.fields[k] ?? k)));
  for (const e of all) {
    // A repository's own names, from `fields:` in crosswalk.yaml.
    if (own.mappings[e.key] !== undefined) {
      ownMappings.push(e);
      continue;
    }
    // Another tool's name for a field (`policy_id`) gives way to Crosswalk's own (`id`) wherever it stands.
    const other = kind === 'policy' && !canonicalOf.has(own.fields[e.key] ?? e.key) ? otherToolsField(e.key, keys) : undefined;
    if (other !== undefined && named.has(other)) continue;
    const canonical = canonicalOf.get(own.fields[e.key] ?? e.key) ?? other;
    if (canonical) {
      if (e.key === 'acronym' || e.key === 'name' || e.key === 'majorRevisions') entity.style = 'comply';
      byName.set(canonical, e);
      continue;
    }
    const ids = idLike(e.value, sub, ctx);
    if (ids) {
      (entity.unmappedKeys ??= []).push({ key: e.key, framework: ids.framework });
      out.push(
        d.finding(
          'unmapped-ids',
          'warning',
          e.keySpan,
          `'${e.key}' holds ${shortName(ctx, ids.framework)} ids (${ids.ids}) that Crosswalk does not read under that name: map the key in crosswalk.yaml ('fields: {${e.key}: ${ids.framework}}'), or move the ids under '${kind === 'policy' ? 'satisfies' : 'mappings'}'`,
        ),
      );
      continue;
    }
    const hint = fieldHint(e.key, canonicalOf.keys());
    if (hint) out.push(d.finding('unknown-field', 'warning', e.keySpan, `unknown ${kind} field '${e.key}': did you mean '${hint}'?`));
  }

  const text = (name: string): ScalarText | undefined => {
    const e = byName.get(name);
    if (!e) return undefined;
    const s = scalarText(e.value);
    // `last_reviewed: null` or an empty value: not given (a template set's "never reviewed").
    const empty = e.value === null || (e.value.kind === 'scalar' && e.value.value === null);
    if (!s && !empty) out.push(d.finding('invalid-field', 'error', spanOf(e.value) ?? e.keySpan, `'${e.key}' must be text, found ${describeNode(e.value)}`));
    return s;
  };

  const id = text('id');
  if (id && id.text.trim() !== '') {
    entity.id = id.text.trim();
    entity.idRange = d.range(id);
    // A zero-width, bidirectional or control character makes two different ids look alike (or one look like another).
    const hidden = firstInvisible(entity.id);
    if (hidden !== undefined)
      out.push(
        d.finding(
          'invalid-field',
          'error',
          id,
          `the ${kind} id holds an invisible or control character (U+${hidden.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}) that makes it look like another id: use letters, digits, '.', '_' and '-'`,
        ),
      );
  }
  for (const name of ['title', 'description', 'owner', 'frequency', 'version', 'lastReviewed', 'schedule', 'isoEdition', 'lang'] as const) {
    const f = field(d, text(name));
    if (f) entity[name] = f;
  }
  const revisions = byName.get('revisions');
  if (revisions) checkRevisions(revisions, d, out);
  if (revisions && !entity.lastReviewed) {
    const latest = latestRevision(revisions.value);
    if (latest) entity.lastReviewed = { text: latest.text, range: d.range(latest) };
  }
  if (entity.description) for (const ref of scanProse(ctx.registry, d, sub, byName.get('description')!.value, entity.id)) prose.push(ref);

  readEvidence(byName.get('evidence'), entity, d, out);
  const refField = kind === 'control' ? 'policies' : 'controls';
  const refs = byName.get(refField);
  if (refs) {
    if (!asSeq(refs.value) && !scalarText(refs.value))
      out.push(d.finding('invalid-field', 'error', spanOf(refs.value) ?? refs.keySpan, `'${refs.key}' must be a list of ${refField} ids, found ${describeNode(refs.value)}`));
    for (const item of listItems(refs.value, sub)) {
      entity.refs.push({ kind: kind === 'control' ? 'policy' : 'control', id: item.text, range: d.range(item), field: refs.key });
    }
    for (const ref of linkedItems(refs, kind === 'control' ? 'policy' : 'control', d, out)) entity.refs.push(ref);
  }
  const scope = byName.get('scope');
  if (scope) {
    const items = listItems(scope.value, sub);
    if (items.length > 0) entity.scope = items.map((i) => ({ text: i.text, range: d.range(i) }));
  }
  const mappings = byName.get('mappings');
  if (mappings) readMappings(mappings, entity, d, sub, ctx, out);
  for (const e of ownMappings) readMappingList(e, ctx.registry.framework(own.mappings[e.key]!), entity, d, sub, ctx, out);
  const appender = newMappingAppender(mappings, map, d, sub, kind === 'policy' ? 'satisfies' : 'mappings');
  if (appender) entity.newMapping = appender;
  return entity;
}

/** comply's majorRevisions: a list of {date, comment}; a date and its comment written as two items is the common slip. */
function checkRevisions(e: Entry, d: DocText, out: Finding[]): void {
  if (e.value === null) return;
  const seq = asSeq(e.value);
  if (!seq) {
    out.push(d.finding('invalid-field', 'error', spanOf(e.value) ?? e.keySpan, `'${e.key}' must be a list of {date, comment} items, found ${describeNode(e.value)}`));
    return;
  }
  for (const item of seq.items) {
    const m = asMap(item);
    const span = spanOf(item) ?? e.keySpan;
    if (!m) {
      out.push(d.finding('invalid-field', 'error', span, `each ${e.key} item is {date, comment}, found ${describeNode(item)}`));
      continue;
    }
    const keys = entries(m).map((x) => x.key);
    const missing = ['date', 'comment'].filter((k) => !keys.includes(k));
    if (missing.length === 1) {
      const has = missing[0] === 'date' ? 'comment' : 'date';
      out.push(
        d.finding(
          'invalid-field',
          'error',
          span,
          `this ${e.key} item has a ${has} but no ${missing[0]}: write the date and its comment in one item ('- date: ...' with 'comment: ...' indented under it)`,
        ),
      );
    }
  }
}

function latestRevision(node: YNode | null): ScalarText | undefined {
  const seq = asSeq(node);
  if (!seq) return undefined;
  let best: { s: ScalarText; t: number } | undefined;
  for (const item of seq.items) {
    const m = asMap(item);
    const date = m ? entries(m).find((e) => e.key === 'date') : undefined;
    const s = date ? scalarText(date.value) : undefined;
    const t = s ? writtenDay(s.text) : undefined;
    if (s && t !== undefined && (!best || t > best.t)) best = { s, t };
  }
  if (!best) return undefined;
  // comply writes "Jun 1 2018"; keep ISO dates so the stale-review rule reads one format.
  return { ...best.s, text: isoDay(best.t) };
}

/** Up to three of a field's items that are valid ids of a framework, and that framework, when most of its items are; else undefined. */
function idLike(node: YNode | null, sub: string, ctx: ParseContext): { ids: string; framework: string } | undefined {
  const items = listItems(node, sub).slice(0, 50);
  if (items.length === 0 || items.some((i) => i.text.length > 40)) return undefined;
  // Lettered ids only: a bare number (weight: 5.1) is not taken for an ISO clause.
  const frameworkOf = (text: string): string | undefined => (/[A-Za-z]/.test(text) ? ['soc2', 'iso27001'].find((fw) => resolveUnder(ctx.registry, fw, text).kind === 'valid') : undefined);
  const valid = items.flatMap((i) => {
    const framework = frameworkOf(i.text);
    return framework ? [{ text: i.text, framework }] : [];
  });
  if (valid.length === 0 || valid.length * 2 < items.length) return undefined;
  return {
    ids:
      valid
        .slice(0, 3)
        .map((i) => i.text)
        .join(', ') + (valid.length > 3 ? ', ...' : ''),
    framework: valid[0]!.framework,
  };
}

function shortName(ctx: ParseContext, framework: string): string {
  return ctx.registry.framework(framework)?.short ?? framework;
}

function readEvidence(e: Entry | undefined, entity: Entity, d: DocText, out: Finding[]): void {
  if (!e || e.value === null) return;
  const seq = asSeq(e.value);
  if (!seq) {
    out.push(d.finding('invalid-field', 'error', spanOf(e.value) ?? e.keySpan, `'evidence' must be a list of {id, description, source}, found ${describeNode(e.value)}`));
    return;
  }
  for (const item of seq.items) {
    const span = spanOf(item) ?? e.keySpan;
    const s = scalarText(item);
    if (s) {
      entity.evidence.push({ description: s.text, range: d.range(span) });
      continue;
    }
    const m = asMap(item);
    if (!m) {
      out.push(d.finding('invalid-field', 'error', span, `evidence items are {id, description, source} or text, found ${describeNode(item)}`));
      continue;
    }
    const ev: Entity['evidence'][number] = { range: d.range(span) };
    for (const f of entries(m)) {
      const v = scalarText(f.value)?.text;
      if (f.key === 'id' || f.key === 'description' || f.key === 'source') {
        if (v !== undefined) ev[f.key] = v;
      } else if (!['name', 'type', 'link', 'url', 'location', 'frequency', 'owner', 'retention'].includes(f.key)) {
        const hint = fieldHint(f.key, ['id', 'description', 'source']);
        if (hint) out.push(d.finding('unknown-field', 'warning', f.keySpan, `unknown evidence field '${f.key}': did you mean '${hint}'?`));
      }
    }
    entity.evidence.push(ev);
  }
}

function readMappings(e: Entry, entity: Entity, d: DocText, sub: string, ctx: ParseContext, out: Finding[]): void {
  if (e.value === null) return;
  const m = asMap(e.value);
  if (!m) {
    out.push(d.finding('invalid-field', 'error', spanOf(e.value) ?? e.keySpan, `'${e.key}' must map frameworks to ids, e.g. {soc2: [CC6.1], iso27001: [A.5.15]}; found ${describeNode(e.value)}`));
    return;
  }
  for (const k of entries(m)) {
    const fw = ctx.registry.frameworkForKey(k.key);
    if (!fw) {
      const hint = closest(k.key, ctx.registry.allKeys(), 3, 1)[0];
      out.push(d.finding('unknown-framework', 'error', k.keySpan, `unknown framework '${k.key}'${hint ? ` (did you mean '${hint}'?)` : ''}; known: ${knownFrameworks(ctx.registry.frameworks)}`));
    }
    readMappingList(k, fw, entity, d, sub, ctx, out);
  }
}

/** One key's list of ids, under `mappings:` or a key of the repository's own (`tsc_criteria:`). */
function readMappingList(k: Entry, fw: Framework | undefined, entity: Entity, d: DocText, sub: string, ctx: ParseContext, out: Finding[]): void {
  {
    const mapping: Mapping = { key: k.key, keyRange: d.range(k.keySpan), ids: [] };
    if (fw) mapping.framework = fw.id;
    if (k.value !== null && !asSeq(k.value) && !scalarText(k.value)) {
      out.push(d.finding('invalid-field', 'error', spanOf(k.value) ?? k.keySpan, `ids under '${k.key}' must be a list, found ${describeNode(k.value)}`));
    }
    const items = listItems(k.value, sub);
    items.forEach((item, i) => {
      const ref: IdRef = {
        raw: item.text,
        range: d.range(item),
        where: 'mapping',
        resolution: fw ? resolveUnder(ctx.registry, fw.id, item.text) : { kind: 'unknown', expected: undefined, normalised: item.text, suggestions: [] },
        deleteRange: d.range(deleteSpan(items, i, sub, asSeq(k.value)?.flow === false)),
      };
      if (item.lossy) ref.lossy = true;
      if (entity.id !== undefined) ref.owner = entity.id;
      mapping.ids.push(ref);
    });
    const append = listAppender(k.value, items, d, sub);
    if (append) mapping.append = append;
    entity.mappings.push(mapping);
  }
}

/** The span that removes item `i` from its list, separators and (for block lists) the whole line included. */
function deleteSpan(items: ScalarText[], i: number, text: string, block: boolean): Span {
  const item = items[i]!;
  if (block) {
    const start = text.lastIndexOf('\n', item.start - 1) + 1;
    const nl = text.indexOf('\n', item.end);
    return { start, end: nl === -1 ? text.length : nl + 1 };
  }
  const next = items[i + 1];
  if (next) return { start: item.start, end: next.start };
  const prev = items[i - 1];
  if (prev) return { start: prev.end, end: item.end };
  return { start: item.start, end: item.end };
}

function listAppender(node: YNode | null, items: ScalarText[], d: DocText, text: string): Appender | undefined {
  const last = items.at(-1);
  const seq = asSeq(node);
  if (seq?.flow) {
    const close = text.lastIndexOf(']', seq.end);
    return { position: d.position(close), template: ', $ID', emptyTemplate: '$ID' };
  }
  if (seq && last) {
    const lineStart = text.lastIndexOf('\n', last.start - 1) + 1;
    const prefix = /^\s*-\s*/.exec(text.slice(lineStart, last.start))?.[0] ?? '- ';
    const lineEnd = text.indexOf('\n', last.end);
    return { position: d.position(lineEnd === -1 ? text.length : lineEnd), template: `\n${prefix}$ID` };
  }
  if (last) return { position: d.position(last.end), template: ', $ID' };
  return undefined;
}

function newMappingAppender(mappings: Entry | undefined, entityMap: YMap, d: DocText, text: string, fieldName: string): Appender | undefined {
  const m = mappings ? asMap(mappings.value) : undefined;
  if (m?.flow) {
    const close = text.lastIndexOf('}', m.end);
    return { position: d.position(close), template: entries(m).length > 0 ? ', $KEY: [$IDS]' : '$KEY: [$IDS]' };
  }
  // Where the text before `span.end` stops, trailing whitespace left out.
  const lastLineEnd = (span: Span): number => {
    let end = Math.min(span.end, text.length);
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    return end;
  };
  const keyIndent = (e: Entry): string => {
    const lineStart = text.lastIndexOf('\n', e.keySpan.start - 1) + 1;
    return /^[ \t-]*/.exec(text.slice(lineStart, e.keySpan.start))![0].replace(/-/g, ' ');
  };
  if (m) {
    const es = entries(m);
    const last = es.at(-1);
    if (last) {
      const end = lastLineEnd(spanOf(last.value) ?? last.keySpan);
      return { position: d.position(end), template: `\n${keyIndent(last)}$KEY: [$IDS]` };
    }
  }
  const all = entries(entityMap);
  const last = all.at(-1);
  if (!last) return undefined;
  const end = lastLineEnd(spanOf(last.value) ?? last.keySpan);
  const indent = keyIndent(all[0]!);
  if (mappings) {
    const lineEnd = text.indexOf('\n', mappings.keySpan.end);
    return { position: d.position(lineEnd === -1 ? text.length : lineEnd), template: `\n${keyIndent(mappings)}  $KEY: [$IDS]` };
  }
  return { position: d.position(end), template: `\n${indent}${fieldName}:\n${indent}  $KEY: [$IDS]` };
}
