// Definitions found in policy text, and the shortcut that spares ordinary
// prose the Markdown parse (whether to parse, from which line, with which GFM
// constructs): together they must find what a full parse of the whole text finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { definitionsIn, findDefinitions } from '../server/core/readers/prose/definitions.ts';
import { findFrontMatter } from '../server/core/syntax/frontMatter.ts';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';

/** The whole text, front matter and all, with every GFM construct: what the shortcuts must agree with. */
const reference = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

const brief = (text: string): string[] => findDefinitions(text, 0).map((d) => `${d.key} @${d.start}-${d.end}: ${d.definition}`);

test('sections titled Definitions, Glossary, Terms or Key terms, ATX or setext, and "X means" sentences', () => {
  assert.deepEqual(brief('# P\n\n## Key terms\n\n- **Asset**: anything of value.\n'), ['asset @23-28: anything of value.']);
  assert.deepEqual(brief('Terms\n=====\n\n| Term | Meaning |\n|---|---|\n| Vendor | A third party. |\n'), ['vendor @44-50: A third party.']);
  assert.deepEqual(brief('Intro.\n\nGloss**ary**\n---\n\n**Asset**: anything of value.\n'), ['asset @28-33: anything of value.']);
  assert.deepEqual(brief('Data is kept safe. "Personal data" means data about a person.\n'), ['personal data @20-33: data about a person.']);
  // Ordinary prose: nothing to find, and no parse needed.
  assert.deepEqual(brief('Access is granted by means of the identity provider, which refers to the HR system. See the definition of done.\n'), []);
  assert.deepEqual(brief('    ## Definitions\n\n- **Asset**: anything of value.\n'), []);
});

const words = [
  'Asset',
  'Personal data',
  'Vendor',
  'means',
  'refers to',
  'is defined as',
  'definition',
  'Definitions',
  'Glossary',
  'terms',
  'Key terms',
  'Terms and definitions',
  'terminology',
  'data',
  'the',
  '**',
  '__',
  '"',
  '“',
  '”',
  '`',
  ':',
  ' - ',
  '—',
  '.',
  '|',
];
const line = fc.oneof(
  fc.array(fc.constantFrom(...words), { maxLength: 8 }).map((w) => w.join(' ')),
  fc
    .tuple(
      fc.constantFrom('# ', '## ', '### ', '   ## ', '    ## ', '#', '> ## ', '- ## '),
      fc.constantFrom('Definitions', 'Glossary', 'Key terms', 'Terms and definitions', 'Terms', 'Gloss**ary**', 'Purpose', 'definitions ##'),
    )
    .map(([h, t]) => h + t),
  // Setext headings: the title (one or two lines) and its underline.
  fc.constantFrom('Definitions\n===', 'Glossary\n---', 'Key terms\n---', 'Terms and\ndefinitions\n===', 'Gloss**ary**\n===', 'Definitions\n__\n---', 'Definitions', 'Glossary'),
  fc.constantFrom('===', '---', '  ---', '***', '', '', '', '```', '~~~', '<div>', '</div>', '<!--', '-->', '| Term | Meaning |', '|---|---|', '| Asset | Anything of value. |'),
  fc.constantFrom(
    '- **Asset**: anything of value.',
    '1. "Vendor" - a third party.',
    '2. **Asset** means a thing.',
    '* "Vendor" means a supplier.',
    '- a.',
    '  **Asset** means a thing.',
    '  more.',
    '    "Vendor" means code.',
    '> "Asset" means a quote.',
    '>',
    'Done. **Personal data** means data about a person.',
    '"Asset" is defined as a thing.',
    'Access is by means of SSO.',
    '\t## Definitions',
  ),
  // GFM: footnotes, task lists, strikethrough, autolinks, tables without outer pipes.
  fc.constantFrom(
    '[^1]: "Asset" means a note.',
    '[^1]:',
    '    **Vendor** means a note too.',
    '- [ ] **Asset**: a task.',
    '- [x] "Vendor" - done.',
    '~~"Asset" means struck~~ out.',
    'See www.example.com. **Asset** means a link.',
    'Term | Meaning',
    '--- | ---',
    'Asset | A thing.',
  ),
);
const doc = fc.tuple(fc.boolean(), fc.array(line, { maxLength: 16 }), fc.constantFrom('\n', '\r\n')).map(([front, lines, eol]) => (front ? ['---', 'id: P', '---', ...lines] : lines).join(eol));

test('the shortcut never loses a definition the full parse finds', () => {
  fc.assert(
    fc.property(doc, (text) => {
      const bodyStart = findFrontMatter(text)?.bodyStart ?? 0;
      assert.deepEqual(
        findDefinitions(text, bodyStart),
        definitionsIn(text, 0, reference).filter((d) => d.start >= bodyStart),
      );
    }),
    { numRuns: 3000, seed: 11 },
  );
});
