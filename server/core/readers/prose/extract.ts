// Adds what the documentation rules read to a file's facts: frequency
// statements, definitions, a wording fingerprint, ids written with titles, cited documents, links,
// heading anchors, and which ids the text declares the document maps.
import type { Entity, FileFacts, Statement } from '../../model/facts.ts';
import type { ParseContext } from '../entityReader.ts';
import type { LineIndex } from '../../text/lineIndex.ts';
import { activityMatchers, type ActivityHit, type ActivityMatcher } from './activities.ts';
import { activityObject } from './activityObject.ts';
import { activityVerb } from './activityVerb.ts';
import { findStatements } from './statements.ts';
import { findDefinitions } from './definitions.ts';
import { signature } from './fingerprint.ts';
import { parseFrequency } from '../../knowledge/frequency.ts';
import { findTitledIds } from './titledIds.ts';
import { findCitations } from './citations.ts';
import { dropMisnumberedHeadings } from './misnumberedHeadings.ts';
import { findLinks } from './links.ts';
import { markTextMappings } from './sectionMappings.ts';
import { settleEditionOfMappings } from './textMappingEdition.ts';

export function addPolicyProse(facts: FileFacts, text: string, bodyStart: number, lines: LineIndex, ctx: ParseContext): void {
  markTextMappings(lines, bodyStart, facts.prose);
  const policy = facts.entities[0];
  const owner = policy?.id;
  const matchers = activityMatchers(ctx.config.activities);
  const body = text.slice(bodyStart);
  const statements: Statement[] = findStatements(body, matchers).map((s) => ({
    activity: s.activity,
    ...(s.object ? { object: s.object } : {}),
    ...(s.verb ? { verb: s.verb } : {}),
    frequency: s.frequency,
    phrase: s.phrase,
    range: lines.range(bodyStart + s.start, bodyStart + s.end),
    source: 'prose' as const,
    ...(owner === undefined ? {} : { owner }),
  }));
  if (policy?.frequency) {
    const f = parseFrequency(policy.frequency.text);
    if (f) statements.unshift({ activity: 'policy review', frequency: f, phrase: policy.frequency.text, range: policy.frequency.range, source: 'field', ...(owner === undefined ? {} : { owner }) });
  }
  for (const ref of policy?.refs ?? []) {
    const f = ref.frequency ? parseFrequency(ref.frequency.text) : undefined;
    if (f)
      statements.push({ activity: 'control', control: ref.id, frequency: f, phrase: ref.frequency!.text, range: ref.frequency!.range, source: 'field', ...(owner === undefined ? {} : { owner }) });
  }
  if (statements.length > 0) facts.statements = statements;
  const definitions = findDefinitions(text, bodyStart);
  if (definitions.length > 0) {
    facts.definitions = definitions.map((d) => ({ term: d.term, key: d.key, definition: d.definition, range: lines.range(d.start, d.end), ...(owner === undefined ? {} : { owner }) }));
  }
  const sig = signature(body);
  if (sig) facts.fingerprint = sig;
  const titled = findTitledIds(text, bodyStart, lines, facts.prose);
  if (titled.length > 0) facts.titledIds = titled;
  settleEditionOfMappings(facts, text, titled, ctx.registry);
  dropMisnumberedHeadings(facts, titled, ctx.registry);
  const citations = findCitations(text, bodyStart);
  if (citations.length > 0) facts.citations = citations.map((c) => ({ name: c.name, range: lines.range(c.start, c.end) }));
  const found = findLinks(facts.path, text, bodyStart, lines);
  const anchors = found.anchors;
  // JupiterOne's builder renders every template into one folder: a bare `hr.md` names the rendered
  // document, whichever template folder holds it, so only links with a folder are paths to check.
  const links = ctx.config.documentIds === 'file-stem' ? found.links.filter((l) => !/^[^/\\]+\.md(?:#|$)/i.test(l.raw)) : found.links;
  if (links.length > 0) facts.links = links;
  facts.anchors = anchors;
}

/**
 * A control's `frequency:` is a statement about the control itself (compared
 * with what policies prescribe for its id) and about the activity its title or
 * description names (compared with what documents say of that activity).
 */
export function addControlStatements(facts: FileFacts, ctx: ParseContext): void {
  const matchers = activityMatchers(ctx.config.activities);
  const out: Statement[] = [];
  for (const e of facts.entities) {
    const frequency = e.frequency ? parseFrequency(e.frequency.text) : undefined;
    if (!e.frequency || !frequency) continue;
    if (e.id !== undefined) out.push({ activity: 'control', control: e.id, frequency, phrase: e.frequency.text, range: e.frequency.range, source: 'field', owner: e.id });
    const named = controlStatement(e, matchers);
    if (named) out.push(named);
  }
  if (out.length > 0) facts.statements = out;
}

/** The statement a `frequency:` makes about the activity a control's (or a procedure's) title or description names. */
export function controlStatement(e: Entity, matchers: ActivityMatcher): Statement | undefined {
  if (!e.frequency) return undefined;
  const frequency = parseFrequency(e.frequency.text);
  if (!frequency) return undefined;
  const named = namedActivity(e, matchers);
  if (!named) return undefined;
  return { ...named, frequency, phrase: e.frequency.text, range: e.frequency.range, source: 'field', ...(e.id === undefined ? {} : { owner: e.id }) };
}

function namedActivity(e: Entity, matchers: ActivityMatcher): Pick<Statement, 'activity' | 'object' | 'verb'> | undefined {
  const about = `${e.title?.text ?? ''}. ${e.description?.text ?? ''}`;
  // The first activity in the list that the text names (not where it names it), and the first place it does.
  let best: ActivityHit | undefined;
  for (const hit of matchers.find(about)) {
    if (hit.name === 'policy review') continue;
    if (!best) best = hit;
    else {
      const rank = matchers.names.indexOf(hit.name) - matchers.names.indexOf(best.name);
      if (rank < 0 || (rank === 0 && hit.at < best.at)) best = hit;
    }
  }
  if (!best) return undefined;
  const object = activityObject(about, best.at, best.end);
  const verb = activityVerb(about, best.at, best.end);
  return { activity: best.name, ...(object ? { object } : {}), ...(verb ? { verb } : {}) };
}
