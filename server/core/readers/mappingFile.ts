// A JupiterOne standards/*.json file: framework mappings of the repository's
// procedures and policies, in one of the shapes JupiterOne's policy builder
// reads.
//
// - controls-mapping.json: `{procedures: [{id, implements: [{standard, requirements: [...]}]}]}`.
// - A standard: `{standard, domains: [{title, controls: [...]}]}`, where either each control
//   is a requirement mapped to documents (`{ref: "CC1.1", mappedControls: ["cp-..."]}`) or each
//   domain is a requirement, its id in the title ("【CC1.1】 ..."), and its controls are
//   documents (`{ref: "cp-..."}`).
//
// Each document gets one mapping-only entity per file (model/facts.ts): the document's own
// file defines it. Ids of standards Crosswalk does not bundle are counted, not read.
import type { Entity, FileFacts, IdRef, Mapping } from '../model/facts.ts';
import { asMap, asSeq, findEntry, scalarText, type Span, type YMap, type YNode } from '../syntax/yamlTree.ts';
import { openFile } from './openFile.ts';
import { resolveUnder } from '../knowledge/ids/resolve.ts';
import { jupiteroneStandard, requirementId, type StandardReading } from '../knowledge/frameworks/jupiteroneStandard.ts';
import type { ParseContext } from './entityReader.ts';

/** A requirement id written in a domain title: "【CC1.1】 The entity ...". */
const TITLE_ID = /【\s*([^【】\s]{1,40})\s*】/;

interface Written {
  text: string;
  span: Span;
}

export function parseMappingFile(path: string, rawText: string, ctx: ParseContext): FileFacts {
  const { text, doc: d, facts, conflicted } = openFile(path, rawText, 'mapping');
  if (conflicted) return facts;
  const { findings, prose } = facts;
  const { root, problems } = ctx.yaml.parse(text);
  for (const p of problems) findings.push(d.finding('yaml-syntax', 'error', p, `JSON syntax error: ${p.message}`));
  const map = problems.length === 0 ? asMap(root) : undefined;
  if (!map) return facts;

  const byDocument = new Map<string, Entity>();
  const unbundled: Record<string, number> = {};

  /** The document's entity in this file, and a reference to it at `at`. */
  const documentAt = (at: Written, field: string, wholeEntry: YNode): Entity => {
    let e = byDocument.get(at.text);
    const range = d.range(at.span);
    if (!e) {
      const whole = d.range({ start: wholeEntry.start, end: wholeEntry.end });
      e = { kind: 'policy', id: at.text, idRange: range, range: whole, evidence: [], mappings: [], refs: [], style: 'crosswalk', mappingOnly: true };
      byDocument.set(at.text, e);
      facts.entities.push(e);
    }
    e.refs.push({ kind: 'policy', id: at.text, range, field });
    return e;
  };

  /** Reads one written requirement id: checked once (as the file's prose), mapped for every document it is listed with. */
  const requirement = (reading: StandardReading, at: Written): IdRef => {
    const id = requirementId(reading, at.text);
    let resolution = resolveUnder(ctx.registry, reading.framework, id, reading.edition);
    if (resolution.kind === 'unknown' && reading.edition === '2013') {
      // Unknown in 2013 too: suggest 2013 ids, written as this standard writes them.
      const older = resolveUnder(ctx.registry, `${reading.framework}-2013`, id);
      if (older.kind === 'unknown') resolution = { ...older, suggestions: older.suggestions.map((s) => (reading.annexA ? s.replace(/^A\./, '') : s)) };
    }
    const ref: IdRef = { raw: at.text, range: d.range(at.span), where: 'prose', resolution };
    // A 2013 id is what this format writes, not something to migrate: it is counted for its successors, not reported.
    if (resolution.kind !== 'legacy') prose.push(ref);
    return ref;
  };

  const addMapping = (e: Entity, standard: Written, reading: StandardReading, ids: IdRef[]): void => {
    let m = e.mappings.find((x) => x.key === standard.text);
    if (!m) {
      m = { key: standard.text, keyRange: d.range(standard.span), framework: reading.framework, ids: [] } satisfies Mapping;
      if (reading.edition === '2013') m.successorsCount = true;
      e.mappings.push(m);
    }
    for (const ref of ids) m.ids.push({ ...ref, where: 'mapping', owner: e.id });
  };

  const procedures = asSeq(findEntry(map, 'procedures')?.value);
  if (procedures) {
    for (const item of procedures.items) {
      const entry = asMap(item);
      const id = entry && written(findEntry(entry, 'id')?.value);
      if (!entry || !id) continue;
      const e = documentAt(id, 'id', item);
      for (const imp of asSeq(findEntry(entry, 'implements')?.value)?.items ?? []) {
        const impMap = asMap(imp);
        const standard = impMap && written(findEntry(impMap, 'standard')?.value);
        if (!impMap || !standard) continue;
        const reqs = (asSeq(findEntry(impMap, 'requirements')?.value)?.items ?? []).map(written).filter((w): w is Written => w !== undefined);
        const reading = jupiteroneStandard(standard.text);
        if (!reading) {
          if (reqs.length > 0) unbundled[standard.text] = (unbundled[standard.text] ?? 0) + reqs.length;
          continue;
        }
        addMapping(
          e,
          standard,
          reading,
          reqs.map((r) => requirement(reading, r)),
        );
      }
    }
  }

  const standard = written(findEntry(map, 'standard')?.value);
  const domains = asSeq(findEntry(map, 'domains')?.value);
  if (standard && domains) readStandard(standard, domains.items);
  if (Object.keys(unbundled).length > 0) facts.unbundled = unbundled;
  return facts;

  function readStandard(standard: Written, domains: YNode[]): void {
    const reading = jupiteroneStandard(standard.text);
    let count = 0;
    for (const domain of domains) {
      const dm = asMap(domain);
      if (!dm) continue;
      const controls = (asSeq(findEntry(dm, 'controls')?.value)?.items ?? []).map(asMap).filter((c): c is YMap => c !== undefined);
      const titled = titleId(findEntry(dm, 'title')?.value);
      for (const control of controls) {
        const ref = written(findEntry(control, 'ref')?.value);
        const mapped = asSeq(findEntry(control, 'mappedControls')?.value);
        if (mapped) {
          // The control is a requirement; mappedControls are the documents that meet it.
          if (!ref) continue;
          if (!reading) {
            if (mapped.items.length > 0) count++;
            continue;
          }
          const docs = mapped.items.map(written).filter((w): w is Written => w !== undefined);
          if (docs.length === 0) continue;
          const id = requirement(reading, ref);
          for (const doc of docs) addMapping(documentAt(doc, 'mappedControls', control), standard, reading, [id]);
        } else if (ref && titled && reading) {
          // The domain is a requirement; its controls are the documents.
          addMapping(documentAt(ref, 'ref', control), standard, reading, [titled.ref ?? (titled.ref = requirement(reading, titled.id))]);
        }
      }
      if (titled && !reading && controls.length > 0) count++;
    }
    if (!reading && count > 0) unbundled[standard.text] = (unbundled[standard.text] ?? 0) + count;
  }

  /** The requirement id a domain title carries, read once per domain. */
  function titleId(node: YNode | null | undefined): { id: Written; ref?: IdRef } | undefined {
    const s = node?.kind === 'scalar' && typeof node.value === 'string' ? node : undefined;
    if (!s) return undefined;
    const raw = text.slice(s.start, s.end);
    const m = TITLE_ID.exec(raw);
    if (!m) return undefined;
    const start = s.start + m.index + m[0].indexOf(m[1]!);
    return { id: { text: m[1]!, span: { start, end: start + m[1]!.length } } };
  }
}

/** A string value as written, its span inside the quotes. */
function written(node: YNode | null | undefined): Written | undefined {
  const s = scalarText(node);
  if (!s || typeof (node as { value: unknown }).value !== 'string') return undefined;
  const t = s.text.trim();
  if (t === '') return undefined;
  const span = s.quoted ? { start: s.start + 1, end: s.end - 1 } : { start: s.start, end: s.end };
  return { text: t, span };
}
