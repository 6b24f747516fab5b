// Reads CISO Assistant's library format: a framework library (requirement
// nodes with urn, ref_id, assessable, parent_urn) becomes a Framework, and a
// mapping library (requirement mappings with a relationship) becomes a
// Crosswalk. Problems are collected with their place rather than thrown, so
// one bad node leaves the rest of a large library usable.
import { FrameworkDataError, type Crosswalk, type CrosswalkPair, type Framework, type FrameworkGroup, type NoCounterpart, type Relationship, type Requirement } from './model.ts';
import { LineIndex } from '../../text/lineIndex.ts';
import { firstAndMore } from '../../text/lists.ts';
import { asMap, asSeq, findEntry, parseYaml, scalarText, type YMap } from '../../syntax/yamlTree.ts';

export interface LibraryProblem {
  offset: number;
  message: string;
}

/** A library's nodes by urn (lower case: CISO Assistant compares urns without case). */
export interface UrnIndex {
  framework: string;
  short: string;
  /** `via`: the point of focus the urn names, when it was rolled up to its criterion. */
  node(urn: string): { id: string; assessable: boolean; via?: string } | undefined;
}

export interface ReadFramework {
  framework: Framework;
  index: UrnIndex;
  urn: string;
}

/** A library, whatever it holds, has `objects` at the top: plain framework files never do. */
export function isCisoLibrary(text: string): boolean {
  return /^objects[ \t]*:/m.test(text) && /^urn[ \t]*:|^ref_id[ \t]*:/m.test(text);
}

const RELATIONSHIPS: Record<string, Relationship | 'not_related'> = { equal: 'equal', subset: 'subset', superset: 'superset', intersect: 'intersect', not_related: 'not_related' };

function top(text: string, path: string): YMap {
  const { root, problems } = parseYaml(text);
  if (problems.length > 0) throw new FrameworkDataError(path, problems[0]!.start, `YAML syntax: ${problems[0]!.message}`);
  const map = asMap(root);
  if (!map) throw new FrameworkDataError(path, 0, 'a CISO Assistant library must be a mapping with urn, ref_id and objects');
  return map;
}

function str(map: YMap, key: string): { text: string; at: number } | undefined {
  const e = findEntry(map, key);
  const s = scalarText(e?.value);
  return s && s.text.trim() !== '' ? { text: s.text.trim(), at: s.start } : undefined;
}

function objectsOf(map: YMap, path: string): YMap {
  const e = findEntry(map, 'objects');
  const objects = asMap(e?.value);
  if (!objects) throw new FrameworkDataError(path, e?.keySpan.start ?? 0, `'objects' must be a mapping (holding 'framework' or 'requirement_mapping_sets')`);
  return objects;
}

/** The last part of a urn, as a framework id: lower case letters, digits, "." and "-". */
export function idFromUrn(urn: string): string {
  return (urn.split(':').at(-1) ?? '').toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
}

export function readFrameworkLibrary(text: string, path: string): { value?: ReadFramework; problems: LibraryProblem[] } {
  const lib = top(text, path);
  const problems: LibraryProblem[] = [];
  const problem = (at: number, message: string): void => void problems.push({ offset: at, message });
  if (!str(lib, 'urn')) problem(0, `the library has no 'urn': add one such as urn:<publisher>:risk:library:<name>`);
  const objects = objectsOf(lib, path);
  const fwEntry = findEntry(objects, 'framework');
  const fwMap = asMap(fwEntry?.value);
  if (!fwMap) {
    const what = findEntry(objects, 'requirement_mapping_sets') || findEntry(objects, 'requirement_mapping_set') ? `it is a mapping library: list it under 'custom_crosswalks'` : `'objects' has no 'framework'`;
    throw new FrameworkDataError(path, (fwEntry ?? findEntry(objects, 'requirement_mapping_sets') ?? findEntry(objects, 'requirement_mapping_set'))?.keySpan.start ?? 0, what);
  }
  const fwUrn = str(fwMap, 'urn');
  if (!fwUrn) throw new FrameworkDataError(path, fwEntry!.keySpan.start, `the framework has no 'urn': add one such as urn:<publisher>:risk:framework:<name>`);
  const id = idFromUrn(fwUrn.text);
  if (!/^[a-z][a-z0-9.-]*$/.test(id)) throw new FrameworkDataError(path, fwUrn.at, `framework urn '${fwUrn.text}' ends in no usable framework id: end it with letters, digits, '.' and '-', starting with a letter`);
  const ref = str(fwMap, 'ref_id');
  const name = str(fwMap, 'name');
  const nodesEntry = findEntry(fwMap, 'requirement_nodes');
  const nodes = asSeq(nodesEntry?.value);
  if (!nodes) throw new FrameworkDataError(path, nodesEntry?.keySpan.start ?? fwEntry!.keySpan.start, `the framework needs 'requirement_nodes', a list`);

  interface Node {
    urn: string;
    refId?: string;
    title: string;
    description?: string;
    assessable: boolean;
    parent?: { urn: string; at: number };
    at: number;
  }
  const byUrn = new Map<string, Node>();
  const refIds = new Map<string, number>();
  const lines = lineOf(text);
  for (const item of nodes.items) {
    const m = asMap(item);
    if (!m) {
      problem(item.start, 'a requirement node must be a mapping with urn, ref_id and assessable');
      continue;
    }
    const urn = str(m, 'urn');
    if (!urn) {
      problem(item.start, `a requirement node has no 'urn': give each node a unique urn; this node is skipped`);
      continue;
    }
    const key = urn.text.toLowerCase();
    if (byUrn.has(key)) {
      problem(urn.at, `urn '${urn.text}' is used by two requirement nodes (also line ${lines(byUrn.get(key)!.at)}): give each node its own urn; this one is skipped`);
      continue;
    }
    const assessableEntry = findEntry(m, 'assessable');
    const assessableText = scalarText(assessableEntry?.value)?.text;
    if (assessableText !== undefined && assessableText !== 'true' && assessableText !== 'false') problem(assessableEntry!.value!.start, `'assessable' must be true or false; this node is read as a heading`);
    const assessable = assessableText === 'true';
    const refId = str(m, 'ref_id');
    if (assessable && !refId) {
      problem(urn.at, `assessable node '${urn.text}' has no 'ref_id': it is the id controls map; this node is skipped`);
      continue;
    }
    if (assessable && refIds.has(refId!.text)) {
      problem(refId!.at, `ref_id '${refId!.text}' is used by two assessable nodes (also line ${lines(refIds.get(refId!.text)!)}): give each requirement its own ref_id; this one is skipped`);
      continue;
    }
    if (assessable) refIds.set(refId!.text, refId!.at);
    const nodeName = str(m, 'name');
    const description = str(m, 'description');
    const node: Node = {
      urn: key,
      title: assessable ? (nodeName ?? description ?? refId!).text : [refId?.text, nodeName?.text].filter(Boolean).join(' ') || description?.text || idFromUrn(urn.text),
      assessable,
      at: urn.at,
    };
    if (refId) node.refId = refId.text;
    if (nodeName && description) node.description = description.text;
    const parent = str(m, 'parent_urn');
    if (parent) node.parent = { urn: parent.text.toLowerCase(), at: parent.at };
    byUrn.set(key, node);
  }

  const groups: FrameworkGroup[] = [];
  const requirements: Requirement[] = [];
  // The nearest ancestor of each kind: a heading is a group, an assessable ancestor a parent requirement.
  const nearest = (node: Node, assessable: boolean): Node | undefined => {
    let n = node.parent ? byUrn.get(node.parent.urn) : undefined;
    for (let steps = 0; n && steps < 64; steps++, n = n.parent ? byUrn.get(n.parent.urn) : undefined) if (n.assessable === assessable) return n;
    return undefined;
  };
  for (const node of byUrn.values()) {
    if (node.parent && !byUrn.has(node.parent.urn)) {
      problem(node.parent.at, `parent_urn '${node.parent.urn}' names no requirement node of this framework: fix it, or remove it to make the node top level`);
      delete node.parent;
    }
  }
  for (const node of byUrn.values()) {
    const group = nearest(node, false);
    if (!node.assessable) {
      const g: FrameworkGroup = { id: node.urn, kind: 'group', title: node.title };
      if (group) g.parent = group.urn;
      groups.push(g);
      continue;
    }
    const req: Requirement = { id: node.refId!, title: node.title };
    if (node.description !== undefined) req.description = node.description;
    if (group) req.group = group.urn;
    const parent = nearest(node, true);
    if (parent) req.parent = parent.refId!;
    requirements.push(req);
  }
  if (requirements.length === 0) problem(nodes.start, 'the framework has no assessable requirement node: mark the requirements with assessable: true');

  const framework: Framework = { id, title: name?.text ?? ref?.text ?? id, short: ref?.text ?? name?.text ?? id, aliases: [], legacy: false, groups, requirements, source: path };
  const provider = str(lib, 'provider');
  if (provider) framework.publisher = provider.text;
  const index: UrnIndex = {
    framework: id,
    short: framework.short,
    node: (u) => {
      const n = byUrn.get(u.toLowerCase());
      return n ? { id: n.refId ?? n.urn, assessable: n.assessable } : undefined;
    },
  };
  return { value: { framework, index, urn: fwUrn.text.toLowerCase() }, problems };
}

/** Resolves a framework urn named by a mapping: a library read earlier, or a bundled framework. */
export type FrameworkByUrn = (urn: string) => UrnIndex | undefined;

export function readMappingLibrary(text: string, path: string, frameworkByUrn: FrameworkByUrn): { value: Crosswalk[]; problems: LibraryProblem[] } {
  const lib = top(text, path);
  const problems: LibraryProblem[] = [];
  const problem = (at: number, message: string): void => void problems.push({ offset: at, message });
  const libUrn = str(lib, 'urn');
  if (!libUrn) problem(0, `the library has no 'urn': add one such as urn:<publisher>:risk:library:<name>`);
  const objects = objectsOf(lib, path);
  const plural = findEntry(objects, 'requirement_mapping_sets');
  const single = findEntry(objects, 'requirement_mapping_set');
  const sets = asSeq(plural?.value)?.items ?? (asMap(single?.value) ? [single!.value!] : undefined);
  if (!sets) {
    const what = findEntry(objects, 'framework') ? `it is a framework library: list it under 'custom_frameworks'` : `'objects' has no 'requirement_mapping_sets' list`;
    throw new FrameworkDataError(path, (plural ?? single ?? findEntry(objects, 'framework'))?.keySpan.start ?? 0, what);
  }
  const libRef = str(lib, 'ref_id')?.text ?? (libUrn ? idFromUrn(libUrn.text) : path);
  const libName = str(lib, 'name')?.text ?? libRef;
  const date = str(lib, 'publication_date')?.text;
  const out: Crosswalk[] = [];
  // A urn that names no node is reported once, where it is first mapped, with the lines of the other mappings it skips:
  // a library maps one requirement many times, and one misspelt urn would otherwise fill the list.
  const unknown = new Map<string, { key: string; urn: string; short: string; at: number; more: number[] }>();
  const unknownUrn = (key: string, urn: string, short: string, at: number): void => {
    const seen = unknown.get(`${key}\u0000${urn}`);
    if (seen) seen.more.push(at);
    else unknown.set(`${key}\u0000${urn}`, { key, urn, short, at, more: [] });
  };
  for (const set of sets) {
    const m = asMap(set);
    if (!m) {
      problem(set.start, 'a requirement mapping set must be a mapping with source_framework_urn, target_framework_urn and requirement_mappings');
      continue;
    }
    const side = (key: 'source_framework_urn' | 'target_framework_urn'): UrnIndex | undefined => {
      const u = str(m, key);
      if (!u) {
        problem(set.start, `the mapping set has no '${key}'; it is skipped`);
        return undefined;
      }
      const fw = frameworkByUrn(u.text.toLowerCase());
      if (!fw) problem(u.at, `${key} '${u.text}' names no framework Crosswalk knows: list that framework's library under 'custom_frameworks' (bundled: ${Object.keys(BUNDLED_URNS).join(', ')}); the mapping set is skipped`);
      return fw;
    };
    const source = side('source_framework_urn');
    const target = side('target_framework_urn');
    if (!source || !target) continue;
    const mappingsEntry = findEntry(m, 'requirement_mappings');
    const rows = asSeq(mappingsEntry?.value);
    if (!rows) {
      problem(mappingsEntry?.keySpan.start ?? set.start, `the mapping set needs 'requirement_mappings', a list; it is skipped`);
      continue;
    }
    const pairs: CrosswalkPair[] = [];
    const seen = new Set<string>();
    // not_related rows: a source requirement with nothing but these has no counterpart.
    const unrelated = new Map<string, { targets: string[]; note?: string }>();
    const related = new Set<string>();
    // Mappings of points of focus, rolled up to their criterion: several rows make one pair.
    const rolled = new Map<string, { pair: CrosswalkPair; superset: boolean; subset: boolean; via: string[] }>();
    const rollUp = (from: string, to: string, rel: Relationship, sourceRolled: boolean, targetRolled: boolean, via: string[]): void => {
      const key = `${from}\u0000${to}`;
      let r = rolled.get(key);
      if (!r) {
        const pair: CrosswalkPair = { from, to, relationship: 'intersect', strength: 'partial', netNew: false, evidence: [libRef], rationale: '' };
        if (date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(date)) pair.reviewed = date;
        pairs.push(pair);
        rolled.set(key, (r = { pair, superset: false, subset: false, via: [] }));
      }
      // A point of focus lies inside its criterion: what it contains, the criterion contains too.
      if (sourceRolled && !targetRolled && (rel === 'equal' || rel === 'superset')) r.superset = true;
      if (targetRolled && !sourceRolled && (rel === 'equal' || rel === 'subset')) r.subset = true;
      for (const v of via) if (!r.via.includes(v)) r.via.push(v);
    };
    for (const row of rows.items) {
      const r = asMap(row);
      if (!r) {
        problem(row.start, 'a requirement mapping must be a mapping with source_requirement_urn, target_requirement_urn and relationship');
        continue;
      }
      const end = (key: 'source_requirement_urn' | 'target_requirement_urn', fw: UrnIndex): { id: string; via?: string } | undefined => {
        const u = str(r, key);
        if (!u) {
          problem(row.start, `a requirement mapping has no '${key}'; it is skipped`);
          return undefined;
        }
        const node = fw.node(u.text);
        if (!node) unknownUrn(key, u.text, fw.short, u.at);
        else if (!node.assessable) problem(u.at, `${key} '${u.text}' is a heading of ${fw.short} (assessable: false), not a requirement: map its requirements instead; this mapping is skipped`);
        else return node;
        return undefined;
      };
      const fromNode = end('source_requirement_urn', source);
      const toNode = end('target_requirement_urn', target);
      const from = fromNode?.id;
      const to = toNode?.id;
      const rel = str(r, 'relationship');
      const relationship = rel ? RELATIONSHIPS[rel.text] : undefined;
      if (!rel) problem(row.start, `a requirement mapping has no 'relationship' (one of ${Object.keys(RELATIONSHIPS).join(', ')}); it is skipped`);
      else if (!relationship) problem(rel.at, `relationship '${rel.text}' is not one of ${Object.keys(RELATIONSHIPS).join(', ')}; this mapping is skipped`);
      if (from === undefined || to === undefined || !relationship) continue;
      const via = [fromNode?.via, toNode?.via].filter((v): v is string => v !== undefined);
      if (via.length > 0 && relationship !== 'not_related') {
        rollUp(from, to, relationship, fromNode?.via !== undefined, toNode?.via !== undefined, via);
        related.add(from);
        continue;
      }
      if (seen.has(`${from}\u0000${to}`)) {
        problem(row.start, `${from} -> ${to} is mapped twice in this set; the second is skipped`);
        continue;
      }
      seen.add(`${from}\u0000${to}`);
      const annotation = str(r, 'annotation')?.text;
      if (relationship === 'not_related') {
        const u = unrelated.get(from) ?? { targets: [] };
        u.targets.push(to);
        if (annotation !== undefined) u.note ??= annotation;
        unrelated.set(from, u);
        continue;
      }
      related.add(from);
      const basis = str(r, 'rationale')?.text;
      const pair: CrosswalkPair = {
        from,
        to,
        relationship,
        // CISO Assistant counts equal and superset as full coverage of the target only; strong here means
        // evidence serves both sides, which only an equal pair says.
        strength: relationship === 'equal' ? 'strong' : 'partial',
        netNew: false,
        evidence: [libRef],
        rationale: annotation ?? `${basis && /^(syntactic|semantic|functional)$/.test(basis) ? `${basis[0]!.toUpperCase()}${basis.slice(1)} mapping` : 'Mapped'} in ${libName}.`,
      };
      if (date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(date)) pair.reviewed = date;
      pairs.push(pair);
    }
    for (const r of rolled.values()) {
      r.pair.relationship = r.superset && r.subset ? 'equal' : r.superset ? 'superset' : r.subset ? 'subset' : 'intersect';
      r.pair.rationale = `Rolled up from ${r.via.length === 1 ? 'point of focus' : 'points of focus'} ${r.via.join(', ')} in ${libName}.`;
    }
    const noCounterpart: NoCounterpart[] = [...unrelated]
      .filter(([from]) => !related.has(from))
      .map(([from, u]) => ({ side: 'from', id: from, note: u.note ?? `${libName} marks it not related to ${target.short} ${u.targets.join(', ')}.` }));
    const cw: Crosswalk = {
      id: str(m, 'ref_id')?.text ?? libRef,
      title: str(m, 'name')?.text ?? libName,
      from: source.framework,
      to: target.framework,
      sources: { [libRef]: libName },
      pairs,
      noCounterpart,
      source: path,
      library: libName,
    };
    if (date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(date)) cw.lastReviewed = date;
    out.push(cw);
  }
  const lines = lineOf(text);
  for (const u of unknown.values()) {
    const where = u.more.length === 1 ? `line ${lines(u.more[0]!)}` : `lines ${firstAndMore(u.more, 5, (at) => String(lines(at)))}`;
    const also = u.more.length === 0 ? '' : u.more.length === 1 ? `, and so is one other mapping of it (${where})` : `, and so are ${u.more.length} other mappings of it (${where})`;
    problem(u.at, `${u.key} '${u.urn}' is not a requirement node of ${u.short}: check the urn; this mapping is skipped${also}`);
  }
  problems.sort((a, b) => a.offset - b.offset);
  return { value: out, problems };
}

/** CISO Assistant's urns of the frameworks Crosswalk bundles; a node urn ends in the requirement id. */
export const BUNDLED_URNS: Record<string, string> = {
  'urn:intuitem:risk:framework:soc2-2017-rev-2022': 'soc2',
  'urn:intuitem:risk:framework:iso27001-2022': 'iso27001',
};

/**
 * Node urns that CISO Assistant's own framework libraries spell otherwise than their requirement's id, as
 * `<library>:<urn's end>`, and the end that the id gives: its SOC 2 library names the point of focus CC6.5.1
 * `...:soc2-2017-rev-2022:c6.5.1`, and its mapping libraries map that urn.
 */
const URN_SPELLINGS: Record<string, string> = { 'soc2-2017-rev-2022:c6.5.1': 'cc6.5.1' };

/** An index over a bundled framework: `urn:intuitem:risk:req_node:<library>:<id>`, the id compared without case. */
export function bundledIndex(urn: string, framework: Framework): UrnIndex {
  const library = urn.split(':').at(-1)!;
  const prefix = `urn:intuitem:risk:req_node:${library}:`;
  const ids = new Map(framework.requirements.map((r) => [r.id.toLowerCase(), r.id]));
  return {
    framework: framework.id,
    short: framework.short,
    node: (u) => {
      const lower = u.toLowerCase();
      if (!lower.startsWith(prefix)) return undefined;
      const end = lower.slice(prefix.length);
      const tail = Object.hasOwn(URN_SPELLINGS, `${library}:${end}`) ? URN_SPELLINGS[`${library}:${end}`]! : end;
      const id = ids.get(tail);
      if (id !== undefined) return { id, assessable: true };
      // CISO Assistant's SOC 2 library assesses points of focus (cc6.1.3); here they belong to their criterion.
      const criterion = framework.id === 'soc2' && /^[a-z]+\d+\.\d+\.\d+$/.test(tail) ? ids.get(tail.slice(0, tail.lastIndexOf('.'))) : undefined;
      return criterion === undefined ? undefined : { id: criterion, assessable: true, via: tail.toUpperCase() };
    },
  };
}

/** 1-based line of an offset, for "also line N" in messages. */
function lineOf(text: string): (offset: number) => number {
  let index: LineIndex | undefined;
  return (offset) => (index ??= new LineIndex(text)).position(offset).line + 1;
}
