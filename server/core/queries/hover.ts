// Hover text (Markdown) for framework ids, control and policy ids. Every piece
// of text that comes from a file is escaped.
import type { Project } from '../engine/project.ts';
import type { Entity } from '../model/facts.ts';
import type { Target } from './target.ts';
import type { Resolution } from '../knowledge/ids/resolve.ts';
import { code, escapeMarkdown as esc } from './markdown.ts';
import type { Citation } from '../model/facts.ts';
import { citedDocuments } from './documents.ts';
import { firstAndMore } from '../text/lists.ts';
import { requirementStatus, statusOnly, type CoverageStatus } from './coverage.ts';
import type { Counterpart } from '../knowledge/frameworks/registry.ts';
import { counterpartIs, likelyMeets, RELATIVE_PHRASE } from '../knowledge/frameworks/relationship.ts';
import { coveringLabel, declaredInText } from './mappedInText.ts';
import type { CoveringEntity } from './coverage.ts';

const STATUS: Record<CoverageStatus, string> = {
  covered: 'covered',
  gap: 'gap: nothing in this repository covers it',
  excluded: 'excluded in the Statement of Applicability',
  'out-of-scope': 'out of scope',
};

const SHORT_STATUS: Record<CoverageStatus, string> = { covered: 'covered', gap: 'gap', excluded: 'excluded', 'out-of-scope': 'out of scope' };

export function hoverText(project: Project, target: Target): string | undefined {
  switch (target.kind) {
    case 'framework-id':
      return frameworkIdHover(project, target.ref.resolution);
    case 'entity':
      return entityHover(project, target.entity.kind, target.entity.id!);
    case 'entity-ref':
      return entityHover(project, target.ref.kind, target.ref.id);
    case 'citation':
      return citationHover(project, target.citation);
    case 'link':
    case 'title':
      return undefined;
    case 'framework-key': {
      const fw = target.mapping.framework === undefined ? undefined : project.registry.framework(target.mapping.framework);
      return fw ? `**${esc(fw.title)}**${fw.edition ? ` (${esc(fw.edition)})` : ''}\n\n${fw.requirements.length} requirements · key ${code(target.mapping.key)} names ${code(fw.id)}` : undefined;
    }
  }
}

/** The document a cited name refers to: its title, id, owner and file. */
function citationHover(project: Project, citation: Citation): string {
  const docs = citedDocuments(project.catalogue, citation);
  if (docs.length === 0) return `No document in this repository is titled ${code(citation.name)}.`;
  return docs
    .slice(0, 5)
    .map((d) => {
      const e = d.entity;
      const about = [
        e.id === undefined ? undefined : `policy ${code(e.id)}`,
        e.owner ? `owner ${esc(e.owner.text)}` : undefined,
        e.lastReviewed ? `reviewed ${esc(e.lastReviewed.text)}` : undefined,
      ].filter((x) => x !== undefined);
      return `**${esc(d.item.text)}** · ${code(d.path)}${about.length > 0 ? `\n\n${about.join(' · ')}` : ''}`;
    })
    .join('\n\n---\n\n');
}

export function frameworkIdHover(project: Project, r: Resolution): string | undefined {
  const reg = project.registry;
  if (r.kind === 'unknown') return undefined;
  if (r.kind === 'legacy') {
    const fw = reg.framework(r.framework)!;
    const title = r.group ? reg.group(r.framework, r.id)?.title : reg.requirement(r.framework, r.id)?.title;
    const succ = r.successors.map((s) => `- ${code(s)} ${esc(reg.requirement(r.successorFramework, s)?.title ?? '')}`);
    const next = reg.framework(r.successorFramework)?.short ?? r.successorFramework;
    return [
      `**${esc(r.id)}** · ${esc(fw.short)}${r.group ? ' control objective' : ''} (withdrawn)`,
      '',
      esc(title ?? ''),
      '',
      succ.length > 0 ? `**${esc(next)} successor${succ.length > 1 ? 's' : ''}**${req2013Relation(project, r.framework, r.id)}:\n${succ.join('\n')}` : `No ${esc(next)} successor.`,
    ].join('\n');
  }
  if (r.kind === 'family') return familyHover(project, r);
  if (r.kind === 'point-of-focus') {
    const criterion = frameworkIdHover(project, { kind: 'valid', framework: r.framework, id: r.id, canonical: true });
    const short = reg.framework(r.framework)?.short ?? r.framework;
    return [`**${esc(r.id)}.${r.point}** · point of focus ${r.point} of ${code(r.id)} as compliance tools number them, not a ${esc(short)} criterion`, '', criterion ?? ''].join('\n');
  }
  const fw = reg.framework(r.framework)!;
  const req = reg.requirement(r.framework, r.id)!;
  const chain = reg.groupChain(r.framework, r.id).map((g) => esc(g.title));
  const item = r.kind === 'valid' ? r.item : undefined;
  const head = item === undefined ? esc(r.id) : `${esc(r.id)} ${esc(item)})`;
  const named = item === undefined ? `*${esc(req.title)}*` : `Item ${esc(item)}) of clause ${esc(r.id)}, *${esc(req.title)}*`;
  // What a reader came for first: where the requirement stands here, above the fold of a tall hover.
  const cov = requirementStatus(project, r.framework, r.id);
  const who = [cov.controls.length > 0 ? `controls ${ids(cov.controls)}` : '', cov.policies.length > 0 ? `policies ${ids(cov.policies)}` : ''].filter(Boolean);
  const lines = [
    `**${head}** · ${esc(fw.short)}${chain.length > 0 ? ` · ${chain.join(' › ')}` : ''}`,
    '',
    `**In this repository:** ${STATUS[cov.status]}${who.length > 0 ? ` by ${who.join('; ')}` : ''}`,
    '',
    named,
  ];
  if (req.description) lines.push('', esc(req.description));
  if (req.new) lines.push('', 'New in ISO/IEC 27001:2022.');
  if (req.iso2013 && req.iso2013.length > 0) lines.push('', `From 2013: ${req.iso2013.map(code).join(', ')}`);
  const counterparts = reg.counterpartsWithin(r.framework, r.id);
  if (counterparts.length > 0) lines.push(...counterpartLines(project, counterparts));
  const declared = reg.declaredWithoutCounterpart(r.framework, r.id);
  for (const d of declared) lines.push('', `**No ${esc(reg.framework(d.other)?.short ?? d.other)} counterpart:** ${esc(d.entry.note)}`);
  if (counterparts.length === 0 && declared.length === 0 && r.framework === 'iso27001' && reg.groupChain(r.framework, r.id)[0]?.id === 'clauses') {
    lines.push('', 'Management-system requirement: no SOC 2 counterpart.');
  }
  return lines.join('\n');
}

/** A SOC 2 family or its heading: what it groups, since it is no criterion itself. */
function familyHover(project: Project, r: Extract<Resolution, { kind: 'family' }>): string {
  const reg = project.registry;
  const group = reg.group(r.framework, r.id);
  const category = group?.parent === undefined ? undefined : reg.group(r.framework, group.parent);
  const short = esc(reg.framework(r.framework)?.short ?? r.framework);
  const head = r.heading ? `**${esc(r.id)}.0** · ${short} heading of family ${esc(r.id)}` : `**${esc(r.id)}** · ${short} family`;
  const criteria = r.criteria.map((c) => `- ${code(c)} ${esc(reg.requirement(r.framework, c)?.title ?? '')}`);
  return [`${head}${category ? ` · ${esc(category.title)}` : ''}`, '', `*${esc(group?.title ?? r.id)}*`, '', `Not a criterion: its criteria are\n${criteria.join('\n')}`].join('\n');
}

/**
 * One line per strong counterpart, those likely to meet it first: how it relates ("is broader"), how far
 * it can be relied on, its status here and the pair's rationale, so the reader sees why the pair exists.
 * Partial counterparts fold into one line of ids and titles: a criterion can have a dozen of them.
 */
function counterpartLines(project: Project, counterparts: readonly Counterpart[]): string[] {
  const reg = project.registry;
  const byFw = new Map<string, Counterpart[]>();
  for (const c of counterparts) byFw.set(c.framework, [...(byFw.get(c.framework) ?? []), c]);
  const out: string[] = [];
  for (const [f, list] of byFw) {
    const strong = list.filter((c) => c.pair.strength !== 'partial');
    const ordered = [...strong.filter((c) => likelyMeets(c.pair)), ...strong.filter((c) => !likelyMeets(c.pair))];
    const partial = list.filter((c) => c.pair.strength === 'partial');
    out.push('', `**Crosswalk → ${esc(reg.framework(f)?.short ?? f)}:**`);
    for (const c of ordered) {
      const facts = [RELATIVE_PHRASE[counterpartIs(c)], c.pair.strength, ...(c.pair.netNew ? ['net-new ISMS work'] : []), SHORT_STATUS[statusOnly(project, c.framework, c.id)]];
      const about = [reg.requirement(c.framework, c.id)?.title, c.pair.rationale].filter((t): t is string => Boolean(t)).map(esc);
      out.push(`- ${code(c.id)} ${facts.join(' · ')}${about.length > 0 ? ` — ${about.length === 2 ? `*${about[0]}*: ${about[1]}` : about[0]}` : ''}`);
    }
    if (partial.length > 0) {
      const titled = (c: Counterpart): string => {
        const title = reg.requirement(c.framework, c.id)?.title;
        return title ? `${code(c.id)} ${esc(title)}` : code(c.id);
      };
      out.push(`- Partial: ${partial.length} — ${firstAndMore(partial, PARTIAL_SHOWN, titled)}`);
    }
  }
  return out;
}

/** Partial counterparts named in a hover before the rest become a count. */
const PARTIAL_SHOWN = 3;

/** Up to eight ids, then a count: a criterion can be mapped by hundreds of controls. A policy that maps it in its text says so. */
function ids(list: readonly CoveringEntity[]): string {
  return firstAndMore(list, 8, (c) => coveringLabel(c, code));
}

function req2013Relation(project: Project, framework: string, id: string): string {
  const rel = project.registry.requirement(framework, id)?.relation;
  return rel ? ` (${esc(rel)})` : '';
}

export function entityHover(project: Project, kind: Entity['kind'], id: string): string {
  const defs = project.catalogue.definitions(kind, id);
  if (defs.length === 0) return `**${esc(id)}** · ${kind} not defined in this repository`;
  const { entity: e, path } = defs[0]!;
  const reg = project.registry;
  const lines = [`**${esc(id)}** · ${kind}${e.title ? ` · ${esc(e.title.text)}` : ''}`];
  const facts = [
    e.owner ? `Owner: ${esc(e.owner.text)}` : 'No owner',
    e.frequency ? `${kind === 'policy' ? 'Review' : 'Frequency'}: ${esc(e.frequency.text)}` : '',
    e.version ? `Version ${esc(e.version.text)}` : '',
    e.lastReviewed ? `Last reviewed ${esc(e.lastReviewed.text)}` : '',
  ].filter(Boolean);
  lines.push('', e.partial ? 'Only the id could be read: its file has a YAML syntax error.' : facts.join(' · '));
  if (e.description) lines.push('', esc(e.description.text));
  for (const m of e.mappings) {
    const ids = m.ids.map((r) => (r.resolution.kind === 'valid' ? `${code(r.resolution.id)}` : `${code(r.raw)}?`));
    if (ids.length > 0) lines.push('', `**${esc(m.framework ? (reg.framework(m.framework)?.short ?? m.key) : m.key)}:** ${ids.join(', ')}`);
  }
  const file = project.catalogue.file(path);
  if (file?.entities[0] === e) for (const [fw, list] of declaredInText(file)) lines.push('', `**${esc(reg.framework(fw)?.short ?? fw)}, mapped in its text:** ${list.map(code).join(', ')}`);
  if (e.evidence.length > 0) {
    lines.push('', '**Evidence:**');
    for (const ev of e.evidence) lines.push(`- ${ev.id ? `${code(ev.id)} ` : ''}${esc(ev.description ?? '')}${ev.source ? ` (${esc(ev.source)})` : ''}`);
  }
  const refs = e.refs.map((r) => code(r.id));
  if (refs.length > 0) lines.push('', `**${kind === 'control' ? 'Policies' : 'Controls'}:** ${refs.join(', ')}`);
  const incoming = project.catalogue.references(kind, id);
  lines.push('', `Defined in ${esc(path)}:${e.idRange.start.line + 1}${defs.length > 1 ? ` (and ${defs.length - 1} more: duplicate id)` : ''} · referenced by ${incoming.length}`);
  return lines.join('\n');
}
