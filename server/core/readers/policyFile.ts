// A Markdown policy: YAML front matter (the structured fields) and a body
// whose framework ids are found and checked too.
import type { DocumentKind, Entity, FileFacts } from '../model/facts.ts';
import type { Range } from '../types.ts';
import { LineIndex } from '../text/lineIndex.ts';
import { asMap, describeNode, spanOf } from '../syntax/yamlTree.ts';
import { DocText, readDeclaredId, readEntity, type ParseContext } from './entityReader.ts';
import { findHeader } from '../syntax/frontMatter.ts';
import { scanText } from '../knowledge/ids/proseScan.ts';
import { openFile } from './openFile.ts';
import { addPolicyProse, controlStatement } from './prose/extract.ts';
import { activityMatchers } from './prose/activities.ts';
import { cronPhrase } from '../knowledge/cron.ts';
import { headerlessDocument, readBodyMetadata } from './bodyMetadata.ts';
import { parseFrequency } from '../knowledge/frequency.ts';

/** A policy, narrative or procedure (`document`). */
export function parsePolicyFile(path: string, rawText: string, ctx: ParseContext, document: DocumentKind = 'policy'): FileFacts {
  const { text, lines, doc: whole, facts, conflicted } = openFile(path, rawText, 'policy');
  if (conflicted) return facts;
  const { findings, prose } = facts;
  if (document !== 'policy') facts.document = document;
  const fm = findHeader(text);
  if (!fm) {
    // Whether that is a problem depends on the repository's other documents (rules/missingFrontMatter.ts).
    const nl = text.indexOf('\n');
    facts.headerless = lines.range(0, Math.min(nl === -1 ? text.length : nl, 200));
    const described = readBodyMetadata(text, lines, 0) ?? namedByFile(path, text, lines, ctx) ?? headerlessDocument(text, lines);
    if (described) {
      if (described.id === undefined && ctx.config.documentIds === 'file-stem') described.id = fileStem(path);
      if (document !== 'policy') described.document = document;
      listedTitle(described, facts.headerless, ctx);
      facts.entities.push(described);
    }
    for (const ref of scanText(ctx.registry, whole, text, 0, text.length, described?.id)) prose.push(ref);
    addPolicyProse(facts, text, 0, lines, ctx);
    return facts;
  }
  if (fm.unclosed) {
    findings.push(whole.finding('yaml-syntax', 'error', { start: 0, end: 3 }, `front matter is never closed: add a '---' line after the last field`));
    return facts;
  }
  const yamlText = text.slice(fm.start, fm.end); // as yamlOf('policy', text) gives it
  const d = new DocText(path, text, lines, fm.start);
  const { root, problems, damaged } = ctx.yaml.parse(yamlText);
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
      if (document !== 'policy') entity.document = document;
      if (fm.bare) entity.style = 'comply';
      if (entity.id === undefined && ctx.config.documentIds === 'file-stem') entity.id = fileStem(path);
      if (entity.id === undefined) entity.idRange = fm.bare ? lines.range(0, Math.max(0, text.indexOf('\n'))) : lines.range(0, 3);
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
  if (entity?.schedule) addSchedule(entity, facts, ctx);
  return facts;
}

/** The name of a document in a layout that names documents by file (JupiterOne's `cp-access-mfa.md.tmpl` is cp-access-mfa). */
export function fileStem(path: string): string {
  const stem = path.slice(path.lastIndexOf('/') + 1).replace(/\.md(?:\.tmpl)?$/i, '');
  // Its reference documents (ref/employee-handbook.md.tmpl) are named ref-employee-handbook.
  return /(?:^|\/)ref\/[^/]+$/.test(path) ? `ref-${stem}` : stem;
}

/** Where documents are named by file, a document that states nothing about itself still has a name, and its first heading as title. */
function namedByFile(path: string, text: string, lines: LineIndex, ctx: ParseContext): Entity | undefined {
  if (ctx.config.documentIds !== 'file-stem') return undefined;
  const start = lines.range(0, 0);
  const heading = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/m.exec(text.slice(0, 4096));
  const entity: Entity = { kind: 'policy', id: fileStem(path), idRange: start, range: start, evidence: [], mappings: [], refs: [], style: 'body' };
  if (heading) {
    const at = heading.index + heading[0].indexOf(heading[2]!);
    entity.title = { text: heading[2]!, range: lines.range(at, at + heading[2]!.length) };
    entity.idRange = entity.title.range;
  }
  return entity;
}

/**
 * Where JupiterOne's config.json lists the document, the name it lists it under is its title (the one the
 * builder publishes), at its first heading, or its first line when it has none.
 */
function listedTitle(entity: Entity, firstLine: Range, ctx: ParseContext): void {
  const titles = ctx.config.documentList?.titles;
  if (!titles || entity.id === undefined || !(entity.id in titles)) return;
  entity.title = { text: titles[entity.id]!, range: entity.title?.range ?? firstLine };
  entity.titleListed = true;
}

/** A procedure's cron schedule is how often it is performed: a statement the frequency rules compare. */
function addSchedule(entity: Entity, facts: FileFacts, ctx: ParseContext): void {
  const schedule = entity.schedule!;
  const reading = cronPhrase(schedule.text);
  if ('problem' in reading) {
    facts.findings.push({ rule: 'invalid-field', severity: 'error', path: facts.path, range: schedule.range, message: `cron '${schedule.text}' ${reading.problem}` });
    return;
  }
  if (!parseFrequency(reading.phrase)) return;
  const statement = controlStatement({ ...entity, frequency: { text: reading.phrase, range: schedule.range } }, activityMatchers(ctx.config.activities));
  if (statement) (facts.statements ??= []).push({ ...statement, phrase: schedule.text });
}
