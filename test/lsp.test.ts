// The language server, spawned from the bundle and driven over stdio as an
// editor would: diagnostics after edits, hover, completion, code actions,
// navigation and rename.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import type { CodeAction, CodeLens, CompletionItem, Hover, Location, WorkspaceEdit, DocumentSymbol, SymbolInformation } from 'vscode-languageserver-protocol';
import { LspClient } from './helpers/lspClient.ts';
import { applyEdits } from './helpers/memory.ts';

const CONTROL = `id: AC-01
title: Quarterly user access review
owner: Head of IT
frequency: quarterly
policies: [POL-ACCESS]
evidence:
  - id: EV-AC-01
    description: Access review export
    source: Okta
mappings:
  soc2: [CC6.1, CC6.2]
  iso27001: [A.5.15, A.5.18]
`;
const POLICY = `---
id: POL-ACCESS
title: Access Control Policy
owner: CISO
review_frequency: annual
last_reviewed: 2026-06-01
satisfies:
  soc2: [CC6.1]
  iso27001: [A.5.15]
controls: [AC-01]
---
# Access Control Policy

Access is granted on least privilege (CC6.1, ISO 27001 A.5.15).
`;

let root: string;
let client: LspClient;

function write(path: string, text: string): void {
  mkdirSync(nodePath.dirname(nodePath.join(root, path)), { recursive: true });
  writeFileSync(nodePath.join(root, path), text);
}

before(async () => {
  root = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-lsp-'));
  write('controls/access.yaml', CONTROL);
  write('controls/other.yaml', CONTROL.replace('AC-01', 'AC-02').replace('POL-ACCESS', 'POL-MISSING'));
  write('policies/access.md', POLICY);
  client = await LspClient.start(root);
  await client.until(() => client.diagnosticsOf('controls/other.yaml').length > 0, 'the initial scan');
});

after(async () => {
  await client.stop();
  rmSync(root, { recursive: true, force: true });
});

test('files that are not open get diagnostics from the initial scan', () => {
  assert.deepEqual(
    client.diagnosticsOf('controls/other.yaml').map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.severity, d.code, d.message]),
    [[4, 11, 22, 1, 'unresolved-reference', "'policies' names policy POL-MISSING, but no policy has the id POL-MISSING"]],
  );
  assert.deepEqual(client.diagnosticsOf('controls/access.yaml'), []);
});

test('an edit updates the file and a duplicate appears in the other file', async () => {
  client.open('controls/access.yaml', CONTROL);
  client.change('controls/access.yaml', CONTROL.replace('CC6.2', 'CC9.9').replace('AC-01', 'AC-02'));
  await client.until(() => client.diagnosticsOf('controls/access.yaml').length === 2, 'diagnostics after the edit');
  assert.deepEqual(
    client.diagnosticsOf('controls/access.yaml').map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code}: ${d.message}`),
    [
      '0:4-0:9 duplicate-id: control id AC-02 is also defined at controls/other.yaml:1: give each control its own id',
      "10:16-10:21 unknown-id: unknown SOC 2 id 'CC9.9'; did you mean CC9.2, CC9.1 or CC6.8?",
    ],
  );
  await client.until(() => client.diagnosticsOf('controls/other.yaml').some((d) => d.code === 'duplicate-id'), 'the duplicate in the other file');
  client.change('controls/access.yaml', CONTROL);
  await client.until(() => client.diagnosticsOf('controls/access.yaml').length === 0 && !client.diagnosticsOf('controls/other.yaml').some((d) => d.code === 'duplicate-id'), 'diagnostics cleared');
});

test('a client without workspace folders gets the same diagnostics and no error', async () => {
  const plain = await LspClient.start(root, {}, { workspaceFolders: false });
  try {
    await plain.until(() => plain.logs.some((l) => l.includes('crosswalk: analysed')), 'the initial scan');
    assert.deepEqual(
      plain.diagnosticsOf('controls/other.yaml').map((d) => [d.range.start.line, d.code]),
      [[4, 'unresolved-reference']],
    );
    assert.deepEqual(
      plain.logs.filter((l) => l.startsWith('1 ')),
      [],
    );
  } finally {
    await plain.stop();
  }
});

test('hover on a framework id shows the crosswalk and coverage', async () => {
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('controls/access.yaml') }, position: { line: 10, character: 10 } });
  const value = (hover.contents as { value: string }).value;
  assert.deepEqual(hover.range, { start: { line: 10, character: 9 }, end: { line: 10, character: 14 } });
  assert.match(
    value,
    /^\*\*CC6\.1\*\* · SOC 2 · Security \(Common Criteria\) › Logical and Physical Access Controls\n\n\*\*In this repository:\*\* covered by controls `AC-01`, `AC-02`; policies `POL-ACCESS`\n/,
  );
  assert.match(
    value,
    /\*\*Crosswalk → ISO 27001:\*\*\n- `A\.5\.15` overlaps · strong · covered — \*Access control\*: Rules that restrict logical access to information and assets by business and security need are the heart of both\.\n/,
  );
  // Partial counterparts fold into one line; A.5.18 is one of them.
  assert.match(value, /\n- Partial: 8 — `A\.5\.9` Inventory of information and other associated assets, `A\.5\.18` Access rights, `A\.6\.7` Remote working and 5 more(\n|$)/);
});

test('hover on a control id shows owner, frequency, mappings and evidence', async () => {
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri('policies/access.md') }, position: { line: 9, character: 12 } });
  assert.equal(
    (hover.contents as { value: string }).value,
    [
      '**AC-01** · control · Quarterly user access review',
      '',
      'Owner: Head of IT · Frequency: quarterly',
      '',
      '**SOC 2:** `CC6.1`, `CC6.2`',
      '',
      '**ISO 27001:** `A.5.15`, `A.5.18`',
      '',
      '**Evidence:**',
      '- `EV-AC-01` Access review export (Okta)',
      '',
      '**Policies:** `POL-ACCESS`',
      '',
      'Defined in controls/access.yaml:1 · referenced by 1',
    ].join('\n'),
  );
});

test('completion offers framework ids with titles under a framework key', async () => {
  // Control ids in a policy that is not open in the client: the server reads it from disk.
  const keys = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: client.uri('policies/access.md') }, position: { line: 9, character: 12 } });
  assert.deepEqual(
    keys.map((i) => [i.label, i.detail]),
    [
      ['AC-01', 'Quarterly user access review'],
      ['AC-02', 'Quarterly user access review'],
    ],
  );
  const text = CONTROL.replace('  soc2: [CC6.1, CC6.2]', '  soc2: [CC6.1, CC6.');
  client.change('controls/access.yaml', text);
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: client.uri('controls/access.yaml') }, position: { line: 10, character: 20 } });
  const cc66 = items.find((i) => i.label === 'CC6.6')!;
  assert.equal(cc66.detail !== undefined && cc66.detail.length > 0, true);
  assert.deepEqual(cc66.textEdit, { range: { start: { line: 10, character: 16 }, end: { line: 10, character: 20 } }, newText: 'CC6.6' });
  // CC6.1 is already in the list.
  assert.equal(items.filter((i) => i.label.startsWith('CC')).length, 32);
  assert.equal(
    items.some((i) => i.label === 'CC6.1'),
    false,
  );
  assert.deepEqual([cc66.filterText, cc66.labelDetails], [`CC6.6 ${cc66.detail}`, { detail: ` ${cc66.detail}`, description: 'gap' }]);
  client.change('controls/access.yaml', CONTROL);
});

test('a quick fix replaces an unknown id with the suggestion', async () => {
  const text = CONTROL.replace('CC6.2', 'CC9.9');
  client.change('controls/access.yaml', text);
  await client.until(
    () =>
      client
        .diagnosticsOf('controls/access.yaml')
        .map((d) => d.code)
        .join() === 'unknown-id',
    'the unknown id',
  );
  const diag = client.diagnosticsOf('controls/access.yaml')[0]!;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: client.uri('controls/access.yaml') }, range: diag.range, context: { diagnostics: [diag] } });
  assert.deepEqual(
    actions.map((a) => [a.title, a.isPreferred ?? false]),
    [
      ['Replace with CC9.2', true],
      ['Replace with CC9.1', false],
      ['Replace with CC6.8', false],
    ],
  );
  const edits = actions[0]!.edit!.changes![client.uri('controls/access.yaml')]!;
  assert.equal(applyEdits(text, edits), CONTROL.replace('CC6.2', 'CC9.2'));
  client.change('controls/access.yaml', CONTROL);
  await client.until(() => client.diagnosticsOf('controls/access.yaml').length === 0, 'cleared');
});

test('definition, references and rename of a control id', async () => {
  const at = { textDocument: { uri: client.uri('policies/access.md') }, position: { line: 9, character: 12 } };
  const defs = await client.request<Location[]>('textDocument/definition', at);
  assert.deepEqual(defs, [{ uri: client.uri('controls/access.yaml'), range: { start: { line: 0, character: 4 }, end: { line: 0, character: 9 } } }]);
  const refs = await client.request<Location[]>('textDocument/references', { ...at, context: { includeDeclaration: true } });
  assert.deepEqual(
    refs.map((r) => [r.uri.slice(-20), r.range.start.line]),
    [
      [client.uri('controls/access.yaml').slice(-20), 0],
      [client.uri('policies/access.md').slice(-20), 9],
    ],
  );
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at, newName: 'AC-10' });
  assert.deepEqual(Object.keys(edit.changes!).sort(), [client.uri('controls/access.yaml'), client.uri('policies/access.md')].sort());
  assert.equal(applyEdits(POLICY, edit.changes![client.uri('policies/access.md')]!), POLICY.replace('controls: [AC-01]', 'controls: [AC-10]'));
  await assert.rejects(client.request('textDocument/rename', { ...at, newName: 'AC-02' }), /a control with the id AC-02 already exists/);
});

test('definition of a framework id opens its catalogue entry', async () => {
  const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: client.uri('controls/access.yaml') }, position: { line: 11, character: 14 } });
  assert.equal(defs.length, 1);
  assert.match(defs[0]!.uri, /frameworks\/iso27001-2022\.yaml$/);
  assert.ok(defs[0]!.range.start.line > 0);
});

test('document symbols list the controls of a file', async () => {
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri('controls/access.yaml') } });
  assert.deepEqual(
    symbols.map((s) => [s.name, s.detail]),
    [['AC-01', 'Quarterly user access review']],
  );
});

test('workspace symbols find controls and policies by id or title', async () => {
  const symbols = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'access' });
  assert.deepEqual(symbols.map((s) => [s.name, s.containerName, s.location.uri.slice(-20)]).sort(), [
    ['AC-01', 'Quarterly user access review', client.uri('controls/access.yaml').slice(-20)],
    ['AC-02', 'Quarterly user access review', client.uri('controls/other.yaml').slice(-20)],
    ['POL-ACCESS', 'Access Control Policy', client.uri('policies/access.md').slice(-20)],
  ]);
});

test('code lens over each control and policy: one lens per framework count, and "referenced by N" listing the references', async () => {
  const lensesOf = async (path: string): Promise<unknown[]> =>
    (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: client.uri(path) } })).map((l) => [
      `${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`,
      l.command?.title,
      l.command?.command,
      ...(l.command?.arguments ?? []),
    ]);
  const at = (path: string, line: number, from: number, to: number): Location => ({ uri: client.uri(path), range: { start: { line, character: from }, end: { line, character: to } } });
  assert.deepEqual(await lensesOf('controls/access.yaml'), [
    ['0:0-0:0', 'SOC 2: 2', ''],
    ['0:0-0:0', 'ISO 27001: 2', ''],
    ['0:0-0:0', 'referenced by 1', 'crosswalk.showReferences', client.uri('controls/access.yaml'), { line: 0, character: 4 }, [at('policies/access.md', 9, 11, 16)]],
  ]);
  // A policy's lens sits on the front matter's opening line, above it, not on its id inside.
  assert.deepEqual(await lensesOf('policies/access.md'), [
    ['0:0-0:0', 'SOC 2: 1', ''],
    ['0:0-0:0', 'ISO 27001: 1', ''],
    ['0:0-0:0', 'referenced by 1', 'crosswalk.showReferences', client.uri('policies/access.md'), { line: 1, character: 4 }, [at('controls/access.yaml', 4, 11, 21)]],
  ]);
  // Nothing to list: the count alone, with no command.
  assert.deepEqual(await lensesOf('controls/other.yaml'), [
    ['0:0-0:0', 'SOC 2: 2', ''],
    ['0:0-0:0', 'ISO 27001: 2', ''],
    ['0:0-0:0', 'referenced by 0', ''],
  ]);
});

test('quick fixes migrate a 2013 id and move an id to its framework', async () => {
  const text = CONTROL.replace('A.5.18]', 'A.9.2.3, CC7.2]');
  client.change('controls/access.yaml', text);
  await client.until(() => client.diagnosticsOf('controls/access.yaml').length === 2, 'two findings');
  const uri = client.uri('controls/access.yaml');
  const fixes: string[] = [];
  for (const diag of client.diagnosticsOf('controls/access.yaml')) {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
    fixes.push(...actions.map((a) => `${diag.code}: ${a.title} => ${applyEdits(text, a.edit!.changes![uri]!).split('\n').slice(9, 12).join(' | ')}`));
  }
  assert.deepEqual(fixes, [
    'legacy-id: Migrate to A.8.2 => mappings: |   soc2: [CC6.1, CC6.2] |   iso27001: [A.5.15, A.8.2, CC7.2]',
    'wrong-framework: Move CC7.2 to soc2 => mappings: |   soc2: [CC6.1, CC6.2, CC7.2] |   iso27001: [A.5.15, A.9.2.3]',
  ]);
  client.change('controls/access.yaml', CONTROL);
  await client.until(() => client.diagnosticsOf('controls/access.yaml').length === 0, 'cleared');
});

test('files created and deleted on disk update diagnostics', async () => {
  write('policies/missing.md', POLICY.replace('POL-ACCESS', 'POL-MISSING').replace('controls: [AC-01]', 'controls: [AC-02]'));
  client.watched([{ path: 'policies/missing.md', type: 1 }]);
  await client.until(() => client.diagnosticsOf('controls/other.yaml').length === 0, 'the reference resolved');
  unlinkSync(nodePath.join(root, 'policies/missing.md'));
  client.watched([{ path: 'policies/missing.md', type: 3 }]);
  await client.until(() => client.diagnosticsOf('controls/other.yaml').length === 1, 'the reference broken again');
});

test('closing a document whose file became unreadable on disk reports it, and a deleted one leaves', async () => {
  const grown = CONTROL.replace('AC-01', 'AC-GROWN');
  write('controls/grown.yaml', grown.replace('CC6.2', 'CC9.9'));
  client.watched([{ path: 'controls/grown.yaml', type: 1 }]);
  await client.until(() => client.diagnosticsOf('controls/grown.yaml').some((d) => d.code === 'unknown-id'), 'the new file analysed');
  client.open('controls/grown.yaml', grown);
  await client.until(() => client.diagnosticsOf('controls/grown.yaml').length === 0, 'the editor text analysed');
  // The file grows past the size limit on disk while the editor holds it; then the editor closes it.
  write('controls/grown.yaml', `# ${'x'.repeat(3 * 1024 * 1024)}\n`);
  client.close('controls/grown.yaml');
  await client.until(() => client.diagnosticsOf('controls/grown.yaml').some((d) => d.code === 'unreadable-file'), 'the unreadable file reported');
  assert.deepEqual(
    client.diagnosticsOf('controls/grown.yaml').map((d) => `${d.code}: ${d.message}`),
    ['unreadable-file: cannot read controls/grown.yaml: it is 3.0 MiB; catalogue files over 2 MiB are skipped'],
  );
  unlinkSync(nodePath.join(root, 'controls/grown.yaml'));
  client.open('controls/grown.yaml', grown.replace('CC6.2', 'CC9.9'));
  await client.until(() => client.diagnosticsOf('controls/grown.yaml').some((d) => d.code === 'unknown-id'), 'the editor text analysed');
  client.close('controls/grown.yaml');
  await client.until(() => client.diagnosticsOf('controls/grown.yaml').length === 0, 'the deleted file gone');
  assert.ok(!client.diagnosticsOf('controls/other.yaml').some((d) => d.code === 'duplicate-id'));
});

test('the coverage request returns the same model as the CLI', async () => {
  const report = await client.request<{ frameworks: Array<{ framework: string; inScope: boolean; totals: { covered: number } }> }>('crosswalk/coverage', {});
  const soc2 = report.frameworks.find((f) => f.framework === 'soc2')!;
  assert.equal(soc2.inScope, true);
  assert.equal(soc2.totals.covered, 2);
});

test('the readiness report request returns the same report as the CLI, as HTML', async () => {
  const html = await client.request<string>('crosswalk/report', { format: 'html' });
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /Holding SOC 2 and going for ISO 27001: \d+ of 123 applicable ISO 27001 requirements/);
});

test('a request before initialize fails with ServerNotInitialized, one after shutdown with InvalidRequest', async () => {
  const { spawn } = await import('node:child_process');
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = await import('vscode-jsonrpc/node');
  const proc = spawn(process.execPath, [nodePath.resolve(import.meta.dirname, '../dist/server.cjs'), '--stdio'], { cwd: tmpdir() });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  conn.listen();
  const failure = (p: Promise<unknown>): Promise<unknown> =>
    p.then(
      () => 'answered',
      (e: { code: number; message: string }) => [e.code, e.message],
    );
  const hover = { textDocument: { uri: 'file:///x.yaml' }, position: { line: 0, character: 0 } };
  assert.deepEqual(await failure(conn.sendRequest('textDocument/hover', hover)), [-32002, "the server is not initialized: send 'initialize' before 'textDocument/hover'"]);
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  conn.sendNotification('initialized', {});
  assert.equal(await conn.sendRequest('textDocument/hover', hover), null);
  assert.equal(await conn.sendRequest('shutdown'), null);
  assert.deepEqual(await failure(conn.sendRequest('textDocument/hover', hover)), [-32600, "the server is shut down: 'textDocument/hover' is not answered; send 'exit'"]);
  const exited = new Promise<number | null>((done) => proc.on('exit', done));
  await conn.sendNotification('exit');
  assert.equal(await exited, 0);
  conn.dispose();
});
