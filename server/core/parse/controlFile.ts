// A YAML control file: one control, or a `controls:` list of them.
import type { Finding } from '../types.ts';
import type { FileFacts, IdRef } from './facts.ts';
import { LineIndex } from '../text/lineIndex.ts';
import { asMap, asSeq, describeNode, findEntry, parseYaml, spanOf, type YMap, type YNode } from './yamlTree.ts';
import { DocText, readDeclaredId, readEntity, type ParseContext } from './entityReader.ts';
import { conflictMarkers, stripBom } from './text.ts';
import { addControlStatements } from '../prose/extract.ts';

export function parseControlFile(path: string, rawText: string, ctx: ParseContext): FileFacts {
  const text = stripBom(rawText);
  const lines = new LineIndex(text);
  const d = new DocText(path, text, lines, 0);
  const findings: Finding[] = [];
  const prose: IdRef[] = [];
  const facts: FileFacts = { path, kind: 'controls', entities: [], prose, findings, lines: lines.lineCount };

  const markers = conflictMarkers(text);
  if (markers.length > 0) {
    for (const at of markers) findings.push(d.finding('merge-conflict', 'error', { start: at, end: at + 7 }, 'unresolved git merge conflict marker: resolve the conflict, then the file is checked again'));
    return facts;
  }
  const { root, problems, damaged } = parseYaml(text);
  for (const p of problems) findings.push(d.finding('yaml-syntax', 'error', p, `YAML syntax error: ${p.message}`));
  if (problems.length > 0) {
    for (const m of controlMaps(damaged ?? null)) {
      const entity = readDeclaredId('control', m, d, problems);
      if (entity) facts.entities.push(entity);
    }
    return facts;
  }
  if (root === null) return facts;

  const rootMap = asMap(root);
  const list = rootMap ? findEntry(rootMap, 'controls') : undefined;
  let items: YNode[];
  if (list) {
    const seq = asSeq(list.value);
    if (!seq) {
      findings.push(d.finding('invalid-field', 'error', spanOf(list.value) ?? list.keySpan, `'controls' must be a list of controls, found ${describeNode(list.value)}`));
      return facts;
    }
    items = seq.items;
  } else if (rootMap) items = [rootMap];
  else if (root.kind === 'seq') items = root.items;
  else {
    findings.push(d.finding('invalid-field', 'error', spanOf(root) ?? { start: 0, end: 1 }, `a control file holds one control (a mapping with id, title, owner, ...) or a 'controls:' list; found ${describeNode(root)}`));
    return facts;
  }
  for (const item of items) {
    const m = asMap(item);
    if (!m) {
      findings.push(d.finding('invalid-field', 'error', spanOf(item) ?? { start: 0, end: 1 }, `each control must be a mapping with id, title, owner, ...; found ${describeNode(item)}`));
      continue;
    }
    facts.entities.push(readEntity('control', m, d, text, ctx, findings, prose));
  }
  addControlStatements(facts, ctx);
  return facts;
}

/** The mappings that stand for controls in a document, whatever its shape: the root, or the items of a list. */
function controlMaps(root: YNode | null): YMap[] {
  const map = asMap(root);
  const list = map ? findEntry(map, 'controls') : undefined;
  const items = list ? asSeq(list.value)?.items : map ? [map] : asSeq(root)?.items;
  return (items ?? []).flatMap((i) => asMap(i) ?? []);
}
