// Reads framework catalogues and crosswalks from YAML text. The bundled files
// are checked against their JSON schema by the tests; a team's own files are
// checked here, field by field, so a mistake is reported with its place.
import { FrameworkDataError, RELATIONSHIPS, type Crosswalk, type CrosswalkPair, type Framework, type FrameworkGroup, type NoCounterpart, type Relationship, type Requirement, type Strength } from './model.ts';
import { asMap, asSeq, entries, parseYaml, scalarText, type YNode } from '../../syntax/yamlTree.ts';

type Fields = Map<string, YNode | null>;

class Reader {
  constructor(readonly path: string) {}

  fail(node: YNode | null | undefined, message: string): never {
    throw new FrameworkDataError(this.path, node?.start ?? 0, message);
  }

  fields(node: YNode | null | undefined, what: string, allowed: readonly string[]): Fields {
    const map = asMap(node);
    if (!map) this.fail(node, `${what} must be a mapping`);
    const out: Fields = new Map();
    for (const e of entries(map)) {
      if (!allowed.includes(e.key)) this.fail(e.keyNode, `${what}: unknown field '${e.key}' (allowed: ${allowed.join(', ')})`);
      out.set(e.key, e.value);
    }
    return out;
  }

  str(f: Fields, key: string, what: string, node?: YNode | null): string {
    const v = this.optStr(f, key, what);
    if (v === undefined) this.fail(node ?? null, `${what}: '${key}' is required`);
    return v;
  }

  optStr(f: Fields, key: string, what: string): string | undefined {
    if (!f.has(key)) return undefined;
    const n = f.get(key);
    const s = scalarText(n);
    if (!s) this.fail(n, `${what}: '${key}' must be text`);
    return s.text;
  }

  strList(f: Fields, key: string, what: string): string[] | undefined {
    if (!f.has(key)) return undefined;
    const n = f.get(key);
    const seq = asSeq(n);
    if (!seq) this.fail(n, `${what}: '${key}' must be a list`);
    return seq.items.map((item) => {
      const s = scalarText(item);
      if (!s) this.fail(item, `${what}: '${key}' items must be text`);
      return s.text;
    });
  }

  bool(f: Fields, key: string, what: string): boolean | undefined {
    const v = this.optStr(f, key, what);
    if (v === undefined) return undefined;
    if (v !== 'true' && v !== 'false') this.fail(f.get(key), `${what}: '${key}' must be true or false`);
    return v === 'true';
  }

  seq(f: Fields, key: string, what: string): YNode[] {
    const n = f.get(key);
    const seq = asSeq(n);
    if (!seq) this.fail(n ?? null, `${what}: '${key}' must be a list`);
    return seq.items;
  }
}

function root(text: string, path: string): YNode | null {
  const { root, problems } = parseYaml(text);
  if (problems.length > 0) throw new FrameworkDataError(path, problems[0]!.start, `YAML syntax: ${problems[0]!.message}`);
  return root;
}

const FRAMEWORK_FIELDS = ['format', 'id', 'title', 'short', 'edition', 'revision', 'publisher', 'aliases', 'legacy', 'successor', 'groups', 'requirements'] as const;
const GROUP_FIELDS = ['id', 'kind', 'title', 'parent', 'required'] as const;
const REQUIREMENT_FIELDS = ['id', 'title', 'description', 'kind', 'group', 'parent', 'notes', 'synonyms', 'iso2013', 'successors', 'relation', 'new', 'coso'] as const;

export function loadFramework(text: string, path: string): Framework {
  const r = new Reader(path);
  const top = root(text, path);
  const f = r.fields(top, 'framework', FRAMEWORK_FIELDS);
  const id = r.str(f, 'id', 'framework', top);
  if (!/^[a-z][a-z0-9-]*$/.test(id)) r.fail(f.get('id'), `framework id '${id}' must be lowercase letters, digits and '-'`);
  const groups: FrameworkGroup[] = f.has('groups')
    ? r.seq(f, 'groups', 'framework').map((g) => {
        const gf = r.fields(g, 'group', GROUP_FIELDS);
        const group: FrameworkGroup = { id: r.str(gf, 'id', 'group', g), kind: r.optStr(gf, 'kind', 'group') ?? 'group', title: r.str(gf, 'title', 'group', g) };
        const parent = r.optStr(gf, 'parent', 'group');
        if (parent !== undefined) group.parent = parent;
        if (r.bool(gf, 'required', 'group')) group.required = true;
        return group;
      })
    : [];
  const seen = new Set<string>();
  const requirements: Requirement[] = r.seq(f, 'requirements', 'framework').map((n) => {
    const rf = r.fields(n, 'requirement', REQUIREMENT_FIELDS);
    const req: Requirement = { id: r.str(rf, 'id', 'requirement', n), title: r.str(rf, 'title', 'requirement', n) };
    if (seen.has(req.id)) r.fail(n, `requirement '${req.id}' is listed twice`);
    seen.add(req.id);
    for (const key of ['description', 'kind', 'group', 'parent', 'notes', 'relation'] as const) {
      const v = r.optStr(rf, key, `requirement ${req.id}`);
      if (v !== undefined) req[key] = v;
    }
    for (const key of ['synonyms', 'iso2013', 'successors'] as const) {
      const v = r.strList(rf, key, `requirement ${req.id}`);
      if (v !== undefined) req[key] = v;
    }
    if (r.bool(rf, 'new', `requirement ${req.id}`)) req.new = true;
    const coso = r.optStr(rf, 'coso', `requirement ${req.id}`);
    if (coso !== undefined) req.coso = Number(coso);
    return req;
  });
  const groupIds = new Set(groups.map((g) => g.id));
  for (const req of requirements) {
    if (req.group !== undefined && !groupIds.has(req.group)) throw new FrameworkDataError(path, 0, `requirement '${req.id}': unknown group '${req.group}'`);
    if (req.parent !== undefined && !seen.has(req.parent)) throw new FrameworkDataError(path, 0, `requirement '${req.id}': unknown parent '${req.parent}'`);
  }
  const fw: Framework = {
    id,
    title: r.str(f, 'title', 'framework', top),
    short: r.optStr(f, 'short', 'framework') ?? id,
    aliases: r.strList(f, 'aliases', 'framework') ?? [],
    legacy: r.bool(f, 'legacy', 'framework') ?? false,
    groups,
    requirements,
    source: path,
  };
  const edition = r.optStr(f, 'edition', 'framework');
  if (edition !== undefined) fw.edition = edition;
  const publisher = r.optStr(f, 'publisher', 'framework');
  if (publisher !== undefined) fw.publisher = publisher;
  const successor = r.optStr(f, 'successor', 'framework');
  if (successor !== undefined) fw.successor = successor;
  return fw;
}

const CROSSWALK_FIELDS = ['format', 'id', 'title', 'from', 'to', 'last_reviewed', 'sources', 'pairs', 'no_counterpart'] as const;
const PAIR_FIELDS = ['from', 'to', 'relationship', 'strength', 'net_new', 'evidence', 'rationale', 'reviewed'] as const;
const NO_COUNTERPART_FIELDS = ['from', 'to', 'note'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function loadCrosswalk(text: string, path: string): Crosswalk {
  const r = new Reader(path);
  const top = root(text, path);
  const f = r.fields(top, 'crosswalk', CROSSWALK_FIELDS);
  const sources: Record<string, string> = {};
  const srcNode = f.get('sources');
  if (srcNode !== undefined) {
    const map = asMap(srcNode) ?? r.fail(srcNode, `crosswalk: 'sources' must be a mapping of name to description`);
    for (const e of entries(map)) sources[e.key] = scalarText(e.value)?.text ?? '';
  }
  const seen = new Set<string>();
  const pairs: CrosswalkPair[] = r.seq(f, 'pairs', 'crosswalk').map((n) => {
    const pf = r.fields(n, 'pair', PAIR_FIELDS);
    const from = r.str(pf, 'from', 'pair', n);
    const to = r.str(pf, 'to', 'pair', n);
    const what = `pair ${from} -> ${to}`;
    if (seen.has(`${from}\u0000${to}`)) r.fail(n, `${what} is listed twice`);
    seen.add(`${from}\u0000${to}`);
    const relationship = r.optStr(pf, 'relationship', what) ?? 'intersect';
    if (!(RELATIONSHIPS as readonly string[]).includes(relationship)) r.fail(pf.get('relationship'), `${what}: relationship must be one of ${RELATIONSHIPS.join(', ')} (how '${from}' relates to '${to}')`);
    // A pair nobody graded is not claimed as met: partial unless the file says strong.
    const strength = r.optStr(pf, 'strength', what) ?? 'partial';
    if (strength !== 'strong' && strength !== 'partial') r.fail(pf.get('strength'), `${what}: strength must be strong or partial`);
    const evidence = r.strList(pf, 'evidence', what) ?? [];
    evidence.forEach((name, i) => {
      if (!(name in sources)) r.fail(asSeq(pf.get('evidence'))?.items[i], `${what}: evidence '${name}' is not declared under 'sources'`);
    });
    const pair: CrosswalkPair = { from, to, relationship: relationship as Relationship, strength: strength as Strength, netNew: r.bool(pf, 'net_new', what) ?? false, evidence, rationale: r.optStr(pf, 'rationale', what) ?? '' };
    const reviewed = r.optStr(pf, 'reviewed', what);
    if (reviewed !== undefined) {
      if (!DATE.test(reviewed)) r.fail(pf.get('reviewed'), `${what}: reviewed must be a date, YYYY-MM-DD`);
      pair.reviewed = reviewed;
    }
    return pair;
  });
  const noCounterpart: NoCounterpart[] = f.has('no_counterpart')
    ? r.seq(f, 'no_counterpart', 'crosswalk').map((n) => {
        const nf = r.fields(n, 'no_counterpart entry', NO_COUNTERPART_FIELDS);
        if (nf.has('from') === nf.has('to')) r.fail(n, `no_counterpart entry: give exactly one of 'from' and 'to'`);
        const side = nf.has('from') ? 'from' : 'to';
        const id = r.str(nf, side, 'no_counterpart entry', n);
        return { side, id, note: r.str(nf, 'note', `no_counterpart ${id}`, n) };
      })
    : [];
  const cw: Crosswalk = {
    id: r.str(f, 'id', 'crosswalk', top),
    title: r.optStr(f, 'title', 'crosswalk') ?? '',
    from: r.str(f, 'from', 'crosswalk', top),
    to: r.str(f, 'to', 'crosswalk', top),
    sources,
    pairs,
    noCounterpart,
    source: path,
  };
  const lastReviewed = r.optStr(f, 'last_reviewed', 'crosswalk');
  if (lastReviewed !== undefined) cw.lastReviewed = lastReviewed;
  return cw;
}
