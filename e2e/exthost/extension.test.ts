// Extension-host tests: the packaged extension in a real VS Code, asserted
// through the `vscode` API (diagnostics, hover, code actions, commands).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
const file = (p: string): vscode.Uri => vscode.Uri.joinPath(folder(), ...p.split('/'));

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 45000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const text = (h: vscode.Hover): string => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');

export function suite(): void {
  describe('Crosswalk in the extension host', () => {
    before(async () => {
      await vscode.window.showTextDocument(file('controls/vendors.yaml'));
    });

    it('publishes diagnostics for files that are not open, with rule codes and ranges', async () => {
      const diags = await until('diagnostics of crypto.yaml', () => {
        const d = vscode.languages.getDiagnostics(file('controls/crypto.yaml'));
        return d.length > 0 ? d : undefined;
      });
      assert.deepEqual(
        diags.map((d) => [d.range.start.line, d.range.start.character, d.severity, d.source, typeof d.code === 'object' ? d.code.value : d.code, d.message]),
        [[8, 15, vscode.DiagnosticSeverity.Error, 'crosswalk', 'unresolved-reference', "'policies' names policy POL-ENCRYPTION, but no policy has the id POL-ENCRYPTION"]],
      );
      // Diagnostics arrive file by file: wait for the whole workspace's before counting them.
      const total = (): number => vscode.languages.getDiagnostics().reduce((n, [, d]) => n + d.length, 0);
      await until('all 22 findings of the example', () => (total() >= 22 ? true : undefined)).catch(() => undefined);
      assert.equal(total(), 22);
    });

    it('hovers a framework id with its crosswalk and coverage', async () => {
      const hovers = await until('a hover', async () => {
        const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', file('controls/vendors.yaml'), new vscode.Position(44, 15));
        return h.length > 0 ? h : undefined;
      });
      const value = hovers.map(text).join('\n');
      assert.match(value, /^\*\*CC9\.2\*\* · SOC 2 · Security \(Common Criteria\) › Risk Mitigation/m);
      assert.match(value, /\*\*Crosswalk → ISO 27001:\*\*/);
      assert.match(value, /\*\*In this repository:\*\* covered by controls `VM-01`, `VM-02`, `VM-03`/);
    });

    it('offers fix-all as source.fixAll.crosswalk for a file with auto-fixable problems', async () => {
      // Code actions are asked of an open document.
      await vscode.workspace.openTextDocument(file('controls/access.yaml'));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        file('controls/access.yaml'),
        new vscode.Range(0, 0, 0, 0),
        vscode.CodeActionKind.SourceFixAll.value,
      );
      assert.deepEqual(
        actions.map((a) => [a.title, a.kind?.value]),
        [['Fix all auto-fixable Crosswalk problems', 'source.fixAll.crosswalk']],
      );
    });

    it('offers the quick fixes of an unknown id, the first one preferred', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        file('controls/vendors.yaml'),
        new vscode.Range(44, 20, 44, 25),
        vscode.CodeActionKind.QuickFix.value,
      );
      assert.deepEqual(
        actions.map((a) => [a.title, a.isPreferred ?? false]),
        [
          ['Replace with CC9.2', true],
          ['Replace with CC9.1', false],
          ['Replace with CC6.8', false],
        ],
      );
    });

    it('goes to the definition of a policy id across files', async () => {
      const locs = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', file('controls/vendors.yaml'), new vscode.Position(8, 16));
      const target = locs.map((l) => ('targetUri' in l ? l.targetUri : l.uri).path);
      assert.equal(target.length, 1);
      assert.match(target[0]!, /policies\/vendor-management\.md$/);
    });

    it('registers its commands', async () => {
      const commands = await vscode.commands.getCommands(true);
      for (const c of [
        'crosswalk.showCoverage',
        'crosswalk.refreshCoverage',
        'crosswalk.exportSoa',
        'crosswalk.showReport',
        'crosswalk.restartServer',
        'crosswalk.fixAll',
        'crosswalk.initCatalogue',
        'crosswalk.coverage.gapsOnly',
        'crosswalk.coverage.showAll',
        'crosswalk.coverage.copyId',
        'crosswalk.coverage.newControl',
      ])
        assert.ok(commands.includes(c), c);
      await vscode.commands.executeCommand('crosswalk.showCoverage');
      await vscode.commands.executeCommand('crosswalk.showReport');
    });
  });
}
