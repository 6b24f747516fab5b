// Completion by topic: titles in the filter text, ids already listed left
// out, the crosswalk counterparts of the entity's other mappings first
// (strong before partial), gaps marked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { projectOf } from './helpers/memory.ts';
import { complete, type CompletionEntry } from '../server/core/queries/completion.ts';

const CONTROL = `id: AC-01
title: Access
owner: IT
frequency: quarterly
mappings:
  soc2: [CC6.1]
  iso27001: [A.5.15, A.]
`;

const ranked = (items: CompletionEntry[]): CompletionEntry[] => [...items].sort((a, b) => a.sortText.localeCompare(b.sortText));

test('ISO ids: counterparts of the control’s SOC 2 ids first, strong before partial, the listed id left out, gaps marked', async () => {
  const p = await projectOf({ 'controls/access.yaml': CONTROL });
  const items = ranked(complete(p, 'controls/access.yaml', CONTROL, { line: 6, character: 23 }));
  assert.deepEqual(
    items.slice(0, 14).map((i) => [i.label, i.note]),
    [
      ['A.5.16', 'strong counterpart of CC6.1 · gap'],
      ['A.5.17', 'strong counterpart of CC6.1 · gap'],
      ['A.8.3', 'strong counterpart of CC6.1 · gap'],
      ['A.8.5', 'strong counterpart of CC6.1 · gap'],
      ['A.8.24', 'strong counterpart of CC6.1 · gap'],
      ['A.5.9', 'partial counterpart of CC6.1 · gap'],
      ['A.5.18', 'partial counterpart of CC6.1 · gap'],
      ['A.6.7', 'partial counterpart of CC6.1 · gap'],
      ['A.8.2', 'partial counterpart of CC6.1 · gap'],
      ['A.8.18', 'partial counterpart of CC6.1 · gap'],
      ['A.8.20', 'partial counterpart of CC6.1 · gap'],
      ['A.8.22', 'partial counterpart of CC6.1 · gap'],
      ['A.8.26', 'partial counterpart of CC6.1 · gap'],
      // Then the framework in its own order.
      ['4', 'gap'],
    ],
  );
  assert.equal(
    items.some((i) => i.label === 'A.5.15'),
    false,
  );
  const supplier = items.find((i) => i.label === 'A.5.19')!;
  assert.deepEqual([supplier.filterText, supplier.detail, supplier.insertText], ['A.5.19 Information security in supplier relationships', 'Information security in supplier relationships', 'A.5.19']);
  assert.deepEqual(
    items.filter((i) => i.filterText.toLowerCase().includes('supplier')).map((i) => i.label),
    ['A.5.19', 'A.5.20', 'A.5.22'],
  );
});

test('a covered requirement is not marked a gap, and block lists leave out their items too', async () => {
  const other = `id: AC-02\ntitle: Suppliers\nowner: IT\nfrequency: annually\nmappings:\n  iso27001: [A.5.19]\n`;
  const text = `id: AC-01\ntitle: Access\nowner: IT\nfrequency: quarterly\nmappings:\n  iso27001:\n    - A.5.15\n    - A.5.1\n    - \n    - A.5.16 # identities\n`;
  const p = await projectOf({ 'controls/access.yaml': text, 'controls/suppliers.yaml': other });
  const items = complete(p, 'controls/access.yaml', text, { line: 8, character: 6 });
  const labels = new Set(items.map((i) => i.label));
  for (const listed of ['A.5.15', 'A.5.1', 'A.5.16']) assert.equal(labels.has(listed), false, listed);
  assert.equal(items.find((i) => i.label === 'A.5.19')!.note, undefined);
  assert.equal(items.find((i) => i.label === 'A.5.20')!.note, 'gap');
  // The word being typed is not "listed": typing A.5.1 still offers A.5.1.
  const typing = `id: AC-01\ntitle: Access\nowner: IT\nfrequency: quarterly\nmappings:\n  iso27001: [A.5.1]\n`;
  const p2 = await projectOf({ 'controls/access.yaml': typing });
  assert.ok(complete(p2, 'controls/access.yaml', typing, { line: 5, character: 18 }).some((i) => i.label === 'A.5.1'));
});

test('policy ids: titles in the filter text, policies already named left out', async () => {
  const policy = (id: string, title: string): string => `---\nid: ${id}\ntitle: ${title}\nowner: CISO\nreview_frequency: annual\nlast_reviewed: 2026-06-01\n---\n# ${title}\n`;
  const text = `id: AC-01\ntitle: Access\nowner: IT\nfrequency: quarterly\npolicies: [POL-ACCESS, POL-]\n`;
  const p = await projectOf({
    'controls/access.yaml': text,
    'policies/access.md': policy('POL-ACCESS', 'Access Control Policy'),
    'policies/vendors.md': policy('POL-VENDOR', 'Supplier Security Policy'),
  });
  assert.deepEqual(
    complete(p, 'controls/access.yaml', text, { line: 4, character: 27 }).map((i) => [i.label, i.filterText, i.detail]),
    [['POL-VENDOR', 'POL-VENDOR Supplier Security Policy', 'Supplier Security Policy']],
  );
});

test('snippets where they fit: a control, an evidence item, policy front matter; none in other files', async () => {
  const files = { 'controls/new.yaml': '', 'controls/list.yaml': 'controls:\n  - \n', 'controls/ev.yaml': 'id: AC-01\nevidence:\n  - \n', 'policies/new.md': '---\n', 'docs/notes.yaml': '' };
  const p = await projectOf(files);
  const at = (path: keyof typeof files, line: number, character: number): Array<[string, string, boolean, string, number, number]> =>
    complete(p, path, files[path], { line, character }).map((c) => [
      c.label,
      c.kind,
      c.snippet === true,
      c.insertText.split('\n').slice(0, 3).join('|'),
      c.range.start.character,
      c.range.end.character,
    ]);
  assert.deepEqual(at('controls/new.yaml', 0, 0), [['control', 'snippet', true, 'id: ${1:AC-01}|title: ${2:What is done}|owner: ${3:Role that operates it}', 0, 0]]);
  assert.deepEqual(at('controls/list.yaml', 1, 4), [['control', 'snippet', true, 'id: ${1:AC-01}|  title: ${2:What is done}|  owner: ${3:Role that operates it}', 4, 4]]);
  assert.deepEqual(at('controls/ev.yaml', 2, 4), [['evidence item', 'snippet', true, 'id: ${1:EV-}|  description: ${2:What shows it was done}|  source: ${3:Where it is kept}$0', 4, 4]]);
  // The front matter replaces the dashes typed so far.
  assert.deepEqual(at('policies/new.md', 0, 3), [['policy front matter', 'snippet', true, '---|id: ${1:POL-}|title: ${2:Policy title}', 0, 3]]);
  // Editors filter on the text from the range's start, the dashes: they begin the filter text, and the label's words follow.
  assert.deepEqual(
    complete(p, 'policies/new.md', files['policies/new.md'], { line: 0, character: 3 }).map((c) => c.filterText),
    ['--- policy front matter'],
  );
  assert.deepEqual(at('docs/notes.yaml', 0, 0), []);
  // A file that lists its controls under controls: gets no second top-level control.
  assert.deepEqual(at('controls/list.yaml', 2, 0), []);
});
