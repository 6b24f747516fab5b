// A YAML control file: one control, or a `controls:` list of them.
import type { Finding } from '../types.ts';
import type { FileFacts, IdRef } from './facts.ts';
import { LineIndex } from '../text/lineIndex.ts';
import { asMap, asSeq, describeNode, findEntry, parseYaml, spanOf, type Span, type YNode } from './yamlTree.ts';
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
    // What lies before the first error still declares its ids; nothing is reported about its shape.
    const items = damaged ? controlItems(damaged) : [];
    if (Array.isArray(items)) {
      for (const item of items) {
        const m = asMap(item);
        const entity = m ? readDeclaredId('control', m, d, problems) : undefined;
        if (entity) facts.entities.push(entity);
      }
    }
    return facts;
  }
  if (root === null) return facts;

  const items = controlItems(root);
  if (!Array.isArray(items)) {
    findings.push(d.finding('invalid-field', 'error', items.at, items.message));
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

/** The nodes that stand for controls (the root mapping, or the items of a `controls:` list or of a root list), or where and why the shape is wrong. */
function controlItems(root: YNode): YNode[] | { at: Span; message: string } {
  const rootMap = asMap(root);
  const list = rootMap ? findEntry(rootMap, 'controls') : undefined;
  if (list) {
    const seq = asSeq(list.value);
    return seq ? seq.items : { at: spanOf(list.value) ?? list.keySpan, message: `'controls' must be a list of controls, found ${describeNode(list.value)}` };
  }
  if (rootMap) return [rootMap];
  if (root.kind === 'seq') return root.items;
  return { at: spanOf(root) ?? { start: 0, end: 1 }, message: `a control file holds one control (a mapping with id, title, owner, ...) or a 'controls:' list; found ${describeNode(root)}` };
}
