// A YAML control file: one control, or a `controls:` list of them.
import type { FileFacts } from '../model/facts.ts';
import { asMap, asSeq, describeNode, findEntry, MAX_RECOVERY_CHARS, parseYaml, spanOf, type Span, type YNode } from '../syntax/yamlTree.ts';
import { DocText, readDeclaredId, readEntity, type ParseContext } from './entityReader.ts';
import { openFile } from './openFile.ts';
import { listItemSpans } from './listItemSpans.ts';
import { addControlStatements } from './prose/extract.ts';

/** Parsing each item on its own costs about 50 µs an item: beyond this, a broken file falls back to the ids before its first error. */
const MAX_ITEMS_READ_ALONE = 1000;
/** Nor beyond this much text: recovering from errors item by item costs the composer's time on all of it. */
const MAX_CHARS_READ_ALONE = 4 * MAX_RECOVERY_CHARS;

export function parseControlFile(path: string, rawText: string, ctx: ParseContext): FileFacts {
  const { text, lines, doc: d, facts, conflicted } = openFile(path, rawText, 'controls');
  if (conflicted) return facts;
  const { findings, prose } = facts;
  const { root, problems, damaged } = ctx.yaml.parse(text);
  const syntax = /\.json$/i.test(path) ? 'JSON' : 'YAML';
  for (const p of problems) findings.push(d.finding('yaml-syntax', 'error', p, `${syntax} syntax error: ${p.message}`));
  if (problems.length > 0) {
    const spans = listItemSpans(text);
    if (spans && spans.length <= MAX_ITEMS_READ_ALONE && text.length <= MAX_CHARS_READ_ALONE) {
      // Each control of a list read on its own: those clear of the errors are read in full.
      for (const span of spans) {
        const sub = text.slice(span.start, span.end);
        const part = parseYaml(sub);
        const at = new DocText(path, text, lines, span.start);
        if (part.problems.length === 0) {
          readItems(asSeq(part.root)?.items ?? [], at, sub);
        } else if (part.damaged) declareIds(asSeq(part.damaged)?.items ?? [], at, part.problems);
      }
      addControlStatements(facts, ctx);
    } else if (damaged) {
      const items = controlItems(damaged);
      if (Array.isArray(items)) declareIds(items, d, problems);
    }
    return facts;
  }
  if (root === null) return facts;

  const items = controlItems(root);
  if (!Array.isArray(items)) {
    findings.push(d.finding('invalid-field', 'error', items.at, items.message));
    return facts;
  }
  readItems(items, d, text);
  addControlStatements(facts, ctx);
  return facts;

  function readItems(items: YNode[], at: DocText, sub: string): void {
    for (const item of items) {
      const m = asMap(item);
      if (m) facts.entities.push(readEntity('control', m, at, sub, ctx, findings, prose));
      else findings.push(at.finding('invalid-field', 'error', spanOf(item) ?? { start: 0, end: 1 }, `each control must be a mapping with id, title, owner, ...; found ${describeNode(item)}`));
    }
  }

  /** What lies before the first error still declares its ids; nothing is reported about its shape. */
  function declareIds(items: YNode[], at: DocText, errors: readonly Span[]): void {
    for (const item of items) {
      const m = asMap(item);
      const entity = m ? readDeclaredId('control', m, at, errors) : undefined;
      if (entity) facts.entities.push(entity);
    }
  }
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
