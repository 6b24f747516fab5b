// A Markdown policy: YAML front matter (the structured fields) and a body
// whose framework ids are found and checked too.
import type { Finding } from '../types.ts';
import type { Entity, FileFacts, IdRef } from '../model/facts.ts';
import { LineIndex } from '../text/lineIndex.ts';
import { asMap, describeNode, parseYaml, spanOf, type YNode } from '../syntax/yamlTree.ts';
import { DocText, readDeclaredId, readEntity, type ParseContext } from './entityReader.ts';
import { findFrontMatter } from '../syntax/frontMatter.ts';
import { scanText } from '../knowledge/ids/proseScan.ts';
import { conflictMarkers, stripBom } from '../syntax/text.ts';
import { addPolicyProse } from './prose/extract.ts';

/** `treeOf` gives the front matter's plain tree when it was read already (on another thread), from the front matter's text. */
export function parsePolicyFile(path: string, rawText: string, ctx: ParseContext, treeOf?: (yaml: string) => YNode | undefined): FileFacts {
  const text = stripBom(rawText);
  const lines = new LineIndex(text);
  const whole = new DocText(path, text, lines, 0);
  const findings: Finding[] = [];
  const prose: IdRef[] = [];
  const facts: FileFacts = { path, kind: 'policy', entities: [], prose, findings, lines: lines.lineCount };

  const markers = conflictMarkers(text);
  if (markers.length > 0) {
    for (const at of markers) findings.push(whole.finding('merge-conflict', 'error', { start: at, end: at + 7 }, 'unresolved git merge conflict marker: resolve the conflict, then the file is checked again'));
    return facts;
  }
  const fm = findFrontMatter(text);
  if (!fm) {
    findings.push(whole.finding('missing-front-matter', 'warning', { start: 0, end: Math.min(text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'), 200) }, `no front matter: start the policy with a '---' block holding id, title, owner and review_frequency, or exclude the file with 'ignore' in crosswalk.yaml`));
    for (const ref of scanText(ctx.registry, whole, text, 0, text.length, undefined)) prose.push(ref);
    return facts;
  }
  if (fm.unclosed) {
    findings.push(whole.finding('yaml-syntax', 'error', { start: 0, end: 3 }, `front matter is never closed: add a '---' line after the last field`));
    return facts;
  }
  const yamlText = text.slice(fm.start, fm.end); // as yamlOf('policy', text) gives it
  const d = new DocText(path, text, lines, fm.start);
  const { root, problems, damaged } = parseYaml(yamlText, treeOf?.(yamlText));
  for (const p of problems) findings.push(d.finding('yaml-syntax', 'error', p, `front matter YAML syntax error: ${p.message}`));
  let entity: Entity | undefined;
  if (problems.length > 0) {
    // What lies before the first error still declares the policy's id.
    const declared = asMap(damaged);
    entity = declared ? readDeclaredId('policy', declared, d, problems) : undefined;
  } else {
    const map = asMap(root);
    if (map) {
      entity = readEntity('policy', map, d, yamlText, ctx, findings, prose);
      if (entity.id === undefined) entity.idRange = lines.range(0, 3);
    } else if (root === null) {
      findings.push(whole.finding('missing-id', 'error', { start: 0, end: 3 }, `empty front matter: a policy needs at least an id and a title`));
    } else {
      findings.push(d.finding('invalid-field', 'error', spanOf(root) ?? { start: 0, end: 1 }, `front matter must be a mapping of fields (id, title, owner, ...), found ${describeNode(root)}`));
    }
  }
  if (entity) {
    // The entity spans the whole front matter block, fences included.
    entity.range = lines.range(0, fm.blockEnd);
    facts.entities.push(entity);
  }
  const owner = entity?.partial ? undefined : entity?.id;
  // One at a time, not push(...): a body can name ids hundreds of thousands of times.
  for (const ref of scanText(ctx.registry, whole, text, fm.bodyStart, text.length, owner)) prose.push(ref);
  if (problems.length === 0) addPolicyProse(facts, text, fm.bodyStart, lines, ctx);
  return facts;
}
