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
    assert.deepEqual((await client.request<Array<{ name: string }>>('workspace/symbol', { query: '' })).map((s) => s.name), ['AC-01']);
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
