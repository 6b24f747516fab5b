// Bad input never crashes or hangs the analysis: hostile files on disk,
// YAML alias bombs, and random or mutated documents (fast-check) through the
// core and through the running server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import fc from 'fast-check';
import { findingsText } from '../server/format/findingsText.ts';
import { findingsMarkdown } from '../server/format/findingsMarkdown.ts';
import type { Hover } from 'vscode-languageserver-protocol';
import { brief, projectOf } from './helpers/memory.ts';
import { LspClient } from './helpers/lspClient.ts';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');
const CONTROL = 'id: AC-01\ntitle: Access review\nowner: IT\nfrequency: quarterly\nevidence: [Export]\npolicies: [POL-A]\nmappings:\n  soc2: [CC6.1, CC6.2]\n  iso27001: [A.5.15, "9.2"]\n';
const POLICY =
  '---\nid: POL-A\ntitle: Access Policy\nowner: CISO\nlast_reviewed: 2026-06-01\nsatisfies:\n  soc2: [CC6.1]\n  iso27001: [A.5.15]\ncontrols: [AC-01]\n---\n# Access\n\nUser access reviews are performed quarterly (CC6.1).\n\n## Definitions\n\n- **Confidential data**: customer data.\n';
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('hostile files on disk: symlink loops, links out of the repository or to a named pipe, huge, binary and invalid UTF-8 files', () => {
  const outside = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-outside-'));
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-hostile-'));
  dirs.push(outside, dir);
  writeFileSync(nodePath.join(outside, 'secret.yaml'), 'id: SECRET\n');
  mkdirSync(nodePath.join(dir, 'controls', 'nested'), { recursive: true });
  writeFileSync(nodePath.join(dir, 'controls', 'a.yaml'), CONTROL.replace('policies: [POL-A]\n', ''));
  symlinkSync(nodePath.join(dir, 'controls'), nodePath.join(dir, 'controls', 'nested', 'loop'));
  symlinkSync(nodePath.join(outside, 'secret.yaml'), nodePath.join(dir, 'controls', 'leak.yaml'));
  symlinkSync(nodePath.join(dir, 'controls', 'self.yaml'), nodePath.join(dir, 'controls', 'self.yaml'));
  writeFileSync(nodePath.join(dir, 'controls', 'huge.yaml'), `# ${'x'.repeat(10 * 1024 * 1024)}\n`);
  writeFileSync(nodePath.join(dir, 'controls', 'nul.yaml'), 'id: X\n\u0000\u0000\u0000binary\n');
  writeFileSync(nodePath.join(dir, 'controls', 'latin1.yaml'), Buffer.from('id: CAF\xc9\n', 'latin1'));
  // A link to a named pipe nobody writes to: opening it must not wait forever.
  assert.equal(spawnSync('mkfifo', [nodePath.join(dir, 'pipe')]).status, 0, 'mkfifo is needed for this test');
  symlinkSync(nodePath.join(dir, 'pipe'), nodePath.join(dir, 'controls', 'pipe.yaml'));
  const r = spawnSync(process.execPath, [CLI, 'check', dir, '--today', '2026-11-24'], { encoding: 'utf8', timeout: 20000 });
  assert.equal(r.stderr, '');
  const lines = r.stdout.trimEnd().split('\n');
  assert.deepEqual(
    lines.map((l) => l.replace(/\(\/[^)]*\)/, '(...)')),
    [
      'controls/huge.yaml:1:1: error unreadable-file: cannot read controls/huge.yaml: it is 10.0 MiB; catalogue files over 2 MiB are skipped',
      'controls/latin1.yaml:1:1: error unreadable-file: cannot read controls/latin1.yaml: it is not valid UTF-8 text',
      'controls/leak.yaml:1:1: error unreadable-file: cannot read controls/leak.yaml: it links outside the repository (...); such files are not read',
      'controls/nul.yaml:1:1: error unreadable-file: cannot read controls/nul.yaml: it holds binary data (NUL bytes), not text',
      'controls/pipe.yaml:1:1: error unreadable-file: cannot read controls/pipe.yaml: it is not a regular file',
      'controls/self.yaml:1:1: error unreadable-file: cannot read controls/self.yaml: it is a symbolic link loop',
      '6 errors in 6 of 7 files',
    ],
  );
  assert.doesNotMatch(r.stdout, /SECRET/);
});

test('a huge buffer from an editor is skipped like a huge file on disk', async () => {
  const p = await projectOf({ 'controls/a.yaml': CONTROL });
  p.setText('controls/a.yaml', `# ${'x'.repeat(3 * 1024 * 1024)}\n`);
  assert.deepEqual(brief(p), ['controls/a.yaml:1:1-1:1 error unreadable-file: cannot read controls/a.yaml: it is 3.0 MiB; catalogue files over 2 MiB are skipped']);
});

test('a YAML alias bomb is refused quickly, not expanded', async () => {
  const bomb = [
    'a: &a [x, x, x, x, x, x, x, x, x]',
    ...Array.from(
      { length: 9 },
      (_, i) =>
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
    ),
  ].join('\n');
  const started = Date.now();
  const p = await projectOf({ 'controls/bomb.yaml': `${bomb}\nid: C-1\n`, 'crosswalk.yaml': `${bomb}\n`, 'policies/p.md': `---\n${bomb}\nid: POL-1\n---\n# x\n` });
  assert.ok(Date.now() - started < 5000, 'analysed without expanding the aliases');
  assert.ok(brief(p).length > 0);
});

/** Text mutations a user produces while typing: deletions, insertions of YAML/Markdown punctuation, duplicated lines. */
const mutated = (base: string): fc.Arbitrary<string> =>
  fc
    .array(
      fc.tuple(
        fc.nat(base.length),
        fc.nat(12),
        fc.constantFrom(
          '',
          ':',
          '- ',
          '[',
          ']',
          '{',
          '"',
          "'",
          '\n',
          '  ',
          '---\n',
          '&a',
          '*a',
          '!!binary ',
          '#',
          'CC',
          'A.',
          '9.',
          '\t',
          '<<<<<<< HEAD\n',
          '\u0000',
          '\ufeff',
          '|',
          '>',
          '?',
          '%YAML 1.2\n',
          '\u001b[2J',
          '\u202e',
          '\u200b',
          '\r',
          '"\\n::error::x"',
          '](javascript:x)',
        ),
      ),
      { maxLength: 6 },
    )
    .map((edits) => edits.reduce((text, [at, del, ins]) => text.slice(0, at % (text.length + 1)) + ins + text.slice((at % (text.length + 1)) + del), base));

test('YAML garbage: at most 20 syntax errors listed per file, deep nesting refused before parsing', async () => {
  const p = await projectOf({
    'controls/quotes.yaml': '"'.repeat(60),
    'controls/flow.yaml': `mappings: ${'['.repeat(100)}`,
    'controls/items.yaml': `${'- '.repeat(100)}x\n`,
    'policies/deep.md': `---\nid: POL-1\ntags: ${'{'.repeat(65)}\n---\n# Deep\n`,
    // Brackets inside text open nothing: never refused, however many.
    'controls/prose.yaml': CONTROL.replace('title: Access review', `title: Access review\ndescription: ${'see [1 and '.repeat(100)}`),
  });
  assert.deepEqual(
    brief(p, 'controls/prose.yaml').filter((f) => f.includes('yaml-syntax')),
    [],
  );
  const quotes = brief(p, 'controls/quotes.yaml');
  assert.equal(quotes.length, 21);
  assert.equal(quotes[0], 'controls/quotes.yaml:1:3-1:5 error yaml-syntax: YAML syntax error: Unexpected double-quoted-scalar at node end');
  assert.equal(quotes[20], 'controls/quotes.yaml:1:43-1:44 error yaml-syntax: YAML syntax error: 9 more from here on, not listed; fixing the first ones usually clears the rest');
  assert.deepEqual(brief(p, 'controls/flow.yaml'), [
    'controls/flow.yaml:1:75-1:76 error yaml-syntax: YAML syntax error: collections are nested more than 64 levels deep here; the rest of the file is not read',
  ]);
  assert.deepEqual(brief(p, 'controls/items.yaml'), [
    'controls/items.yaml:1:129-1:130 error yaml-syntax: YAML syntax error: collections are nested more than 64 levels deep here; the rest of the file is not read',
  ]);
  assert.deepEqual(brief(p, 'policies/deep.md'), [
    'policies/deep.md:3:71-3:72 error yaml-syntax: front matter YAML syntax error: collections are nested more than 64 levels deep here; the rest of the file is not read',
  ]);
});

test('pages of text where an id belongs are named by their start, end and length, not repeated whole', async () => {
  const long = 'x'.repeat(299_999) + 'y';
  const p = await projectOf({ 'controls/a.yaml': `id: ${long}\ntitle: T\n`, 'controls/b.yaml': `id: C-1\ntitle: T\npolicies: ["${long}"]\n` });
  const name = `${'x'.repeat(60)}…${'x'.repeat(19)}y (300,000 characters)`;
  assert.equal(brief(p, 'controls/a.yaml')[0], `controls/a.yaml:1:5-1:300005 warning missing-evidence: control ${name} names no evidence: add 'evidence:' items (id, description, source)`);
  assert.equal(brief(p, 'controls/b.yaml').at(-1), `controls/b.yaml:3:12-3:300014 error unresolved-reference: 'policies' names policy ${name}, but ${name} is a control, not a policy`);
  assert.ok(p.allFindings().every((f) => f.message.length < 400));
  const { shortenLongWords } = await import('../server/core/text/longWords.ts');
  // Quotes and punctuation stay outside the cut; a surrogate pair is never split; short words are left alone.
  assert.equal(shortenLongWords(`id '${'a'.repeat(59)}😀${'b'.repeat(100)}😀${'c'.repeat(19)}'.`), `id '${'a'.repeat(59)}…😀${'c'.repeat(19)} (182 characters)'.`);
  assert.equal(shortenLongWords(`${'word '.repeat(50)}end`), `${'word '.repeat(50)}end`);
});

test('a policy repeating one activity and frequency thousands of times is read in linear time', async () => {
  // A sentence of 20,000 "access review ... quarterly" pairs once cost their product (minutes for a 1 MB file).
  const body = `${'access review performed quarterly and '.repeat(10000)}${'access review performed annually and '.repeat(10000)}.\n`;
  const started = Date.now();
  const p = await projectOf({ 'policies/p.md': `---\nid: POL-1\ntitle: Access\nowner: CISO\nreview_frequency: annual\nlast_reviewed: 2026-06-01\n---\n# Access\n\n${body}` });
  const findings = p.findings('policies/p.md').filter((f) => f.rule === 'conflicting-frequency');
  // 20,000 conflicts: the first 1,000 listed, and one finding for the rest.
  assert.equal(findings.length, 1001);
  assert.equal(findings[1000]!.message, 'and 19,000 more conflicting-frequency findings in this file, not listed (at most 1,000 per rule and file are): fix the ones listed and check again');
  assert.ok(Date.now() - started < 15000, `took ${Date.now() - started} ms`);
});

test('random and mutated documents never throw, and every finding lies inside its file', async () => {
  const p = await projectOf({ 'controls/a.yaml': CONTROL, 'policies/a.md': POLICY, 'crosswalk.yaml': 'rules:\n  missing-evidence: info\n' });
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(mutated(CONTROL), mutated(POLICY), fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 200 })),
      fc.constantFrom('controls/a.yaml', 'controls/b.yaml', 'policies/a.md'),
      async (text, path) => {
        p.setText(path, text);
        const lines = text.split('\n');
        for (const f of p.findings(path)) {
          assert.ok(f.range.start.line <= f.range.end.line && f.range.end.line < Math.max(lines.length, 1) + 1, `${f.rule} range inside the file`);
          assert.ok(f.message.length > 0);
        }
        // Whatever the text, the outputs show it literally: no control character, no line that starts a workflow command.
        const all = p.allFindings();
        for (const out of [findingsText(all, 3), findingsMarkdown(all, 3)]) {
          for (const l of out.split('\n')) assert.doesNotMatch(l, /^\s*::|[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\u202e]/, JSON.stringify(l));
        }
      },
    ),
    { numRuns: 300, seed: 20261124 },
  );
});

let client: LspClient;
let root: string;
before(async () => {
  root = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-fuzz-'));
  dirs.push(root);
  mkdirSync(nodePath.join(root, 'controls'));
  mkdirSync(nodePath.join(root, 'policies'));
  writeFileSync(nodePath.join(root, 'controls', 'a.yaml'), CONTROL);
  writeFileSync(nodePath.join(root, 'policies', 'a.md'), POLICY);
  client = await LspClient.start(root);
});
after(async () => {
  await client.stop();
});

test('the server survives mutated edits and keeps answering', async () => {
  client.open('controls/a.yaml', CONTROL);
  const samples = fc.sample(mutated(CONTROL), { numRuns: 60, seed: 7 });
  for (const text of samples) {
    client.change('controls/a.yaml', text);
    await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: client.uri('controls/a.yaml') }, position: { line: 7, character: 11 } });
    await client.request('textDocument/completion', { textDocument: { uri: client.uri('controls/a.yaml') }, position: { line: 7, character: 10 } });
  }
  client.change('controls/a.yaml', CONTROL);
  await client.until(() => client.diagnosticsOf('controls/a.yaml').length === 0, 'clean again');
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('controls/a.yaml') }, position: { line: 7, character: 11 } });
  assert.match((hover.contents as { value: string }).value, /^\*\*CC6\.1\*\*/);
  assert.equal(client.stderr, '');
});

test('hover text from the repository is escaped: no links, images, HTML or command URIs', async () => {
  const evil = CONTROL.replace('title: Access review', 'title: "[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> ![i](https://example.invalid/x.png)"');
  client.change('controls/a.yaml', evil);
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('policies/a.md') }, position: { line: 8, character: 12 } });
  const value = (hover.contents as { value: string }).value;
  assert.equal(value.split('\n')[0], '**AC-01** · control · \\[click\\](command:workbench.action.terminal.new) &lt;img src=x onerror=alert(1)&gt; !\\[i\\](https:\u2060//example.invalid/x.png)');
  client.change('controls/a.yaml', CONTROL);
});

test('diagnostic messages and quick-fix titles show bidi overrides and line ends from the repository as escapes', async () => {
  client.change('controls/a.yaml', CONTROL.replace('policies: [POL-A]', 'policies: ["POL\\u202eA-X", "PO\\nL-A"]'));
  await client.until(() => client.diagnosticsOf('controls/a.yaml').length === 2, 'two unresolved references');
  const diagnostics = client.diagnosticsOf('controls/a.yaml');
  assert.deepEqual(
    diagnostics.map((d) => d.message),
    [
      "'policies' names policy POL\\u202eA-X, but no policy has the id POL\\u202eA-X; did you mean POL-A?",
      "'policies' names policy PO\\u000aL-A, but no policy has the id PO\\u000aL-A; did you mean POL-A?",
    ],
  );
  const actions = await client.request<Array<{ title: string }>>('textDocument/codeAction', {
    textDocument: { uri: client.uri('controls/a.yaml') },
    range: diagnostics[0]!.range,
    context: { diagnostics: [diagnostics[0]] },
  });
  for (const a of actions) assert.doesNotMatch(a.title, /[\u0000-\u001f\u202e]/);
  client.change('controls/a.yaml', CONTROL);
  await client.until(() => client.diagnosticsOf('controls/a.yaml').length === 0, 'clean again');
});
