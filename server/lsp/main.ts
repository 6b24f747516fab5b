// The Crosswalk language server. It speaks LSP over stdio or Node IPC (picked
// from the command line by vscode-languageserver) and answers everything from
// the same core the CLI uses.
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  CompletionItemKind,
  InsertTextFormat,
  SymbolKind,
  DocumentHighlightKind,
  FileChangeType,
  ResponseError,
  ErrorCodes,
  type InitializeParams,
  type InitializeResult,
  type Location,
  type CompletionItem,
  type TextDocumentPositionParams,
  type CodeAction,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as nodePath from 'node:path';
import { readFileSync } from 'node:fs';
import { formatWithOptions } from 'node:util';
import pkg from '../../package.json' with { type: 'json' };
import { Folder, type WorkProgress } from './folder.ts';
import {
  CHANGED_NOTIFICATION,
  COVERAGE_REQUEST,
  REPORT_REQUEST,
  revealRequirementUri,
  SHOW_REFERENCES_COMMAND,
  SOA_REQUEST,
  type ChangedParams,
  type FolderParams,
  type ReportParams,
  type SoaParams,
} from './protocol.ts';
import { lifecycle } from './lifecycle.ts';
import { StdioMessageWriter } from './stdioWriter.ts';
import { computeReadiness } from '../core/queries/readiness.ts';
import { readinessHtml, readinessMarkdown } from '../format/readinessText.ts';
import { fsPathToUri, toCodeAction, uriToFsPath } from './convert.ts';
import { targetAt, targetRange, type Target } from '../core/queries/target.ts';
import { hoverText } from '../core/queries/hover.ts';
import { complete } from '../core/queries/completion.ts';
import {
  codeLenses,
  definition,
  documentHighlights,
  documentSymbols,
  references,
  renameEdits,
  renameRange,
  RenameError,
  workspaceSymbols,
  type FrameworkPlace,
  type Place,
} from '../core/queries/navigation.ts';
import { computeCoverage } from '../core/queries/coverage.ts';
import { autofixable, planFixes } from '../core/queries/autofix.ts';
import { skeletonFixes } from '../core/queries/skeletons.ts';
import { proposeConfig, starterFiles, type InitChoice } from '../core/queries/initConfig.ts';
import { findDocumentFolders } from '../core/queries/documentFolders.ts';
import { Project } from '../core/engine/project.ts';
import { NodeFileSource } from '../host/nodeFiles.ts';
import { readBundled, today } from '../host/bundled.ts';
import { statementOfApplicability } from '../core/queries/soa.ts';
import { soaCsv, soaMarkdown } from '../format/soaFormats.ts';
import { rangeContains } from '../core/text/lineIndex.ts';
import { usePlainEnv } from '../host/plainEnv.ts';
import { FactsCacheDir } from '../host/factsCacheDir.ts';
import { createHash } from 'node:crypto';

usePlainEnv();

const lifecycleRules = lifecycle();
const stdio = process.argv.includes('--stdio');
// Over stdio, messages are written by our own writer (stdioWriter.ts); every other transport is the library's.
// The library takes stdin as a stream (it reads it, and exits when it closes) and, at run time, a MessageWriter
// where its types say a stream: it wraps only what has a stream's addListener.
const stdioWriter = stdio ? new StdioMessageWriter(process.stdout) : undefined;
const connection = stdioWriter
  ? createConnection(ProposedFeatures.all, process.stdin, stdioWriter as unknown as NodeJS.WritableStream, { messageStrategy: lifecycleRules.messageStrategy })
  : createConnection(ProposedFeatures.all, { messageStrategy: lifecycleRules.messageStrategy });
// stdout carries the protocol: what anything prints goes to the client's log, as the library does when it opens stdio itself.
if (stdio) {
  const to =
    (write: (message: string) => void) =>
    (...args: unknown[]) =>
      write(formatWithOptions({}, ...args));
  console.log = console.info = console.debug = to((m) => connection.console.log(m));
  console.warn = to((m) => connection.console.warn(m));
  console.error = to((m) => connection.console.error(m));
}
lifecycleRules.register(connection);
const documents = new TextDocuments(TextDocument);
const folders: Folder[] = [];
const todayOverride = process.env['CROSSWALK_TODAY'];
/** Whether the client tells us about workspace folders coming and going (not every client does). */
let folderEvents = false;
/** `initializationOptions.cacheDirectory`: where each folder's facts cache lives, when the client gives one. */
let cacheDirectory: string | undefined;

function log(message: string): void {
  connection.console.log(message);
}

/** The folder a file belongs to (deepest root first) and its path inside it. */
function locate(uri: string): { folder: Folder; path: string } | undefined {
  const fsPath = uriToFsPath(uri);
  if (fsPath === undefined) return undefined;
  for (const folder of [...folders].sort((a, b) => b.root.length - a.root.length)) {
    const path = folder.relative(fsPath);
    if (path !== undefined) return { folder, path };
  }
  return undefined;
}

async function at(uri: string): Promise<{ folder: Folder; path: string; project: Project } | undefined> {
  const loc = locate(uri);
  if (!loc) return undefined;
  return { ...loc, project: await loc.folder.project() };
}

/** Whether the client shows server-initiated progress (`window.workDoneProgress`). */
let workDoneProgress = false;

/**
 * `$/progress` for a scan or reload. The token is asked for first; reports
 * made before the client answers wait for it, in order, and a client that
 * refuses the token gets none.
 */
function beginProgress(title: string): WorkProgress {
  const ready = connection.window.createWorkDoneProgress().then(
    (p) => {
      p.begin(title, 0, undefined, false);
      return p;
    },
    () => undefined,
  );
  return {
    report: (message, percentage) => void ready.then((p) => p?.report(percentage, message)),
    done: () => void ready.then((p) => p?.done()),
  };
}

function addFolder(fsPath: string): void {
  const folder = new Folder(fsPath, {
    publish: (uri, diagnostics) => connection.sendDiagnostics({ uri, diagnostics }),
    ...(stdioWriter ? { drained: () => stdioWriter.drained() } : {}),
    log,
    changed: () => void connection.sendNotification(CHANGED_NOTIFICATION, { root: fsPathToUri(fsPath) } satisfies ChangedParams),
    ...(workDoneProgress ? { begin: beginProgress } : {}),
    ...(todayOverride ? { today: todayOverride } : {}),
    ...(cacheDirectory !== undefined
      ? { factsCache: new FactsCacheDir(nodePath.join(cacheDirectory, `folder-${createHash('sha256').update(fsPath).digest('hex').slice(0, 16)}`), { log, explain: log }) }
      : {}),
  });
  folders.push(folder);
}

/** `initializationOptions.folders`: the URIs of the folders to analyse, when the client chose them. */
function cataloguesNamed(options: unknown): string[] | undefined {
  if (typeof options !== 'object' || options === null || !('folders' in options)) return undefined;
  const folders = (options as { folders: unknown }).folders;
  return Array.isArray(folders) && folders.every((f) => typeof f === 'string') ? folders : undefined;
}

/** `initializationOptions.cacheDirectory`: an absolute path (a file: URI is taken too). */
function cacheDirectoryOf(options: unknown): string | undefined {
  if (typeof options !== 'object' || options === null || !('cacheDirectory' in options)) return undefined;
  const dir = (options as { cacheDirectory: unknown }).cacheDirectory;
  if (typeof dir !== 'string' || dir === '') return undefined;
  const path = dir.startsWith('file:') ? uriToFsPath(dir) : dir;
  if (path === undefined || !nodePath.isAbsolute(path)) {
    log(`crosswalk: initializationOptions.cacheDirectory '${dir}' is not an absolute path: no facts cache is kept`);
    return undefined;
  }
  return path;
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  // A client that knows which folders hold a catalogue names them (VS Code's does, and restarts the server when they change).
  workDoneProgress = params.capabilities.window?.workDoneProgress === true;
  const named = cataloguesNamed(params.initializationOptions);
  cacheDirectory = cacheDirectoryOf(params.initializationOptions);
  const roots = named ?? params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  for (const uri of roots) {
    const p = uriToFsPath(uri);
    if (p !== undefined) addFolder(p);
  }
  folderEvents = named === undefined && params.capabilities.workspace?.workspaceFolders === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      completionProvider: { triggerCharacters: ['[', ',', ' ', '-', '.'] },
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
      codeLensProvider: { resolveProvider: false },
      ...(folderEvents ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
    },
    serverInfo: { name: 'crosswalk', version: pkg.version },
  };
});

connection.onInitialized(() => {
  for (const f of folders) void f.start();
  // Asking for these events from a client that cannot send them is an error.
  if (!folderEvents) return;
  connection.workspace.onDidChangeWorkspaceFolders((e) => {
    for (const removed of e.removed) {
      const p = uriToFsPath(removed.uri);
      const i = folders.findIndex((f) => f.root === p);
      if (i >= 0) folders.splice(i, 1)[0]!.dispose();
    }
    for (const added of e.added) {
      const p = uriToFsPath(added.uri);
      if (p !== undefined) {
        addFolder(p);
        void folders.at(-1)!.start();
      }
    }
  });
});

documents.onDidOpen((e) => {
  const loc = locate(e.document.uri);
  loc?.folder.opened(loc.path, e.document.getText());
});
documents.onDidChangeContent((e) => {
  const loc = locate(e.document.uri);
  loc?.folder.edited(loc.path, e.document.getText());
});
documents.onDidClose((e) => {
  const loc = locate(e.document.uri);
  loc?.folder.closed(loc.path);
});

connection.onDidChangeWatchedFiles((params) => {
  for (const change of params.changes) {
    const loc = locate(change.uri);
    loc?.folder.diskChanged(loc.path, change.type === FileChangeType.Deleted);
  }
});

/** The folder, project and catalogue entry under the cursor of a text-document request. */
async function targetOf(params: TextDocumentPositionParams): Promise<{ a: Awaited<ReturnType<typeof at>>; target: Target | undefined }> {
  const a = await at(params.textDocument.uri);
  const file = a?.project.catalogue.file(a.path);
  return { a, target: file ? targetAt(file, params.position) : undefined };
}

connection.onHover(async (params) => {
  const { a, target } = await targetOf(params);
  if (!a || !target) return null;
  const value = hoverText(a.project, target);
  return value === undefined ? null : { contents: { kind: 'markdown', value }, range: targetRange(target) };
});

const COMPLETION_KIND = {
  'framework-id': CompletionItemKind.EnumMember,
  'framework-key': CompletionItemKind.Module,
  control: CompletionItemKind.Reference,
  policy: CompletionItemKind.File,
  snippet: CompletionItemKind.Snippet,
} as const;

connection.onCompletion(async (params) => {
  const a = await at(params.textDocument.uri);
  // Clients may ask for completion in a document they have not sent (Neovim before didOpen settles).
  const text = documents.get(params.textDocument.uri)?.getText() ?? (a ? await a.folder.textOf(a.path) : undefined);
  if (!a || text === undefined) return [];
  return complete(a.project, a.path, text, params.position).map((c): CompletionItem => {
    const item: CompletionItem = { label: c.label, kind: COMPLETION_KIND[c.kind], sortText: c.sortText, textEdit: { range: c.range, newText: c.insertText }, filterText: c.filterText };
    if (c.detail !== undefined) item.detail = c.detail;
    if (c.snippet) item.insertTextFormat = InsertTextFormat.Snippet;
    // The title on every row, not only the focused one; the note (counterpart, gap) at the right.
    if (c.detail !== undefined || c.note !== undefined) item.labelDetails = { ...(c.detail !== undefined ? { detail: ` ${c.detail}` } : {}), ...(c.note !== undefined ? { description: c.note } : {}) };
    if (c.documentation !== undefined) item.documentation = { kind: 'plaintext', value: c.documentation };
    return item;
  });
});

/** Bundled frameworks have absolute paths; a team's own are relative to its folder. */
function frameworkFile(folder: Folder, source: string): string {
  return nodePath.isAbsolute(source) ? source : nodePath.join(folder.root, source);
}

function toLocation(folder: Folder, p: Place | FrameworkPlace): Location {
  if ('frameworkSource' in p) {
    const range = { start: { line: p.line, character: 0 }, end: { line: p.line, character: 0 } };
    return { uri: fsPathToUri(frameworkFile(folder, p.frameworkSource)), range };
  }
  return { uri: folder.uriOf(p.path), range: p.range };
}

connection.onDefinition(async (params) => {
  const { a, target } = await targetOf(params);
  if (!a || !target) return null;
  const read = (source: string): string | undefined => {
    try {
      return readFileSync(frameworkFile(a.folder, source), 'utf8');
    } catch {
      return undefined;
    }
  };
  return definition(a.project, target, read).map((p) => toLocation(a.folder, p));
});

connection.onReferences(async (params) => {
  const { a, target } = await targetOf(params);
  if (!a || !target) return null;
  return references(a.project, target, params.context.includeDeclaration).map((p) => toLocation(a.folder, p));
});

connection.onDocumentHighlight(async (params) => {
  const { a, target } = await targetOf(params);
  if (!a || !target) return null;
  return documentHighlights(a.project, a.path, target).map((range) => ({ range, kind: DocumentHighlightKind.Text }));
});

connection.onPrepareRename(async (params) => {
  const { target } = await targetOf(params);
  return (target ? renameRange(target) : undefined) ?? null;
});

connection.onRenameRequest(async (params) => {
  const { a, target } = await targetOf(params);
  if (!a || !target) return null;
  try {
    const changes: Record<string, Array<{ range: Place['range']; newText: string }>> = {};
    for (const e of renameEdits(a.project, target, params.newName)) (changes[a.folder.uriOf(e.path)] ??= []).push({ range: e.range, newText: e.newText });
    return { changes };
  } catch (e) {
    if (e instanceof RenameError) throw new ResponseError(ErrorCodes.InvalidParams, e.message);
    throw e;
  }
});

connection.onDocumentSymbol(async (params) => {
  const a = await at(params.textDocument.uri);
  if (!a) return [];
  return documentSymbols(a.project, a.path).map((s) => ({
    name: s.name,
    detail: s.detail,
    kind: s.kind === 'control' ? SymbolKind.Class : SymbolKind.File,
    range: s.range,
    selectionRange: s.selectionRange,
  }));
});

connection.onWorkspaceSymbol(async (params) => {
  const out = [];
  for (const folder of folders) {
    const project = await folder.project();
    for (const s of workspaceSymbols(project, params.query)) {
      out.push({ name: s.name, containerName: s.detail, kind: s.kind === 'control' ? SymbolKind.Class : SymbolKind.File, location: { uri: folder.uriOf(s.path), range: s.selectionRange } });
    }
  }
  return out;
});

/** Fix-all: the fixes `crosswalk check --fix` applies, for one file (`editor.codeActionsOnSave`) or, by request, for every file. */
const FIX_ALL_KIND = 'source.fixAll.crosswalk';

/** The edit that applies the autofixes of `path` (or of every file), over the texts the analysis sees. */
async function fixAllEdit(folder: Folder, project: Project, path?: string): Promise<{ edit: WorkspaceEdit; applied: number; deferred: number }> {
  const findings = autofixable(project, path);
  const texts = new Map<string, string>();
  for (const p of new Set(findings.map((f) => f.path))) {
    const text = documents.get(folder.uriOf(p))?.getText() ?? (await folder.textOf(p));
    if (text !== undefined) texts.set(p, text);
  }
  const plan = planFixes(findings, texts);
  const changes: NonNullable<WorkspaceEdit['changes']> = {};
  for (const [p, edits] of plan.edits) changes[folder.uriOf(p)] = edits.map((e) => ({ range: e.range, newText: e.newText }));
  return { edit: { changes }, applied: plan.applied, deferred: plan.deferred };
}

connection.onCodeAction(async (params) => {
  const a = await at(params.textDocument.uri);
  if (!a) return [];
  const only = params.context.only;
  if (only?.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`))) {
    const { edit, applied } = await fixAllEdit(a.folder, a.project, a.path);
    const action: CodeAction = { title: 'Fix all auto-fixable Crosswalk problems', kind: FIX_ALL_KIND, edit };
    return applied > 0 ? [action] : [];
  }
  const toUri = (p: string): string => a.folder.uriOf(p);
  const here = a.project.findings(a.path).filter((f) => rangeContains(params.range, f.range.start) || rangeContains(f.range, params.range.start));
  const text = here.length > 0 ? (documents.get(params.textDocument.uri)?.getText() ?? (await a.folder.textOf(a.path))) : undefined;
  return here.flatMap((f) => [...(f.fixes ?? []), ...(text === undefined ? [] : skeletonFixes(a.project, f, text))].map((fix) => toCodeAction(f, fix, toUri)));
});

/** Every file's autofixes as one edit; the client applies it and asks again until nothing is left (overlapping fixes take a second pass). */
connection.onRequest('crosswalk/fixAll', async (params: { uri?: string } | undefined) => {
  const folder = folderOf(params);
  if (!folder) return null;
  return fixAllEdit(folder, await folder.project());
});

connection.onCodeLens(async (params) => {
  const a = await at(params.textDocument.uri);
  if (!a) return [];
  const uri = params.textDocument.uri;
  return codeLenses(a.project, a.path).map((l) => {
    if (!l.references) return { range: l.range, command: { title: l.title, command: '' } };
    const locations = l.references.places.map((p) => toLocation(a.folder, p));
    return { range: l.range, command: { title: l.title, command: SHOW_REFERENCES_COMMAND, arguments: [uri, l.references.at, locations] } };
  });
});

/** The folder a custom request names by `uri` (the folder's own or a file's in it), or the first one. */
function folderOf(params: { uri?: string } | undefined): Folder | undefined {
  if (!params?.uri) return folders[0];
  const fsPath = uriToFsPath(params.uri);
  return folders.find((f) => f.root === fsPath) ?? locate(params.uri)?.folder;
}

/** Coverage for the folder of `uri` (or the first folder): the model behind the tree view and status bar. */
connection.onRequest(COVERAGE_REQUEST, async (params: FolderParams | undefined) => {
  const folder = folderOf(params);
  if (!folder) return null;
  return computeCoverage(await folder.project());
});

/**
 * What `crosswalk init` would write in a folder (which need not be analysed
 * yet), with the frameworks and SOC 2 categories the person chose, and a first
 * control and policy when the folder holds none. The client writes the files.
 */
connection.onRequest('crosswalk/init', async (params: { uri?: string; choice?: InitChoice } | undefined) => {
  const root = params?.uri ? uriToFsPath(params.uri) : undefined;
  if (root === undefined || !params?.choice) throw new ResponseError(ErrorCodes.InvalidParams, 'crosswalk/init needs the folder uri and the choice of frameworks');
  const project = await Project.load(new NodeFileSource(root), readBundled(), { today: todayOverride ?? today() });
  if (project.config.ambiguous) throw new ResponseError(ErrorCodes.InvalidParams, `several catalogues in this folder (${project.config.ambiguous.join(', ')}): initialize the one to describe`);
  await project.scan();
  // Markdown documents elsewhere that name framework ids are the catalogue's policies: no starter files beside them.
  const found = await findDocumentFolders(project);
  return { config: proposeConfig(project, params.choice, found), files: project.fileCount() === 0 && !found ? starterFiles(params.choice, project.today) : [] };
});

/** Each folder's state for the editor's language status item. */
connection.onRequest('crosswalk/status', () => folders.map((f) => ({ root: fsPathToUri(f.root), ...f.status() })));

connection.onRequest(SOA_REQUEST, async (params: SoaParams | undefined) => {
  const folder = folderOf(params);
  if (!folder) return null;
  const project = await folder.project();
  const rows = statementOfApplicability(computeCoverage(project));
  return params?.format === 'csv' ? soaCsv(rows) : soaMarkdown(rows, project.config.organization);
});

/** The readiness report as one self-contained HTML page (the client shows it in a webview) or Markdown. */
connection.onRequest(REPORT_REQUEST, async (params: ReportParams | undefined) => {
  const folder = folderOf(params);
  if (!folder) return null;
  const report = computeReadiness(await folder.project());
  if (params?.format === 'markdown') return readinessMarkdown(report);
  return readinessHtml(report, params?.links === 'editor' ? { requirementHref: revealRequirementUri } : {});
});

connection.onShutdown(() => {
  for (const f of folders) f.dispose();
});

process.on('uncaughtException', (e) => log(`crosswalk: unexpected error: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => log(`crosswalk: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

documents.listen(connection);
connection.listen();
