// What the language server does for the editor beyond diagnostics: the
// folders it analyses when the client names them, completion by topic,
// rule documentation links, fix-all and progress.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { URI } from 'vscode-uri';
import { LspClient } from './helpers/lspClient.ts';

const scratch = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-lsp-editor-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): string {
  const root = nodePath.join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(nodePath.dirname(nodePath.join(root, path)), { recursive: true });
    writeFileSync(nodePath.join(root, path), text);
  }
  return root;
}

const CONTROL = `id: AC-01
title: Quarterly user access review
owner: Head of IT
frequency: quarterly
evidence:
  - id: EV-AC-01
    description: Access review export
mappings:
  soc2: [CC6.1, CC9.9]
`;

test('with initializationOptions.folders the server analyses only the folders named, not every workspace folder', async () => {
  const catalogue = tree('named-catalogue', { 'controls/access.yaml': CONTROL });
  const unrelated = tree('named-unrelated', { 'controls/other.yaml': CONTROL, 'src/app.yaml': 'a: 1\n' });
  const client = await LspClient.start(catalogue, {}, { extraFolders: [unrelated], initializationOptions: { folders: [URI.file(catalogue).toString()] } });
  try {
    await client.until(() => client.diagnosticsOf('controls/access.yaml').length > 0, 'the scan of the catalogue');
    // Workspace symbols wait for every folder the server has: after them, every scan has been logged.
    assert.deepEqual(
      (await client.request<Array<{ name: string }>>('workspace/symbol', { query: '' })).map((s) => s.name),
      ['AC-01'],
    );
    const analysed = client.logs.filter((l) => l.includes('analysed'));
    assert.equal(analysed.length, 1, analysed.join('\n'));
    assert.match(analysed[0]!, new RegExp(`analysed 1 files in ${catalogue.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in \\d+ ms$`));
    // Nothing from the other folder, although its control has the same unknown id.
    assert.deepEqual(
      [...client.diagnostics.keys()].map((u) => URI.parse(u).fsPath),
      [nodePath.join(catalogue, 'controls', 'access.yaml')],
    );
  } finally {
    await client.stop();
  }
});

test('every diagnostic links to its rule’s section of docs/rules.md, and every rule has one', async () => {
  const { readFileSync } = await import('node:fs');
  const { allRules } = await import('../server/core/rules/index.ts');
  const { headingAnchor, ruleDocsUrl, repositoryWebUrl } = await import('../server/core/queries/ruleDocs.ts');
  const pkg = JSON.parse(readFileSync(nodePath.join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { repository: { url: string }; homepage: string; bugs: { url: string } };
  const anchors = new Set([...readFileSync(nodePath.join(import.meta.dirname, '..', 'docs', 'rules.md'), 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) => headingAnchor(m[1]!)));
  assert.deepEqual(
    allRules.map((r) => r.code).filter((code) => !anchors.has(headingAnchor(code))),
    [],
  );
  assert.equal(headingAnchor('Duplicate and conflicting documentation'), 'duplicate-and-conflicting-documentation');
  assert.equal(headingAnchor('Crosswalk: the `init` command (v2)'), 'crosswalk-the-init-command-v2');
  assert.equal(repositoryWebUrl(pkg.repository.url), pkg.homepage.replace(/#readme$/, ''));
  assert.equal(ruleDocsUrl('https://github.com/crosswalk/crosswalk', 'unknown-id'), 'https://github.com/crosswalk/crosswalk/blob/main/docs/rules.md#unknown-id');

  const root = tree('docs-links', { 'controls/access.yaml': CONTROL });
  const client = await LspClient.start(root);
  try {
    await client.until(() => client.diagnosticsOf('controls/access.yaml').length > 0, 'the scan');
    assert.deepEqual(
      client.diagnosticsOf('controls/access.yaml').map((d) => [d.code, d.codeDescription?.href]),
      ['single-framework', 'unknown-id'].map((code) => [code, `${repositoryWebUrl(pkg.repository.url)}/blob/main/docs/rules.md#${code}`]),
    );
  } finally {
    await client.stop();
  }
});

const FIXABLE = `controls:
  - id: AC-01
    title: Access review
    owner: Head of IT
    frequency: quarterly
    evidence:
      - id: EV-AC-01
        description: Review export
    mappings:
      soc2: [cc6.1, CC 6.2, CC9.9]
      iso27001: [A.5.15]
  - id: AC-02
    title: Access removal
    owner: Head of IT
    frequency: quarterly
    evidence:
      - id: EV-AC-02
        description: Leaver tickets
    mappings:
      soc2: [CC6.2, A.5.18]
`;

test('fix-all applies what `crosswalk check --fix` writes: for a file as source.fixAll.crosswalk, for every file by request', async () => {
  const { spawnSync } = await import('node:child_process');
  const { readFileSync, cpSync } = await import('node:fs');
  const { applyEdits } = await import('./helpers/memory.ts');
  const other = CONTROL.replace('CC9.9', 'cc9.2');
  const root = tree('fix-all', { 'controls/access.yaml': FIXABLE, 'controls/other.yaml': other });
  const cli = nodePath.join(scratch, 'fix-all-cli');
  cpSync(root, cli, { recursive: true });
  const r = spawnSync(process.execPath, [nodePath.join(import.meta.dirname, '..', 'dist', 'cli.cjs'), 'check', cli, '--fix', '--today', '2026-11-24'], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  const fixed = (p: string): string => readFileSync(nodePath.join(cli, p), 'utf8');
  assert.notEqual(fixed('controls/access.yaml'), FIXABLE);

  const client = await LspClient.start(root);
  try {
    await client.until(() => client.diagnosticsOf('controls/access.yaml').length > 0, 'the scan');
    const uri = client.uri('controls/access.yaml');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = await client.request<Array<{ title: string; kind: string; edit: { changes: Record<string, Array<{ range: typeof range; newText: string }>> } }>>('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, Object.keys(a.edit.changes)]),
      [['Fix all auto-fixable Crosswalk problems', 'source.fixAll.crosswalk', [uri]]],
    );
    assert.equal(applyEdits(FIXABLE, actions[0]!.edit.changes[uri]!), fixed('controls/access.yaml'));
    // Quick fixes are not fix-all: asked for quick fixes only, it is not offered.
    const quick = await client.request<Array<{ kind: string }>>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['quickfix'] } });
    assert.equal(
      quick.some((a) => a.kind === 'source.fixAll.crosswalk'),
      false,
    );

    const all = await client.request<{ edit: { changes: Record<string, Array<{ range: typeof range; newText: string }>> }; applied: number; deferred: number }>('crosswalk/fixAll', {
      uri: URI.file(root).toString(),
    });
    assert.deepEqual(Object.keys(all.edit.changes).sort(), [uri, client.uri('controls/other.yaml')].sort());
    assert.equal(applyEdits(FIXABLE, all.edit.changes[uri]!), fixed('controls/access.yaml'));
    assert.equal(applyEdits(other, all.edit.changes[client.uri('controls/other.yaml')]!), fixed('controls/other.yaml'));
    assert.deepEqual([all.applied, all.deferred], [4, 0]);
  } finally {
    await client.stop();
  }
});

test('the first scan and a reload report $/progress to a client that shows it, and the status request gives the counts', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 600; i++) files[`controls/c${String(i).padStart(3, '0')}.yaml`] = CONTROL.replace('AC-01', `AC-${i}`);
  const root = tree('progress', files);
  const client = await LspClient.start(root, {}, { capabilities: { window: { workDoneProgress: true } } });
  try {
    const ended = (n: number): boolean => client.progress.filter((p) => p.value.kind === 'end').length >= n;
    await client.until(() => ended(1), 'the end of the first scan');
    const first = client.progress.map((p) => [p.value.kind, p.value.title ?? p.value.message, p.value.percentage]);
    assert.deepEqual(first, [
      ['create', undefined, undefined],
      ['begin', 'Crosswalk: analysing the catalogue', 0],
      ['report', 'listing files', 0],
      ['report', '255 of 600 files', 42],
      ['report', '511 of 600 files', 85],
      ['report', '600 of 600 files', 100],
      ['end', undefined, undefined],
    ]);
    // One token for the whole scan.
    assert.equal(new Set(client.progress.map((p) => p.token)).size, 1);
    const status = await client.request<Array<{ root: string; state: string; files?: number; findings?: number }>>('crosswalk/status', {});
    assert.deepEqual(status, [{ root: URI.file(root).toString(), state: 'ready', files: 600, findings: 1200 }]);

    writeFileSync(nodePath.join(root, 'crosswalk.yaml'), 'version: 1\n');
    client.watched([{ path: 'crosswalk.yaml', type: 1 }]);
    await client.until(() => ended(2), 'the end of the reload');
    assert.equal(client.progress.filter((p) => p.value.kind === 'begin').at(-1)!.value.title, 'Crosswalk: reloading the catalogue');
  } finally {
    await client.stop();
  }
});

test('a client that does not show progress gets no progress', async () => {
  const root = tree('no-progress', { 'controls/access.yaml': CONTROL });
  const client = await LspClient.start(root);
  try {
    await client.until(() => client.diagnosticsOf('controls/access.yaml').length > 0, 'the scan');
    await client.request('workspace/symbol', { query: '' });
    assert.deepEqual(client.progress, []);
  } finally {
    await client.stop();
  }
});

test('crosswalk/init proposes crosswalk.yaml with the frameworks chosen, and a first control and policy for an empty folder that check finds clean', async () => {
  const { spawnSync } = await import('node:child_process');
  const empty = tree('init-empty', { 'README.md': '# Security\n' });
  const existing = tree('init-existing', { 'controls/access.yaml': CONTROL });
  // No folder analysed: the request works on the folder it names.
  const client = await LspClient.start(scratch, {}, { workspaceFolders: false, initializationOptions: { folders: [] } });
  try {
    type Answer = { config: string; files: Array<{ path: string; text: string }> };
    const answer = await client.request<Answer>('crosswalk/init', { uri: URI.file(empty).toString(), choice: { frameworks: ['soc2', 'iso27001'], soc2Categories: ['availability'] } });
    assert.match(answer.config, /^# Written by Crosswalk: Initialize Catalogue; the policies\/ and controls\/ globs are the defaults\.$/m);
    assert.match(answer.config, /^ {4}categories: \[security, availability\]$/m);
    assert.match(answer.config, /^ {2}iso27001: \{\}$/m);
    assert.deepEqual(
      answer.files.map((f) => f.path),
      ['controls/access.yaml', 'policies/access-control.md'],
    );
    writeFileSync(nodePath.join(empty, 'crosswalk.yaml'), answer.config);
    for (const f of answer.files) {
      mkdirSync(nodePath.dirname(nodePath.join(empty, f.path)), { recursive: true });
      writeFileSync(nodePath.join(empty, f.path), f.text);
    }
    const check = spawnSync(process.execPath, [nodePath.join(import.meta.dirname, '..', 'dist', 'cli.cjs'), 'check', empty, '--today', '2026-11-24'], { encoding: 'utf8' });
    assert.deepEqual([check.status, check.stdout.trim().split('\n').at(-1)], [0, 'no problems in 3 files']);

    const soc2Only = await client.request<Answer>('crosswalk/init', { uri: URI.file(existing).toString(), choice: { frameworks: ['soc2'], soc2Categories: [] } });
    assert.deepEqual(soc2Only.files, []);
    assert.match(soc2Only.config, /^ {4}categories: \[security\]$/m);
    assert.doesNotMatch(soc2Only.config, /iso27001/);
  } finally {
    await client.stop();
  }
});

const HIGHLIGHT_POLICY = `---
id: POL-ACCESS
title: Access Control Policy
owner: CISO
review_frequency: annual
last_reviewed: 2026-06-01
satisfies:
  soc2: [CC6.1, CC6.2]
---
# Access Control Policy

Access is granted on least privilege (CC6.1); removal follows CC6.2 and CC6.1.
CC6.10 is no criterion, and CC6.1.3 is a point of focus.
`;

test('document highlight marks every occurrence of the requirement id under the cursor in the file: front matter and prose, not other ids', async () => {
  const root = tree('highlight', { 'policies/access.md': HIGHLIGHT_POLICY, 'controls/access.yaml': CONTROL.replace('CC9.9', 'CC6.1') });
  const client = await LspClient.start(root);
  try {
    await client.until(() => client.diagnosticsOf('controls/access.yaml').length > 0, 'the scan');
    type Highlight = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; kind: number };
    const highlights = async (path: string, line: number, character: number): Promise<string[] | null> => {
      const h = await client.request<Highlight[] | null>('textDocument/documentHighlight', { textDocument: { uri: client.uri(path) }, position: { line, character } });
      return h === null ? null : h.map((x) => `${x.range.start.line}:${x.range.start.character}-${x.range.end.line}:${x.range.end.character} ${x.kind}`);
    };
    const cc61 = ['7:9-7:14 1', '11:38-11:43 1', '11:72-11:77 1'];
    // From the front matter and from the prose, the same three.
    assert.deepEqual(await highlights('policies/access.md', 7, 10), cc61);
    assert.deepEqual(await highlights('policies/access.md', 11, 73), cc61);
    assert.deepEqual(await highlights('policies/access.md', 11, 63), ['7:16-7:21 1', '11:62-11:67 1']);
    // In a control file: the ids of its mapping list; twice when the list writes it twice.
    assert.deepEqual(await highlights('controls/access.yaml', 8, 17), ['8:9-8:14 1', '8:16-8:21 1']);
    // Off any id: nothing.
    assert.deepEqual(await highlights('policies/access.md', 11, 2), null);
  } finally {
    await client.stop();
  }
});

test('a document without front matter, among documents with one, gets the quick fix that adds it', async () => {
  const { applyEdits } = await import('./helpers/memory.ts');
  const plain = '# Backup Policy\n\nBackups are tested.\n';
  const root = tree('front-matter-fix', { 'policies/access.md': HIGHLIGHT_POLICY, 'policies/backup.md': plain });
  const client = await LspClient.start(root);
  try {
    await client.until(() => client.diagnosticsOf('policies/backup.md').length > 0, 'the scan');
    const [diag] = client.diagnosticsOf('policies/backup.md');
    assert.equal(diag!.code, 'missing-front-matter');
    const uri = client.uri('policies/backup.md');
    type Action = { title: string; edit: { changes: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> } };
    const actions = await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, range: diag!.range, context: { diagnostics: [diag] } });
    assert.deepEqual(
      actions.map((a) => [a.title, applyEdits(plain, a.edit.changes[uri]!)]),
      [['Add front matter', `---\nid: POL-BACKUP\ntitle: Backup Policy\nowner: "" # the role accountable for it\nreview_frequency: "" # annual, quarterly, ...\n---\n${plain}`]],
    );
  } finally {
    await client.stop();
  }
});

test('crosswalk/coverage carries the policies citing a gap, for the tree to show it as cited only', async () => {
  const root = tree('coverage-cited', { 'policies/access.md': HIGHLIGHT_POLICY.replace('CC6.10 is no criterion', 'CC6.6 is met too') });
  const client = await LspClient.start(root);
  try {
    await client.until(() => client.diagnosticsOf('policies/access.md').length > 0, 'the scan');
    type Report = { frameworks: Array<{ framework: string; groups: Array<{ requirements: Array<{ id: string; status: string; citedBy?: string[] }> }> }> };
    const report = await client.request<Report>('crosswalk/coverage', { uri: URI.file(root).toString() });
    const soc2 = report.frameworks.find((f) => f.framework === 'soc2')!.groups.flatMap((g) => g.requirements);
    assert.deepEqual(
      soc2.filter((r) => r.citedBy !== undefined).map((r) => [r.id, r.status, r.citedBy]),
      [['CC6.6', 'gap', ['POL-ACCESS']]],
    );
  } finally {
    await client.stop();
  }
});

test('crosswalk/report links requirement ids to crosswalk.revealRequirement when the editor asks, and only then', async () => {
  const root = tree('report-links', { 'policies/access.md': HIGHLIGHT_POLICY, 'controls/access.yaml': CONTROL.replace('CC9.9', 'CC6.1') });
  const client = await LspClient.start(root);
  try {
    await client.until(() => client.diagnosticsOf('controls/access.yaml').length > 0, 'the scan');
    const uri = URI.file(root).toString();
    const plain = await client.request<string>('crosswalk/report', { uri, format: 'html' });
    assert.doesNotMatch(plain, /<a |command:/);
    const linked = await client.request<string>('crosswalk/report', { uri, format: 'html', links: 'editor' });
    const args = [...linked.matchAll(/<a href="command:([\w.]+)\?([^"]*)">([^<]*)<\/a>/g)].map((m) => [m[1], JSON.parse(decodeURIComponent(m[2]!)) as string[], m[3]]);
    assert.equal(args.length, (linked.match(/<a /g) ?? []).length);
    assert.deepEqual([...new Set(args.map((a) => a[0]))], ['crosswalk.revealRequirement']);
    // Each link names the framework pursued and the id it shows.
    assert.deepEqual(
      args.filter((a) => (a[1] as string[])[1] !== a[2]),
      [],
    );
    assert.deepEqual(args.find((a) => a[2] === 'A.5.16')?.[1], ['iso27001', 'A.5.16']);
  } finally {
    await client.stop();
  }
});
