// The VS Code side of Crosswalk: starts the language server, shows the
// coverage tree and status bar, and offers the export commands. Analysis
// happens in the server; this file only wires it into the editor.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CoverageTree, pct } from './coverageTree.ts';
import { CHANGED_NOTIFICATION, COVERAGE_REQUEST, REPORT_REQUEST, SOA_REQUEST, type CoverageReport } from './protocol.ts';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.cjs');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'markdown' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,yaml,yml}') },
    markdown: { isTrusted: false, supportHtml: false },
  };
  client = new LanguageClient('crosswalk', 'Crosswalk', serverOptions, clientOptions);

  const tree = new CoverageTree();
  const view = vscode.window.createTreeView('crosswalk.coverage', { treeDataProvider: tree, showCollapseAll: true });
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);
  status.name = 'Crosswalk coverage';
  status.command = 'crosswalk.showCoverage';
  context.subscriptions.push(view, status);

  let timer: NodeJS.Timeout | undefined;
  const refresh = async (): Promise<void> => {
    if (!client) return;
    const report = await client.sendRequest<CoverageReport | null>(COVERAGE_REQUEST, {});
    tree.update(report, vscode.workspace.workspaceFolders?.[0]?.uri);
    const scoped = report?.frameworks.filter((f) => f.inScope) ?? [];
    if (scoped.length === 0) {
      status.hide();
      return;
    }
    status.text = `$(shield) ${scoped.map((f) => `${f.short} ${pct(f.totals.covered, f.totals.gap)}`).join(' · ')}`;
    status.tooltip = scoped.map((f) => `${f.title}: ${f.totals.covered} of ${f.totals.covered + f.totals.gap} covered, ${f.totals.gap} gaps`).join('\n');
    status.show();
  };
  const scheduleRefresh = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh().catch(() => undefined), 300);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('crosswalk.showCoverage', async () => {
      await vscode.commands.executeCommand('crosswalk.coverage.focus');
      await refresh();
    }),
    vscode.commands.registerCommand('crosswalk.refreshCoverage', () => refresh()),
    vscode.commands.registerCommand('crosswalk.exportSoa', () => exportSoa()),
    vscode.commands.registerCommand('crosswalk.showReport', () => showReport()),
    vscode.commands.registerCommand('crosswalk.restartServer', async () => {
      await client?.restart();
      scheduleRefresh();
    }),
  );

  await client.start();
  context.subscriptions.push(client.onNotification(CHANGED_NOTIFICATION, scheduleRefresh));
  scheduleRefresh();
}

async function exportSoa(): Promise<void> {
  if (!client) return;
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Markdown', format: 'markdown' as const, ext: 'md' },
      { label: 'CSV', format: 'csv' as const, ext: 'csv' },
    ],
    { placeHolder: 'Statement of Applicability format' },
  );
  if (!pick) return;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    filters: { [pick.label]: [pick.ext] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `statement-of-applicability.${pick.ext}`) } : {}),
  });
  if (!target) return;
  const text = await client.sendRequest<string | null>(SOA_REQUEST, { format: pick.format });
  if (text === null) {
    void vscode.window.showErrorMessage('Crosswalk: open a folder with a catalogue to export its Statement of Applicability.');
    return;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(`Crosswalk: Statement of Applicability written to ${vscode.workspace.asRelativePath(target)}.`);
}

/**
 * The readiness report in a webview. The page comes from the server already
 * escaped; scripts stay disabled and the page's own CSP forbids any fetch.
 */
async function showReport(): Promise<void> {
  if (!client) return;
  const html = await client.sendRequest<string | null>(REPORT_REQUEST, { format: 'html' });
  if (html === null) {
    void vscode.window.showErrorMessage('Crosswalk: open a folder with a catalogue to see its readiness report.');
    return;
  }
  const panel = vscode.window.createWebviewPanel('crosswalk.report', 'Crosswalk: Readiness Report', vscode.ViewColumn.Active, { enableScripts: false, localResourceRoots: [] });
  panel.webview.html = html;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
