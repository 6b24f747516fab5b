// The VS Code side of Crosswalk: starts the language server, shows the
// coverage tree and status bar, and offers the export commands. Analysis
// happens in the server; this file only wires it into the editor.
//
// It stays quiet outside catalogues: the language server, the file watcher,
// the view and the status item only come up for workspace folders the probe
// finds a catalogue in (client/catalogueProbe.ts), and `crosswalk.active`
// hides the view container and the commands elsewhere. Asked for coverage
// there, it shows the view with the way in (Initialize Catalogue).
import * as vscode from 'vscode';
import { CodeLensRequest, LanguageClient, State, TransportKind, type LanguageClientOptions, type Location, type Position, type ServerOptions } from 'vscode-languageclient/node';
import { CoverageTree, nothingMapped, scopedSummary, type FolderCoverage, type Node } from './coverageTree.ts';
import { statusLine } from './coverageLabels.ts';
import {
  CHANGED_NOTIFICATION,
  COVERAGE_REQUEST,
  FIX_ALL_REQUEST,
  REPORT_COMMANDS,
  REPORT_REQUEST,
  REVEAL_REQUIREMENT_COMMAND,
  SHOW_REFERENCES_COMMAND,
  SOA_REQUEST,
  STATUS_REQUEST,
  INIT_REQUEST,
  type CoverageReport,
  type FolderStatus,
  type RequirementCoverage,
} from './protocol.ts';
import { catalogueHint, CONFIG_FILE, type Entry } from './catalogueProbe.ts';
import { goToRequirement } from './goToRequirement.ts';
import { controlFileName, newControlText } from './requirementStatus.ts';

const ACTIVE_KEY = 'crosswalk.active';
/** The view outside a catalogue, shown once someone asks for it (its welcome offers Initialize Catalogue). */
const SHOWN_KEY = 'crosswalk.shown';
/** What the coverage view's welcome says: off, none (no catalogue), starting, empty (nothing mapped yet) or ready. */
const STATE_KEY = 'crosswalk.coverage.state';
/** Some catalogue folder has no crosswalk.yaml: the empty view's welcome offers Initialize Catalogue. */
const NO_CONFIG_KEY = 'crosswalk.noConfig';

let client: LanguageClient | undefined;
/** The workspace folders the running server analyses. */
let catalogues: vscode.WorkspaceFolder[] = [];
/** Why each catalogue folder is one (the probe's hint), by folder uri. */
let hints = new Map<string, string>();
/** The coverage of each catalogue folder, as the view shows it. */
let coverage: FolderCoverage[] = [];
let output: vscode.LogOutputChannel | undefined;
/** The running server's file watchers, disposed with it. */
let serverWatchers: vscode.FileSystemWatcher[] = [];
/** The server's state beside the language mode of YAML and Markdown files: analysing, its counts, or stopped. */
let languageStatus: vscode.LanguageStatusItem | undefined;
/** The readiness report's one panel, and the folder it shows. */
let reportPanel: { panel: vscode.WebviewPanel; folder: vscode.WorkspaceFolder } | undefined;

const RESTART = { title: 'Restart', command: 'crosswalk.restartServer' };

async function showServerStatus(): Promise<void> {
  const item = languageStatus;
  if (!client || !item) return;
  const states = await client.sendRequest<FolderStatus[]>(STATUS_REQUEST, {});
  const ready = states.filter((s): s is Extract<FolderStatus, { state: 'ready' }> => s.state === 'ready');
  item.busy = ready.length < states.length;
  item.severity = vscode.LanguageStatusSeverity.Information;
  if (item.busy) {
    item.text = 'Crosswalk: analysing';
    item.detail = undefined;
  } else {
    const files = ready.reduce((n, s) => n + s.files, 0);
    const findings = ready.reduce((n, s) => n + s.findings, 0);
    item.text = `Crosswalk: ${files} file${files === 1 ? '' : 's'} · ${findings} finding${findings === 1 ? '' : 's'}`;
    item.detail = catalogues.length > 1 ? `${catalogues.length} catalogues` : undefined;
  }
  item.command = RESTART;
}

const setting = <T>(name: string, fallback: T): T => vscode.workspace.getConfiguration('crosswalk').get<T>(name, fallback);

const exists = async (uri: vscode.Uri): Promise<boolean> =>
  vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );

/** The workspace folders that hold a catalogue, by folder listings only. */
async function findCatalogues(): Promise<Array<{ folder: vscode.WorkspaceFolder; hint: string }>> {
  const found: Array<{ folder: vscode.WorkspaceFolder; hint: string }> = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    const read = async (path: string): Promise<Entry[] | undefined> => {
      try {
        const uri = path === '' ? folder.uri : vscode.Uri.joinPath(folder.uri, ...path.split('/'));
        return (await vscode.workspace.fs.readDirectory(uri)).map(([name, type]) => [name, (type & vscode.FileType.Directory) !== 0] as const);
      } catch {
        return undefined;
      }
    };
    const hint = await catalogueHint(read);
    if (hint !== undefined) found.push({ folder, hint });
  }
  return found;
}

/** Folders to choose from, as VS Code's own folder pick shows them (showWorkspaceFolderPick offers every folder, not a chosen few). */
async function pickFolder(folders: readonly vscode.WorkspaceFolder[], placeHolder: string): Promise<vscode.WorkspaceFolder | undefined> {
  const picked = await vscode.window.showQuickPick(
    folders.map((folder) => ({ label: folder.name, description: folder.uri.fsPath, iconPath: new vscode.ThemeIcon('root-folder'), folder })),
    { placeHolder },
  );
  return picked?.folder;
}

/** The catalogue folder a command works on: the one given (a folder row of the view), the only one, or the one picked. */
async function pickCatalogue(placeHolder: string, given?: unknown): Promise<vscode.WorkspaceFolder | undefined> {
  const node = given as Partial<Extract<Node, { kind: 'folder' }>> | undefined;
  if (node?.kind === 'folder' && node.entry) return node.entry.folder;
  if (catalogues.length <= 1) return catalogues[0];
  return pickFolder(catalogues, placeHolder);
}

const reportOf = (folder: vscode.WorkspaceFolder): CoverageReport | null | undefined => coverage.find((c) => c.folder.uri.toString() === folder.uri.toString())?.report;

/** Where new controls go in a folder: beside its existing controls, else its controls/ folder. */
function controlsFolder(folder: vscode.WorkspaceFolder): string[] {
  for (const fw of reportOf(folder)?.frameworks ?? [])
    for (const g of fw.groups)
      for (const r of g.requirements) {
        const path = r.controls[0]?.path;
        if (path?.includes('/')) return path.split('/').slice(0, -1);
      }
  // A catalogue found by its policies/ or controls/ folder (the hint "sub/policies/") keeps its controls there.
  const hint = hints.get(folder.uri.toString()) ?? '';
  const base = hint.endsWith('/') ? hint.slice(0, -1).split('/').slice(0, -1) : [];
  return [...base, 'controls'];
}

/** A new control in an untitled editor that saves under the folder's controls: one that maps `req`, or a blank one. */
async function openNewControl(folder: vscode.WorkspaceFolder, req: RequirementCoverage | undefined): Promise<void> {
  const dir = controlsFolder(folder);
  const name = controlFileName(req?.id);
  let target = vscode.Uri.joinPath(folder.uri, ...dir, name);
  for (let i = 2; (await exists(target)) || vscode.workspace.textDocuments.some((d) => d.uri.path === target.path); i++)
    target = vscode.Uri.joinPath(folder.uri, ...dir, name.replace(/\.yaml$/, `-${i}.yaml`));
  const frameworks = (reportOf(folder)?.frameworks ?? []).filter((f) => f.inScope).map((f) => f.framework);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' })));
  await editor.edit((b) => b.insert(new vscode.Position(0, 0), newControlText(req, frameworks)));
  // The cursor after "CTL-", where the control's id goes.
  editor.selection = new vscode.Selection(0, 8, 0, 8);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const tree = new CoverageTree();
  const view = vscode.window.createTreeView('crosswalk.coverage', { treeDataProvider: tree, showCollapseAll: true });
  const status = vscode.window.createStatusBarItem('crosswalk.coverage', vscode.StatusBarAlignment.Left, 50);
  status.name = 'Crosswalk coverage';
  status.command = 'crosswalk.showCoverage';
  context.subscriptions.push(view, status);

  const setState = (state: 'off' | 'none' | 'starting' | 'empty' | 'ready'): Thenable<unknown> => vscode.commands.executeCommand('setContext', STATE_KEY, state);

  let timer: NodeJS.Timeout | undefined;
  const refresh = async (): Promise<void> => {
    const c = client;
    if (!c) {
      coverage = [];
      tree.update([]);
      view.badge = undefined;
      status.hide();
      return;
    }
    const folders = catalogues;
    const reports = await Promise.all(folders.map(async (folder) => ({ folder, report: await c.sendRequest<CoverageReport | null>(COVERAGE_REQUEST, { uri: folder.uri.toString() }) })));
    // A restart or a change of folders while the server answered: that one refreshes again.
    if (client !== c || catalogues !== folders) return;
    coverage = reports;
    tree.update(reports);
    const configs = await Promise.all(folders.map((f) => exists(vscode.Uri.joinPath(f.uri, CONFIG_FILE))));
    await vscode.commands.executeCommand('setContext', NO_CONFIG_KEY, configs.includes(false));
    await setState(reports.every((r) => !r.report || nothingMapped(r.report)) ? 'empty' : 'ready');
    const gaps = tree.gapCount();
    void refreshReport().catch(() => undefined);
    view.badge = gaps > 0 ? { value: gaps, tooltip: `${gaps} requirement${gaps === 1 ? '' : 's'} in scope with nothing mapped` } : undefined;
    await showServerStatus();
    const shown = reports.filter((r) => scopedSummary(r.report) !== '');
    if (shown.length === 0 || !setting('statusBar.enable', true)) {
      status.hide();
      return;
    }
    status.text = `$(shield) ${shown.map((r) => (reports.length > 1 ? `${r.folder.name}: ${scopedSummary(r.report)}` : scopedSummary(r.report))).join(' | ')}`;
    status.tooltip = shown.flatMap((r) => r.report!.frameworks.filter((f) => f.inScope).map((f) => `${reports.length > 1 ? `${r.folder.name}: ` : ''}${statusLine(f)}`)).join('\n');
    status.show();
  };
  const scheduleRefresh = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void refresh().catch(() => undefined), 300);
  };

  const showGaps = async (on: boolean): Promise<void> => {
    tree.setGapsOnly(on);
    view.description = on ? 'gaps only' : undefined;
    await vscode.commands.executeCommand('setContext', 'crosswalk.gapsOnly', on);
  };

  /** Shows a requirement's row in the view (all requirements again when it is no gap and only gaps are shown). */
  const reveal = async (folder: vscode.WorkspaceFolder, req: RequirementCoverage): Promise<void> => {
    if (tree.gapsOnly && req.status !== 'gap') await showGaps(false);
    await vscode.commands.executeCommand('crosswalk.coverage.focus');
    const node = tree.find(folder, req.framework, req.id);
    if (node) await view.reveal(node, { select: true, focus: true, expand: true });
  };

  /** Where there is no catalogue (or Crosswalk is off): the view with its welcome, which says why and offers the way in. */
  const showWelcome = async (): Promise<void> => {
    await vscode.commands.executeCommand('setContext', SHOWN_KEY, true);
    await vscode.commands.executeCommand('crosswalk.coverage.focus');
  };
  /** Runs a command that needs a running server, or shows the welcome. */
  const withServer =
    <A extends unknown[]>(run: (...args: A) => Promise<unknown>) =>
    async (...args: A): Promise<unknown> =>
      client ? run(...args) : showWelcome();

  /** Starts, restarts or stops the server so that it runs for exactly the folders that hold a catalogue. */
  let settling = Promise.resolve();
  const settle = (): Promise<void> =>
    // A failed step (a server that would not start) must not stop the next one.
    (settling = settling
      .catch(() => undefined)
      .then(async () => {
        const enabled = setting('enable', true);
        const found = enabled ? await findCatalogues() : [];
        const same = found.length === catalogues.length && found.every((f, i) => f.folder.uri.toString() === catalogues[i]?.uri.toString());
        if (same && (client !== undefined) === found.length > 0) {
          if (found.length === 0) await setState(enabled ? 'none' : 'off');
          return;
        }
        await stopServer();
        catalogues = found.map((f) => f.folder);
        hints = new Map(found.map((f) => [f.folder.uri.toString(), f.hint]));
        await vscode.commands.executeCommand('setContext', ACTIVE_KEY, found.length > 0);
        if (found.length === 0) {
          await setState(enabled ? 'none' : 'off');
          // Turned off: the view goes too, until asked for again.
          if (!enabled) await vscode.commands.executeCommand('setContext', SHOWN_KEY, false);
          await refresh();
          return;
        }
        await setState('starting');
        coverage = catalogues.map((folder) => ({ folder, report: null }));
        tree.update(coverage);
        output ??= vscode.window.createOutputChannel('Crosswalk', { log: true });
        for (const f of found) output.info(`catalogue in ${f.folder.uri.fsPath} (${f.hint})`);
        await startServer(context, output, scheduleRefresh);
        scheduleRefresh();
      }));

  // Only a crosswalk.yaml appearing at a folder's root can turn a folder into a catalogue without a restart of the window.
  const watchers = new Map<string, vscode.FileSystemWatcher>();
  const watchConfigs = (): void => {
    for (const w of watchers.values()) w.dispose();
    watchers.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, CONFIG_FILE), false, true, true);
      w.onDidCreate(() => void settle());
      watchers.set(folder.uri.toString(), w);
    }
  };
  watchConfigs();
  context.subscriptions.push(
    { dispose: () => watchers.forEach((w) => w.dispose()) },
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      watchConfigs();
      void settle();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('crosswalk.enable')) void settle();
      if (e.affectsConfiguration('crosswalk.statusBar.enable')) scheduleRefresh();
      if (e.affectsConfiguration('crosswalk.codeLens.enable')) refreshCodeLenses();
    }),
    vscode.commands.registerCommand('crosswalk.showCoverage', async () => {
      if (!client) return showWelcome();
      await vscode.commands.executeCommand('crosswalk.coverage.focus');
      await refresh();
    }),
    vscode.commands.registerCommand(
      'crosswalk.goToRequirement',
      withServer(async () => {
        await refresh();
        await goToRequirement(coverage, { reveal, newControl: openNewControl });
      }),
    ),
    vscode.commands.registerCommand('crosswalk.refreshCoverage', () => refresh()),
    vscode.commands.registerCommand('crosswalk.coverage.gapsOnly', () => showGaps(true)),
    vscode.commands.registerCommand('crosswalk.coverage.showAll', () => showGaps(false)),
    vscode.commands.registerCommand('crosswalk.coverage.copyId', async (node?: Node) => {
      if (node?.kind !== 'requirement') return;
      await vscode.env.clipboard.writeText(node.req.id);
      void vscode.window.setStatusBarMessage(`Crosswalk: copied ${node.req.id}`, 3000);
    }),
    vscode.commands.registerCommand('crosswalk.coverage.newControl', async (node?: Node) => {
      if (node?.kind !== 'requirement') return;
      await openNewControl(node.folder, node.req);
    }),
    vscode.commands.registerCommand(
      'crosswalk.newControl',
      withServer(async (node?: unknown) => {
        const folder = await pickCatalogue('Folder of the catalogue to hold the control', node);
        if (folder) await openNewControl(folder, undefined);
      }),
    ),
    // The client passes a lens command's arguments on as JSON: editor.action.showReferences wants a Uri, a Position and Locations.
    vscode.commands.registerCommand(SHOW_REFERENCES_COMMAND, async (uri: string, position: Position, locations: Location[]) => {
      if (!client) return;
      const p2c = client.protocol2CodeConverter;
      await vscode.commands.executeCommand('editor.action.showReferences', p2c.asUri(uri), p2c.asPosition(position), await p2c.asReferences(locations));
    }),
    // From the readiness report's links (of the folder it shows): arguments that come from a page, so checked.
    vscode.commands.registerCommand(REVEAL_REQUIREMENT_COMMAND, async (framework: unknown, id: unknown) => {
      if (typeof framework !== 'string' || typeof id !== 'string') return;
      const folder = reportPanel?.folder ?? catalogues[0];
      const fw = folder ? reportOf(folder)?.frameworks.find((f) => f.framework === framework && f.inScope) : undefined;
      const req = fw?.groups.flatMap((g) => g.requirements).find((r) => r.id === id);
      if (!folder || !req) {
        void vscode.window.showInformationMessage(`Crosswalk: ${id} is not in the coverage of the frameworks in scope.`);
        return;
      }
      await reveal(folder, req);
    }),
    vscode.commands.registerCommand(
      'crosswalk.exportSoa',
      withServer((node?: unknown) => exportSoa(node)),
    ),
    vscode.commands.registerCommand(
      'crosswalk.showReport',
      withServer((node?: unknown) => showReport(node)),
    ),
    vscode.commands.registerCommand(
      'crosswalk.fixAll',
      withServer(() => fixAll()),
    ),
    vscode.commands.registerCommand('crosswalk.initCatalogue', () => initCatalogue(context)),
    vscode.commands.registerCommand(
      'crosswalk.restartServer',
      withServer(async () => {
        await client?.restart();
        scheduleRefresh();
      }),
    ),
  );
  await settle();
}

/** Starts the server for `folders` (the catalogues by default; none for a request such as init alone). */
async function startServer(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel, changed: () => void, folders: readonly vscode.WorkspaceFolder[] = catalogues): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.cjs');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  serverWatchers = folders.map((f) => vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(f, '**/*.{md,markdown,yaml,yml,json,tmpl}')));
  const clientOptions: LanguageClientOptions = {
    // Files outside the catalogue folders are in no folder of the server's and get no answers.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'markdown' },
    ],
    synchronize: { fileEvents: serverWatchers },
    // The workspace's storage (none for a window without a workspace) holds the server's facts cache and findings snapshot across restarts.
    initializationOptions: { folders: folders.map((f) => f.uri.toString()), ...(context.storageUri?.scheme === 'file' ? { cacheDirectory: context.storageUri.fsPath } : {}) },
    outputChannel,
    markdown: { isTrusted: false, supportHtml: false },
    middleware: {
      provideCodeLenses: (document, token, next) => (setting('codeLens.enable', true) ? next(document, token) : []),
    },
  };
  client = new LanguageClient('crosswalk', 'Crosswalk', serverOptions, clientOptions);
  languageStatus ??= vscode.languages.createLanguageStatusItem('crosswalk.server', [{ language: 'yaml' }, { language: 'markdown' }]);
  languageStatus.name = 'Crosswalk';
  languageStatus.text = 'Crosswalk: analysing';
  languageStatus.busy = true;
  const item = languageStatus;
  client.onDidChangeState((e) => {
    if (e.newState === State.Running) {
      item.busy = true;
      item.text = 'Crosswalk: analysing';
      item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    if (e.newState !== State.Stopped) return;
    item.busy = false;
    item.text = 'Crosswalk: stopped';
    item.severity = vscode.LanguageStatusSeverity.Error;
    item.command = RESTART;
  });
  await client.start();
  client.onNotification(CHANGED_NOTIFICATION, changed);
}

/** Shows or hides the lenses of the open editors when crosswalk.codeLens.enable changes, not at their next edit. */
function refreshCodeLenses(): void {
  const feature = client?.getFeature(CodeLensRequest.method);
  const fired = new Set<unknown>();
  for (const editor of vscode.window.visibleTextEditors) {
    const provider = feature?.getProvider(editor.document);
    if (!provider || fired.has(provider)) continue;
    fired.add(provider);
    provider.onDidChangeCodeLensEmitter.fire();
  }
}

async function stopServer(): Promise<void> {
  const c = client;
  client = undefined;
  languageStatus?.dispose();
  languageStatus = undefined;
  await c?.stop();
  for (const w of serverWatchers) w.dispose();
  serverWatchers = [];
}

const SOC2_CATEGORY_PICKS = [
  { label: 'Availability', id: 'availability' },
  { label: 'Confidentiality', id: 'confidentiality' },
  { label: 'Processing Integrity', id: 'processing-integrity' },
  { label: 'Privacy', id: 'privacy' },
];

/**
 * *Crosswalk: Initialize Catalogue*: what `crosswalk init` writes, with the
 * frameworks and SOC 2 categories picked here, and a first control and policy
 * in a folder that has none. Never replaces a crosswalk.yaml. Where no server
 * runs yet, one starts for the request alone; the new crosswalk.yaml then
 * starts it for the folder.
 */
async function initCatalogue(context: vscode.ExtensionContext): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length === 0) {
    void vscode.window.showErrorMessage('Crosswalk: open the folder that is to hold the catalogue first (File > Open Folder).');
    return;
  }
  const config = (f: vscode.WorkspaceFolder): vscode.Uri => vscode.Uri.joinPath(f.uri, CONFIG_FILE);
  // Only folders without a crosswalk.yaml are offered; with none left, the one there is opens.
  const open: vscode.WorkspaceFolder[] = [];
  for (const f of folders) if (!(await exists(config(f)))) open.push(f);
  if (open.length === 0) {
    void vscode.window.showErrorMessage(`Crosswalk: ${vscode.workspace.asRelativePath(config(folders[0]!))} already exists; it is never replaced.`);
    await vscode.window.showTextDocument(config(folders[0]!));
    return;
  }
  const folder = open.length === 1 ? open[0] : await pickFolder(open, 'Folder to hold the catalogue');
  if (!folder) return;
  const fw = await vscode.window.showQuickPick(
    [
      { label: 'SOC 2', description: 'Trust Services Criteria (2017, revised points of focus 2022)', id: 'soc2' as const, picked: true },
      { label: 'ISO/IEC 27001:2022', description: 'clauses 4-10 and Annex A', id: 'iso27001' as const, picked: true },
    ],
    { canPickMany: true, title: 'Crosswalk: frameworks in scope' },
  );
  if (!fw || fw.length === 0) return;
  const frameworks = fw.map((f) => f.id);
  let soc2Categories: string[] = [];
  if (frameworks.includes('soc2')) {
    const cats = await vscode.window.showQuickPick(SOC2_CATEGORY_PICKS, { canPickMany: true, title: 'Crosswalk: SOC 2 categories besides Security (always in scope)' });
    if (!cats) return;
    soc2Categories = cats.map((c) => c.id);
  }
  const temporary = !client;
  if (temporary) {
    output ??= vscode.window.createOutputChannel('Crosswalk', { log: true });
    await startServer(context, output, () => undefined, []);
  }
  try {
    const answer = await client!.sendRequest<{ config: string; files: Array<{ path: string; text: string }> }>(INIT_REQUEST, { uri: folder.uri.toString(), choice: { frameworks, soc2Categories } });
    const write = async (uri: vscode.Uri, text: string): Promise<boolean> => {
      if (await exists(uri)) return false;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      return true;
    };
    const written: string[] = [];
    for (const f of answer.files) if (await write(vscode.Uri.joinPath(folder.uri, ...f.path.split('/')), f.text)) written.push(f.path);
    if (!(await write(config(folder), answer.config))) throw new Error(`${CONFIG_FILE} appeared meanwhile; it is never replaced`);
    await vscode.window.showTextDocument(config(folder));
    void vscode.window.showInformationMessage(`Crosswalk: wrote ${[CONFIG_FILE, ...written].join(', ')}.`);
  } catch (e) {
    void vscode.window.showErrorMessage(`Crosswalk: cannot initialize the catalogue: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    if (temporary && catalogues.length === 0) await stopServer();
  }
}

/**
 * What `crosswalk check --fix` does, in the editor: the server's fix-all edit
 * for every file, applied and saved, again until nothing is left (fixes whose
 * edits overlap wait for the next pass). Files with unsaved edits stay unsaved.
 */
async function fixAll(): Promise<void> {
  if (!client) return;
  let applied = 0;
  for (const folder of catalogues) {
    for (let pass = 0; pass < 10; pass++) {
      const plan = await client.sendRequest<{ edit: unknown; applied: number } | null>(FIX_ALL_REQUEST, { uri: folder.uri.toString() });
      if (!plan || plan.applied === 0) break;
      const edit = await client.protocol2CodeConverter.asWorkspaceEdit(plan.edit as Parameters<typeof client.protocol2CodeConverter.asWorkspaceEdit>[0]);
      const dirty = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
      if (!edit || !(await vscode.workspace.applyEdit(edit))) break;
      for (const [uri] of edit.entries()) {
        if (dirty.has(uri.toString())) continue;
        await vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.save();
      }
      applied += plan.applied;
    }
  }
  void vscode.window.showInformationMessage(applied === 0 ? 'Crosswalk: no auto-fixable problems.' : `Crosswalk: applied ${applied} fix${applied === 1 ? '' : 'es'}.`);
}

async function exportSoa(given?: unknown): Promise<void> {
  if (!client) return;
  const folder = await pickCatalogue('Catalogue folder whose Statement of Applicability to export', given);
  if (!folder) return;
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Markdown', format: 'markdown' as const, ext: 'md' },
      { label: 'CSV', format: 'csv' as const, ext: 'csv' },
    ],
    { placeHolder: 'Statement of Applicability format' },
  );
  if (!pick) return;
  const target = await vscode.window.showSaveDialog({
    filters: { [pick.label]: [pick.ext] },
    defaultUri: vscode.Uri.joinPath(folder.uri, `statement-of-applicability.${pick.ext}`),
  });
  if (!target) return;
  const text = await client.sendRequest<string | null>(SOA_REQUEST, { uri: folder.uri.toString(), format: pick.format });
  if (text === null) {
    void vscode.window.showErrorMessage('Crosswalk: open a folder with a catalogue to export its Statement of Applicability.');
    return;
  }
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(`Crosswalk: Statement of Applicability written to ${vscode.workspace.asRelativePath(target)}.`);
}

const reportTitle = (folder: vscode.WorkspaceFolder): string => `Crosswalk: Readiness Report${catalogues.length > 1 ? ` (${folder.name})` : ''}`;

/**
 * The readiness report in a webview. The page comes from the server already
 * escaped; scripts stay disabled, the page's own CSP forbids any fetch, and
 * its links can run crosswalk.revealRequirement only. One panel, showing the
 * folder last asked for.
 */
async function showReport(given?: unknown): Promise<void> {
  if (!client) return;
  const folder = await pickCatalogue('Catalogue folder whose readiness report to show', given);
  if (!folder) return;
  const html = await client.sendRequest<string | null>(REPORT_REQUEST, { uri: folder.uri.toString(), format: 'html', links: 'editor' });
  if (html === null) {
    void vscode.window.showErrorMessage('Crosswalk: open a folder with a catalogue to see its readiness report.');
    return;
  }
  if (reportPanel) {
    reportPanel.folder = folder;
    reportPanel.panel.title = reportTitle(folder);
    reportPanel.panel.webview.html = html;
    reportPanel.panel.reveal();
    return;
  }
  // Requirement ids link to the coverage view; the page may run that command and no other.
  const panel = vscode.window.createWebviewPanel('crosswalk.report', reportTitle(folder), vscode.ViewColumn.Active, {
    enableScripts: false,
    enableCommandUris: REPORT_COMMANDS,
    localResourceRoots: [],
  });
  panel.webview.html = html;
  panel.onDidDispose(() => (reportPanel = undefined));
  reportPanel = { panel, folder };
}

/** The open report, redrawn when the catalogue changes (one panel, not one per run). */
async function refreshReport(): Promise<void> {
  const shown = reportPanel;
  if (!client || !shown) return;
  const html = await client.sendRequest<string | null>(REPORT_REQUEST, { uri: shown.folder.uri.toString(), format: 'html', links: 'editor' });
  if (html !== null && reportPanel === shown) shown.panel.webview.html = html;
}

export async function deactivate(): Promise<void> {
  await stopServer();
}
