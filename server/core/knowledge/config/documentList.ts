// JupiterOne's config.json: the policy builder's list of every policy,
// procedure and reference document, each with its id and the name the
// builder publishes it under (`{"procedures": [{"id": "cp-key-rotation",
// "name": "Key Rotation", ...}]}`). That name is the document's title; its
// first heading may say something else (a procedure listed as "Customer
// Notices" may open with "### Privacy Statement", a reference's title).
// Read at load, as crosswalk.yaml is; problems are findings on the file.
import type { Finding, Severity } from '../../types.ts';
import { LineIndex } from '../../text/lineIndex.ts';
import { asMap, asSeq, findEntry, parseYaml, type YNode } from '../../syntax/yamlTree.ts';
import { stripBom } from '../../syntax/text.ts';

export const DOCUMENT_LIST_FILE = 'config.json';

/** The lists of config.json that name documents. */
const LISTS = ['policies', 'procedures', 'references'] as const;

export interface DocumentList {
  /** The file, relative to the repository. */
  path: string;
  /** The listed name by document id (no prototype: an id is any text). */
  titles: Record<string, string>;
  findings: Finding[];
}

export function emptyTitles(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/** The names config.json lists the documents under; each problem a finding at its place, never an exception. */
export function readDocumentList(path: string, rawText: string): DocumentList {
  const text = stripBom(rawText);
  // JSON.parse, as the builder reads it, is ten times faster than a tree with positions: those are only needed for a finding.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const titles = value === undefined ? undefined : listedTitles(value);
  if (titles) return { path, titles, findings: [] };
  return readWithPlaces(path, text);
}

/** The titles of a config.json of the expected shape; undefined at the first thing out of place. */
function listedTitles(value: unknown): Record<string, string> | undefined {
  const titles = emptyTitles();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  for (const name of LISTS) {
    if (!Object.hasOwn(value, name)) continue;
    const items = (value as Record<string, unknown>)[name];
    if (!Array.isArray(items)) return undefined;
    for (const item of items as unknown[]) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
      const doc = item as Record<string, unknown>;
      const id = Object.hasOwn(doc, 'id') ? doc.id : undefined;
      if (typeof id !== 'string') return undefined;
      if (!Object.hasOwn(doc, 'name')) continue;
      const title = doc.name;
      if (typeof title !== 'string') return undefined;
      if (title.trim() !== '' && !(id in titles)) titles[id] = title.trim();
    }
  }
  return titles;
}

/** The same reading on a tree with positions, to say where each problem is. */
function readWithPlaces(path: string, text: string): DocumentList {
  const list: DocumentList = { path, titles: emptyTitles(), findings: [] };
  const lines = new LineIndex(text);
  const report = (start: number, end: number, message: string, rule = 'invalid-field', severity: Severity = 'error'): void => {
    list.findings.push({ rule, severity, path, range: lines.range(start, end), message });
  };
  // The YAML reader gives positions (JSON is YAML) and bounds nesting; JSON.parse, what the builder uses, says whether it is JSON.
  const notJson = notJsonAt(text);
  const { root, problems } = parseYaml(text);
  if (problems.length > 0) {
    for (const p of problems) {
      if (notJson !== undefined) report(p.start, p.end, `JSON syntax error: ${p.message}`, 'yaml-syntax');
      // Valid JSON the tree cannot take: a key given twice (JSON.parse keeps the last), or nesting past the limit.
      else if (/unique/i.test(p.message)) report(p.start, p.end, `a key given twice in one object (the policy builder reads the last): config.json is not read until each key is given once`);
      else report(p.start, p.end, `config.json is not read: ${p.message}`);
    }
    return list;
  }
  if (notJson !== undefined) {
    report(notJson, Math.min(text.length, notJson + 1), `not JSON, which the policy builder reads: keys and text in double quotes, no comments, no trailing commas`, 'yaml-syntax');
    return list;
  }
  const top = asMap(root);
  if (!top) {
    report(root?.start ?? 0, root?.end ?? Math.min(text.length, 1), `${DOCUMENT_LIST_FILE} must be an object with the lists 'policies', 'procedures' and 'references'; found ${jsonKind(root)}`);
    return list;
  }
  for (const name of LISTS) {
    const entry = findEntry(top, name);
    if (!entry) continue;
    const seq = asSeq(entry.value);
    if (!seq) {
      const node = entry.value;
      report(node?.start ?? entry.keySpan.start, node?.end ?? entry.keySpan.end, `'${name}' must be a list of documents ({"id": ..., "name": ...}); found ${jsonKind(node)}`);
      continue;
    }
    for (const item of seq.items) {
      const doc = asMap(item);
      if (!doc) {
        report(item.start, item.end, `an item of '${name}' must be a document ({"id": ..., "name": ...}); found ${jsonKind(item)}`);
        continue;
      }
      const id = findEntry(doc, 'id');
      const idText = textOf(id?.value);
      if (idText === undefined) {
        const node = id?.value ?? doc;
        report(node.start, id?.value ? node.end : Math.min(node.end, node.start + 1), id ? `a document's 'id' must be text; found ${jsonKind(id.value)}` : `this item of '${name}' has no 'id'`);
        continue;
      }
      const title = findEntry(doc, 'name');
      if (!title) continue;
      const titleText = textOf(title.value);
      if (titleText === undefined) {
        report(title.value?.start ?? title.keySpan.start, title.value?.end ?? title.keySpan.end, `the 'name' of ${idText} must be text; found ${jsonKind(title.value)}`);
        continue;
      }
      // A name left empty leaves the document's heading as its title; the first listing of an id counts (as in listedTitles).
      if (titleText.trim() !== '' && !(idText in list.titles)) list.titles[idText] = titleText.trim();
    }
  }
  return list;
}

/** Where JSON.parse stops, when the text is YAML but not JSON (`{policies: []}`); undefined when it is JSON. */
function notJsonAt(text: string): number | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const m = /at position (\d+)/.exec(e instanceof Error ? e.message : '');
    return m ? Math.min(Number(m[1]), text.length) : 0;
  }
}

function textOf(node: YNode | null | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.text : undefined;
}

function jsonKind(node: YNode | null | undefined): string {
  if (!node) return 'nothing';
  if (node.kind === 'map') return 'an object';
  if (node.kind === 'seq') return 'an array';
  if (node.kind === 'alias') return 'an alias';
  if (node.value === null) return 'null';
  return typeof node.value === 'string' ? 'text' : `the ${typeof node.value} ${String(node.value)}`;
}
