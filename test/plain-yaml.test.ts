// The plain-YAML reader (from the library's syntax tree) against the full
// composer: wherever it accepts a text, it must build the same tree, ranges
// included, and the composer must find no error in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import fc from 'fast-check';
import { readPlainYaml } from '../server/core/syntax/plainYaml.ts';
import { parseComposed, parseYaml } from '../server/core/syntax/yamlTree.ts';
import { findFrontMatter } from '../server/core/syntax/frontMatter.ts';

/** Checks one text; returns whether the plain reader took it. */
function agrees(text: string): boolean {
  const plain = readPlainYaml(text);
  if (plain === undefined) return false;
  const full = parseComposed(text);
  assert.deepEqual(full.problems, [], `the plain reader accepted a text the composer rejects: ${JSON.stringify(text)}`);
  assert.deepEqual(plain, full.root, `trees differ for ${JSON.stringify(text)}`);
  return true;
}

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .map((f) => nodePath.join(dir, f));
}

test('plain reader: same trees as the composer on the example catalogue and the bundled frameworks, all read plainly', () => {
  const texts = filesUnder('examples', '.yaml').map((f) => readFileSync(f, 'utf8'));
  for (const f of filesUnder('examples', '.md')) {
    const text = readFileSync(f, 'utf8');
    const fm = findFrontMatter(text);
    if (fm && !fm.unclosed) texts.push(text.slice(fm.start, fm.end));
  }
  assert.ok(texts.length > 20);
  for (const t of texts) assert.ok(agrees(t), `left to the composer: ${JSON.stringify(t.slice(0, 80))}`);
  // The bundled frameworks too (flow mappings such as { id: ..., title: ... } included).
  for (const f of filesUnder('frameworks', '.yaml')) assert.ok(agrees(readFileSync(f, 'utf8')), f);
});

test('plain reader: styles it reads, with the ranges and values the composer gives', () => {
  const cases = [
    "id: AC-01\ntitle: \"Quoted: text\"\nowner: 'It''s'\n",
    'a: 5.10\nb: 0x1F\nc: true\nd: ~\ne: null\nf:\ng: .inf\nh: 1e3\n',
    'list:\n  - a\n  -\n  - # note\n  - "b"\n',
    'flow: [a, "b", \'c\' ,d,]\nempty: []\nspaced: [ a ]  # after\n',
    'mappings: {soc2: [CC6.1, CC6.2], iso27001: A.5.15}\nm: { a: 1, "b": [x], c: , }\nn: {"k":v}\ne: {}\n',
    'm: {a: 1,\n  b: [2, 3] # note\n  }\n',
    'evidence: [{id: EV-1, description: Export}, {id: EV-2}]\nnested: [[a], {b: {c: [d]}}]\n',
    'text: |\n  line one\n  line two\n\nfolded: >-\n  one\n  two\nnext: x\n',
    'multi: word one\n  word two\nafter: y\n',
    '# lead\n\nid: x # trailing\n# between\nz: 1\n# end\n',
    'controls:\n  - id: A\n    mappings:\n      soc2: [CC6.1]\n  - id: B\n',
    '- a\n- b: 1\n  c: 2\n- - nested\n',
    'crlf: yes\r\nnext: [a, b]\r\n',
    'key:   \n  value on next line\n',
    'k: v\n...\n',
    '"quoted key": 1\n\'single\': 2\n',
    'e: "\\u00e9\\n"\n',
    '---\nid: AC-01\n',
    '# head\n--- # c\n\nid: x\n',
    '--- \n  a: [1]\n',
  ];
  let plain = 0;
  for (const c of cases) if (agrees(c)) plain++;
  assert.equal(plain, cases.length - 1); // all but the document end marker
});

test('plain reader: everything else goes to the composer, which reports the errors', () => {
  const composed = [
    'a: &x 1\nb: *x\n', // anchors and aliases
    'a: !!str 1\n', // tags
    'a: [b: 1]\n', // pairs in a flow sequence
    'a: {b}\n', // a flow mapping key without ':'
    'a: {: b}\n', // a flow mapping value without a key
    'a: {b: 1, b: 2}\n', // duplicate keys in a flow mapping
    'a: {1: b}\n',
    'a: {b: 1,, c: 2}\n',
    'a: {, b: 1}\n',
    'a: {b: 1, , c: 2}\n',
    'a: {b: 1 c: 2}\n',
    '? a\n: 1\n', // explicit keys
    '1: a\n', // keys the schema reads as numbers
    'a: 1\na: 2\n', // duplicate keys
    'a:\tb\n', // tabs
    '--- a: 1\n', // a value on the `---` line
    '--- text\n',
    'a: 1\n---\nb: 2\n', // several documents
    '%YAML 1.2\n---\na: 1\n', // directives
    '|\n  root block scalar\n',
    'a: "x"#c\n', // a comment touching a value
    'a: [x,#c\n  y]\n', // a comment touching a comma
    'a: b: c\n', // a compact nested mapping
    'a: [1, 2\n', // an unclosed flow sequence
    'a: [1, 2]]\n',
    'a: [1,, 2]\n',
    'a:\n  - 1\n - 2\n',
    'a: 1\n b: 2\n',
    'a: "unterminated\n',
    'key\nother: 1\n',
    '# only a comment\n',
    '',
    'x'.repeat(1100) + ': 1\n', // implicit key over 1024 characters
  ];
  for (const text of composed) {
    assert.equal(readPlainYaml(text), undefined, JSON.stringify(text));
    // parseYaml still answers, through the composer.
    parseYaml(text);
  }
  assert.deepEqual(parseYaml('a: 1\na: 2\n').problems, [{ start: 5, end: 6, message: 'Map keys must be unique' }]);
});

/** Lines of plain catalogue YAML, and fragments that break it in the ways people (and editors mid-keystroke) do. */
const LINES = [
  '---',
  'id: AC-01',
  'title: Access review',
  'owner: IT',
  'frequency: quarterly',
  'policies: [POL-A, POL-B]',
  'mappings:',
  '  soc2: [CC6.1, CC6.2]',
  '  iso27001:',
  '    - A.5.15',
  '    - "A.8.2"',
  'evidence:',
  '  - id: EV-1',
  '    description: Export',
  '  - text evidence',
  'description: |',
  '  Reviewed quarterly.',
  '  See CC6.1.',
  'notes: >',
  '  folded',
  '# comment',
  '',
  'controls:',
  '  - id: B',
  '    title: B',
  'version: 5.10',
  'count: 12',
  'flag: true',
  'none: ~',
  "quote: 'it''s'",
  'dq: "a\\tb"',
  'list: []',
  'trail: [a, b,]',
  'key: value # note',
];
const FRAGMENTS = [':', ': ', '-', '- ', '#', ' #', ' ', '  ', '\n', '[', ']', ',', '"', "'", '|', '>', '&a ', '*a', '!!str ', '? ', '{', '}', '\t', '\r', '%', '@', '---', '...', 'a: 1', 'x'];

const doc = fc
  .tuple(fc.array(fc.constantFrom(...LINES), { minLength: 1, maxLength: 14 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...FRAGMENTS), fc.boolean()), { maxLength: 3 }))
  .map(([lines, edits]) => {
    let text = lines.join('\n') + '\n';
    for (const [at, frag, replace] of edits) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + frag + text.slice(replace ? i + 1 : i);
    }
    return text;
  });

/** Runs `agrees` on generated texts; the generator must exercise both readers (`minShare` of them read plainly), or the comparison says little. */
function agreesOn(texts: fc.Arbitrary<string>, minShare: number): void {
  let plain = 0;
  let runs = 0;
  fc.assert(
    fc.property(texts, (text) => {
      runs++;
      if (agrees(text)) plain++;
    }),
    { numRuns: 4000, seed: 20261130 },
  );
  assert.ok(plain > runs * minShare && plain < runs, `plain reader took ${plain} of ${runs}`);
}

test('plain reader: same tree as the composer, or left to it, on generated and mutated documents', () => {
  agreesOn(doc, 0.1);
});

/** Flow collections from tokens that often repeat a key, write one YAML reads as a number, or drop a ',' or ':'. */
const flowKey = fc.constantFrom('a', 'b', '"a"', "'b'", '1', 'true', '~', '', 'a b');
const flowValue = fc.constantFrom('1', 'x', '"s"', '[x]', '[x, y]', '[]', '[x,]', '', '{}', '{a: 1}', '{a: 1, a: 2}', '[[x], {b: [y]}]', '{a: {b}}', '[x', 'x]', '#c\n', '*x', '!t x');
const flowSep = fc.constantFrom(', ', ',', ' , ', ',,', ' ', ',\n  ', ', # c\n  ');
const flowDoc = fc.array(fc.tuple(flowKey, fc.constantFrom(': ', ':', ' : ', ''), flowValue, flowSep), { minLength: 0, maxLength: 4 }).chain((items) =>
  fc.record({ open: fc.constantFrom('{', '['), close: fc.constantFrom('}', ']', '', ' }'), pairs: fc.boolean() }).map(({ open, close, pairs }) => {
    const body = items.map(([k, colon, v, sep], i) => (open === '[' && !pairs ? v : `${k}${colon}${v}`) + (i < items.length - 1 ? sep : '')).join('');
    return `m: ${open}${body}${close}\nn: 1\n`;
  }),
);

test('plain reader: same tree as the composer, or left to it, on generated flow collections', () => {
  agreesOn(flowDoc, 0.05);
});
