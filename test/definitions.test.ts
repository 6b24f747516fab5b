// Definitions found in policy text, and the shortcut that spares ordinary
// prose the Markdown parse: it must never lose a definition the parse finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { definitionsIn, findDefinitions } from '../server/core/prose/definitions.ts';

const brief = (text: string): string[] => findDefinitions(text).map((d) => `${d.key} @${d.start}-${d.end}: ${d.definition}`);

test('sections titled Definitions, Glossary, Terms or Key terms, ATX or setext, and "X means" sentences', () => {
  assert.deepEqual(brief('# P\n\n## Key terms\n\n- **Asset**: anything of value.\n'), ['asset @23-28: anything of value.']);
  assert.deepEqual(brief('Terms\n=====\n\n| Term | Meaning |\n|---|---|\n| Vendor | A third party. |\n'), ['vendor @44-50: A third party.']);
  assert.deepEqual(brief('Intro.\n\nGloss**ary**\n---\n\n**Asset**: anything of value.\n'), ['asset @28-33: anything of value.']);
  assert.deepEqual(brief('Data is kept safe. "Personal data" means data about a person.\n'), ['personal data @20-33: data about a person.']);
  // Ordinary prose: nothing to find, and no parse needed.
  assert.deepEqual(brief('Access is granted by means of the identity provider, which refers to the HR system. See the definition of done.\n'), []);
  assert.deepEqual(brief('    ## Definitions\n\n- **Asset**: anything of value.\n'), []);
});

const words = ['Asset', 'Personal data', 'Vendor', 'means', 'refers to', 'is defined as', 'definition', 'Definitions', 'Glossary', 'terms', 'Key terms', 'Terms and definitions', 'terminology', 'data', 'the', '**', '__', '"', '“', '”', '`', ':', ' - ', '—', '.', '|'];
const line = fc.oneof(
  fc.array(fc.constantFrom(...words), { maxLength: 8 }).map((w) => w.join(' ')),
  fc.tuple(fc.constantFrom('# ', '## ', '### ', '   ## ', '    ## ', '#', '> ## ', '- ## '), fc.constantFrom('Definitions', 'Glossary', 'Key terms', 'Terms and definitions', 'Terms', 'Gloss**ary**', 'Purpose', 'definitions ##')).map(([h, t]) => h + t),
  fc.constantFrom('===', '---', '  ---', '***', '', '```', '~~~', '<div>', '</div>', '| Term | Meaning |', '|---|---|', '| Asset | Anything of value. |', '- **Asset**: anything of value.', '1. "Vendor" - a third party.', '**Personal data** means data about a person.', '"Asset" is defined as a thing.', 'Access is by means of SSO.'),
);
const doc = fc.tuple(fc.boolean(), fc.array(line, { maxLength: 14 }), fc.constantFrom('\n', '\r\n')).map(([front, lines, eol]) => (front ? ['---', 'id: P', '---', ...lines] : lines).join(eol));

test('the shortcut never loses a definition the full parse finds', () => {
  fc.assert(
    fc.property(doc, (text) => {
      assert.deepEqual(findDefinitions(text), definitionsIn(text));
    }),
    { numRuns: 3000, seed: 11 },
  );
});
