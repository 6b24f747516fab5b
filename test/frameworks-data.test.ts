// Integrity of the bundled framework catalogues and crosswalk: schema,
// exact counts, and every id a crosswalk or correspondence names exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { loadCrosswalk, loadFramework } from '../server/core/knowledge/frameworks/load.ts';
import type { Crosswalk, Framework } from '../server/core/knowledge/frameworks/model.ts';
import { COMPILED_FRAMEWORKS, readCompiled, readFrameworkFiles } from '../server/host/bundled.ts';

const dir = join(import.meta.dirname, '..', 'frameworks');
const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
const fw = (name: string): Framework => loadFramework(read(name), name);
const soc2 = fw('soc2-tsc-2017.yaml');
const iso = fw('iso27001-2022.yaml');
const iso2013 = fw('iso27001-2013.yaml');
const cw: Crosswalk = loadCrosswalk(read('crosswalk-soc2-iso27001.yaml'), 'crosswalk-soc2-iso27001.yaml');

test('every bundled file is valid against its JSON schema', () => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  const check = {
    framework: ajv.compile(JSON.parse(read('schema/framework.schema.json'))),
    crosswalk: ajv.compile(JSON.parse(read('schema/crosswalk.schema.json'))),
  };
  const files = readdirSync(dir).filter((n) => n.endsWith('.yaml'));
  assert.deepEqual(files.sort(), ['crosswalk-soc2-iso27001.yaml', 'iso27001-2013.yaml', 'iso27001-2022.yaml', 'soc2-tsc-2017.yaml']);
  for (const name of files) {
    const validate = name.startsWith('crosswalk-') ? check.crosswalk : check.framework;
    const ok = validate(parse(read(name)));
    assert.ok(ok, `${name}: ${ajv.errorsText(validate.errors)}`);
  }
});

test('SOC 2: 61 criteria, 33 common criteria, in their series and categories', () => {
  assert.equal(soc2.requirements.length, 61);
  const bySeries = new Map<string, number>();
  for (const r of soc2.requirements) bySeries.set(r.group!, (bySeries.get(r.group!) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(bySeries), {
    CC1: 5,
    CC2: 3,
    CC3: 4,
    CC4: 2,
    CC5: 3,
    CC6: 8,
    CC7: 5,
    CC8: 1,
    CC9: 2,
    A1: 3,
    C1: 2,
    PI1: 5,
    P1: 1,
    P2: 1,
    P3: 2,
    P4: 3,
    P5: 2,
    P6: 7,
    P7: 1,
    P8: 1,
  });
  const category = (series: string): string | undefined => soc2.groups.find((g) => g.id === series)?.parent;
  const perCategory = new Map<string, number>();
  for (const r of soc2.requirements) perCategory.set(category(r.group!)!, (perCategory.get(category(r.group!)!) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(perCategory), { security: 33, availability: 3, confidentiality: 2, 'processing-integrity': 5, privacy: 18 });
  for (const r of soc2.requirements) assert.ok(r.description && r.description.length > 20, `${r.id} has a description`);
});

test('ISO 27001:2022: clauses 4-10 and 93 Annex A controls, 11 new', () => {
  const controls = iso.requirements.filter((r) => r.kind === 'control');
  assert.equal(controls.length, 93);
  const perTheme = new Map<string, number>();
  for (const r of controls) perTheme.set(r.group!, (perTheme.get(r.group!) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(perTheme), { 'A.5': 37, 'A.6': 8, 'A.7': 14, 'A.8': 34 });
  assert.deepEqual(
    controls.filter((r) => r.new).map((r) => r.id),
    ['A.5.7', 'A.5.23', 'A.5.30', 'A.7.4', 'A.8.9', 'A.8.10', 'A.8.11', 'A.8.12', 'A.8.16', 'A.8.23', 'A.8.28'],
  );
  const clauses = iso.requirements.filter((r) => r.kind !== 'control').map((r) => r.id);
  assert.deepEqual(
    clauses.filter((id) => !id.includes('.')),
    ['4', '5', '6', '7', '8', '9', '10'],
  );
  for (const id of ['4.3', '6.1.3', '6.3', '7.5.3', '9.2.1', '9.2.2', '9.3.1', '9.3.2', '9.3.3', '10.1', '10.2']) assert.ok(clauses.includes(id), id);
  for (const r of iso.requirements) assert.ok(r.description && r.description.length > 20, `${r.id} has a description`);
  // Every 2013 id a 2022 control came from is a 2013 control.
  const old = new Set(iso2013.requirements.map((r) => r.id));
  for (const r of controls) for (const o of r.iso2013 ?? []) assert.ok(old.has(o), `${r.id} comes from unknown 2013 id ${o}`);
});

test('ISO 27001:2013: 114 Annex A controls, each with existing 2022 successors', () => {
  assert.equal(iso2013.legacy, true);
  assert.equal(iso2013.successor, 'iso27001');
  const controls = iso2013.requirements.filter((r) => r.kind === 'control');
  assert.equal(controls.length, 114);
  assert.equal(controls[0]!.id, 'A.5.1.1');
  assert.equal(controls.at(-1)!.id, 'A.18.2.3');
  const current = new Set(iso.requirements.map((r) => r.id));
  for (const r of iso2013.requirements) {
    assert.ok(r.successors && r.successors.length > 0, `${r.id} has successors`);
    for (const s of r.successors) assert.ok(current.has(s), `${r.id} -> unknown 2022 id ${s}`);
  }
  assert.deepEqual(iso2013.requirements.find((r) => r.id === 'A.9.2.3')?.successors, ['A.8.2']);
  assert.deepEqual(iso2013.requirements.find((r) => r.id === '9.3')?.successors, ['9.3.1', '9.3.2', '9.3.3']);
  // Objectives such as A.9.2 are groups, so "A.9.2" resolves to their controls' successors.
  assert.equal(iso2013.groups.find((g) => g.id === 'A.9.2')?.title, 'User access management');
});

test("synonyms: a few per requirement, each other than its title and than any other requirement's title", () => {
  const withSynonyms = [...soc2.requirements, ...iso.requirements].filter((r) => r.synonyms);
  assert.deepEqual(
    withSynonyms.map((r) => `${r.id}: ${r.synonyms!.join('; ')}`),
    [
      'CC3.2: Risk assessment',
      'CC6.2: User access provisioning and deprovisioning',
      'CC7.2: Security monitoring and anomaly detection',
      'CC8.1: Change management; Change control',
      'A.8.24: Encryption; Key management',
    ],
  );
  for (const fw of [soc2, iso]) {
    const titles = new Map(fw.requirements.map((r) => [r.title.toLowerCase(), r.id]));
    for (const r of fw.requirements) {
      assert.ok((r.synonyms ?? []).length <= 3, `${r.id} has at most 3 synonyms`);
      for (const s of r.synonyms ?? []) assert.ok(!titles.has(s.toLowerCase()), `${r.id}: synonym '${s}' is the title of ${titles.get(s.toLowerCase())}`);
    }
  }
});

test('crosswalk: every id exists, every SOC 2 criterion has a counterpart, ISMS-only clauses are declared', () => {
  assert.equal(cw.from, 'soc2');
  assert.equal(cw.to, 'iso27001');
  assert.equal(cw.lastReviewed, '2026-12-02');
  assert.deepEqual(Object.keys(cw.sources), ['ciso-assistant', 'scf', 'cisco-ccf', 'nist-olir']);
  const socIds = new Set(soc2.requirements.map((r) => r.id));
  const isoIds = new Set(iso.requirements.map((r) => r.id));
  for (const p of cw.pairs) {
    assert.ok(socIds.has(p.from), `unknown SOC 2 id ${p.from}`);
    assert.ok(isoIds.has(p.to), `unknown ISO id ${p.to}`);
    assert.equal(p.reviewed, '2026-12-02', `${p.from} -> ${p.to} has a review date`);
  }
  const mapped = new Set(cw.pairs.map((p) => p.from));
  for (const id of socIds) assert.ok(mapped.has(id), `${id} has no ISO counterpart`);
  // The ISMS's own scope, frame, resources and operational planning: declared, not paired.
  assert.deepEqual(
    cw.noCounterpart.map((n) => `${n.side}:${n.id}`),
    ['to:4.3', 'to:4.4', 'to:7.1', 'to:8.1', 'to:A.5.32', 'to:A.7.7'],
  );
  for (const n of cw.noCounterpart) {
    assert.ok(isoIds.has(n.id), `no_counterpart names unknown ${n.id}`);
    assert.ok(n.note.split(' ').length >= 8, `no_counterpart ${n.id} says why`);
    assert.deepEqual(
      cw.pairs.filter((p) => p.to === n.id),
      [],
      `${n.id} is declared without counterpart but paired`,
    );
  }
});

/** A rationale that says what overlaps: a sentence, not a label such as "Shared control: X." */
const substantive = (r: string): boolean => r.split(/\s+/).length >= 10 && !/^shared controls?:/i.test(r);

test('crosswalk: every pair rests on two agreeing sources or a rationale of substance, and strength matches its words', () => {
  for (const p of cw.pairs) {
    const what = `${p.from} -> ${p.to}`;
    for (const e of p.evidence) assert.ok(e in cw.sources, `${what}: undeclared evidence ${e}`);
    assert.ok(p.evidence.length >= 2 || substantive(p.rationale), `${what}: ${p.evidence.length} source(s) and no rationale of substance`);
    assert.ok(substantive(p.rationale), `${what}: rationale says what overlaps`);
    if (p.strength === 'strong') assert.doesNotMatch(p.rationale, /partial/i, `${what} is strong but its rationale calls it partial`);
    // Net-new marks ISMS artefacts: only clauses 4-10, and never "likely met".
    if (p.netNew) {
      assert.match(p.to, /^\d/, `${what}: net_new on an Annex A control`);
      assert.equal(p.strength, 'partial', `${what}: net_new pairs are partial`);
    }
    // Intellectual property rights are reached through multi-purpose policies only: a pair needs its reason.
    if (p.to === 'A.5.32') assert.match(p.rationale, /intellectual property|licen[cs]/i, `${what}: no stated reason for a pair to A.5.32`);
  }
  const count = (f: (p: (typeof cw.pairs)[number]) => boolean): number => cw.pairs.filter(f).length;
  const figures = {
    pairs: cw.pairs.length,
    strong: count((p) => p.strength === 'strong'),
    twoOrMoreSources: count((p) => p.evidence.length >= 2),
    oneSource: count((p) => p.evidence.length === 1),
    noSource: count((p) => p.evidence.length === 0),
    netNew: count((p) => p.netNew),
    equal: count((p) => p.relationship === 'equal'),
    superset: count((p) => p.relationship === 'superset'),
    subset: count((p) => p.relationship === 'subset'),
    intersect: count((p) => p.relationship === 'intersect'),
  };
  console.log(`crosswalk pairs: ${JSON.stringify(figures)}`);
  assert.deepEqual(figures, { pairs: 254, strong: 55, twoOrMoreSources: 163, oneSource: 55, noSource: 36, netNew: 9, equal: 1, superset: 3, subset: 0, intersect: 250 });
  assert.deepEqual(
    cw.pairs.filter((p) => p.relationship !== 'intersect').map((p) => `${p.from} ${p.relationship} ${p.to}`),
    ['CC7.3 superset A.5.25', 'CC7.4 superset A.5.26', 'CC8.1 superset A.8.32', 'A1.1 equal A.8.6'],
  );
});

test('crosswalk reachability: Annex A controls and leaf clauses reached, the rest declared', () => {
  const leaves = (id: string): string[] => {
    const kids = iso.requirements.filter((r) => r.parent === id).map((r) => r.id);
    return kids.length === 0 ? [id] : kids.flatMap(leaves);
  };
  const reached = new Set(cw.pairs.flatMap((p) => leaves(p.to)));
  const annexA = iso.requirements.filter((r) => r.kind === 'control').map((r) => r.id);
  const clauseLeaves = iso.requirements.filter((r) => r.kind !== 'control' && /\./.test(r.id) && leaves(r.id).length === 1 && leaves(r.id)[0] === r.id).map((r) => r.id);
  const figures = {
    annexA: `${annexA.filter((id) => reached.has(id)).length} of ${annexA.length}`,
    clauses: `${clauseLeaves.filter((id) => reached.has(id)).length} of ${clauseLeaves.length}`,
    netNewClauses: [...new Set(cw.pairs.filter((p) => p.netNew).flatMap((p) => leaves(p.to)))].length,
  };
  console.log(`crosswalk reach: ${JSON.stringify(figures)}`);
  assert.deepEqual(figures, { annexA: '91 of 93', clauses: '26 of 30', netNewClauses: 9 });
  const unreached = [...annexA, ...clauseLeaves].filter((id) => !reached.has(id));
  assert.deepEqual(unreached.sort(), cw.noCounterpart.map((n) => n.id).sort(), 'every requirement not reached is declared with a note');
  // The seven Annex A controls that independent mappings reach and the earlier data did not.
  for (const id of ['A.5.23', 'A.5.8', 'A.6.2', 'A.6.5', 'A.7.4', 'A.7.12', 'A.8.30']) assert.ok(reached.has(id), `${id} reached`);
});

test('the config and control-file schemas accept the example catalogue and reject a malformed control', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const config = ajv.compile(JSON.parse(read('schema/config.schema.json')));
  const control = ajv.compile(JSON.parse(read('schema/control.schema.json')));
  const acme = join(import.meta.dirname, '..', 'examples', 'acme');
  assert.ok(config(parse(readFileSync(join(acme, 'crosswalk.yaml'), 'utf8'))), ajv.errorsText(config.errors));
  const files = readdirSync(join(acme, 'controls'));
  assert.equal(files.length, 8);
  for (const f of files) assert.ok(control(parse(readFileSync(join(acme, 'controls', f), 'utf8'))), `${f}: ${ajv.errorsText(control.errors)}`);
  assert.equal(control({ id: 'AC 01', title: 'x', mappings: 'soc2' }), false);
  assert.equal(config({ frameworks: { soc2: { categories: ['securty'] } } }), false);
});

test('dist/frameworks.json (written by the build) is the YAML files read, and is ignored once they change', () => {
  const data = readFrameworkFiles(dir);
  const compiledFile = join(import.meta.dirname, '..', 'dist', COMPILED_FRAMEWORKS);
  const compiled = readCompiled(compiledFile, data);
  assert.ok(compiled, `${compiledFile} is missing or stale: run npm run build`);
  // JSON drops fields that are undefined; compare what survives a round trip.
  const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
  assert.deepEqual(plain(compiled.frameworks), plain(data.frameworks.map((f) => loadFramework(f.text, f.path))));
  assert.deepEqual(plain(compiled.crosswalks), plain(data.crosswalks.map((f) => loadCrosswalk(f.text, f.path))));
  assert.equal(compiled.frameworks[0]!.source, join(dir, 'iso27001-2013.yaml'));

  const edited = { ...data, frameworks: data.frameworks.map((f, i) => (i === 0 ? { ...f, text: `${f.text}\n# edited\n` } : f)) };
  assert.equal(readCompiled(compiledFile, edited), undefined);
  assert.equal(readCompiled(join(dir, 'no-such-file.json'), data), undefined);
});
