// One workspace folder as the language server sees it: the core's Workspace
// session over the folder's files, with the edge's two jobs, keeping time
// (keystrokes and reloads are debounced) and turning findings into published
// diagnostics.
import * as nodePath from 'node:path';
import { promises as fs } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { Project } from '../core/engine/project.ts';
import { Workspace, type WorkspaceDisk, type WorkspaceStatus } from '../core/engine/workspace.ts';
import { NodeFileSource } from '../host/nodeFiles.ts';
import { readBundled, today } from '../host/bundled.ts';
import { withWorkers } from '../host/workerTrees.ts';
import type { FactsCacheDir } from '../host/factsCacheDir.ts';
import { fsPathToUri, toDiagnostic } from './convert.ts';

export interface FolderHost {
  /** May return when the notification is written. */
  publish(uri: string, diagnostics: Diagnostic[]): void | Promise<void>;
  /** When what was published waits in the output for the client to read it: resolves once it has left. */
  drained?(): Promise<void> | undefined;
  log(message: string): void;
  /** Called after a (re)load or an edit so views such as the coverage tree can refresh. */
  changed(): void;
  /** Starts a piece of work the editor shows while it runs (LSP work-done progress), when it can. */
  begin?(title: string): WorkProgress;
  today?: string;
  /** Facts and the findings snapshot kept across starts (initializationOptions.cacheDirectory): written after each load's diagnostics are out. */
  factsCache?: FactsCacheDir;
}

export interface WorkProgress {
  report(message: string, percentage: number): void;
  done(): void;
}

/** How long to wait for more keystrokes before re-analysing. */
const EDIT_DELAY_MS = 5;
const RELOAD_DELAY_MS = 100;
/** The longest a scan waits after a batch for its diagnostics to leave (see `turn`). */
const TURN_BUDGET_MS = 8;
/** The longest a start from the findings snapshot waits for its diagnostics to leave before it builds the state (see `flushed`). */
const FLUSH_BUDGET_MS = 1000;

export class Folder {
  readonly disk: NodeFileSource;
  private readonly session: Workspace;
  private editTimer: NodeJS.Timeout | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly root: string,
    host: FolderHost,
  ) {
    const disk = (this.disk = new NodeFileSource(root));
    const onDisk: WorkspaceDisk = {
      list: () => disk.list(),
      read: (path) => disk.read(path),
      exists: (path) =>
        fs.lstat(disk.resolve(path)).then(
          () => true,
          () => false,
        ),
    };
    this.session = new Workspace(
      onDisk,
      {
        bundled: readBundled(),
        today: host.today ?? today(),
        ...withWorkers(),
        ...(host.factsCache ? { factsCache: host.factsCache.opener, snapshots: host.factsCache.snapshots } : {}),
      },
      {
        publish: (changes) => {
          for (const { path, findings } of changes) {
            const sent = host.publish(
              this.uriOf(path),
              findings.map((f) => toDiagnostic(f, (x) => this.uriOf(x))),
            );
            // A write that fails is the connection's to report (it closes).
            if (sent) sent.catch(noop);
          }
        },
        editsWaiting: () => {
          this.editTimer ??= setTimeout(() => this.applyEdits(), EDIT_DELAY_MS);
        },
        reloadWanted: () => {
          if (this.reloadTimer !== undefined) clearTimeout(this.reloadTimer);
          this.reloadTimer = setTimeout(() => {
            this.reloadTimer = undefined;
            void this.session.reload();
          }, RELOAD_DELAY_MS);
        },
        loaded: (project, millis) => {
          host.log(`crosswalk: analysed ${project.fileCount()} files in ${this.root} in ${millis} ms`);
          for (const u of disk.unreadableFolders) host.log(`crosswalk: cannot read the folder '${u.path}' (${u.reason}): the files in it are not checked`);
          void host.factsCache?.save();
        },
        changed: () => host.changed(),
        log: (message) => host.log(message),
        // A scan gives the connection a turn of the event loop after each batch, so that what it published
        // (and its progress) goes out as it runs: over stdio the messages are already in the stream
        // (stdioWriter.ts), over IPC already sent. What the pipe could not take yet leaves only while the
        // event loop turns, so the scan waits for it, but at most TURN_BUDGET_MS: a client slower to read
        // than the scan is to publish gets the rest later, and never holds the scan up for long.
        turn: () => drainedWithin(host, TURN_BUDGET_MS),
        // The findings snapshot's diagnostics, all published at once (megabytes on a large catalogue with
        // many findings), go out before the build behind them takes the event loop, unless the client
        // reads too slowly: a turn at a time within TURN_BUDGET_MS, much of them would leave only between the build's batches.
        flushed: () => drainedWithin(host, FLUSH_BUDGET_MS),
        ...(host.begin
          ? {
              scanning: (reload: boolean) => {
                const work = host.begin!(reload ? 'Crosswalk: reloading the catalogue' : 'Crosswalk: analysing the catalogue');
                work.report('listing files', 0);
                return {
                  read: (done: number, total: number) => work.report(`${done} of ${total} files`, total === 0 ? 100 : Math.floor((done * 100) / total)),
                  finished: () => work.done(),
                };
              },
            }
          : {}),
      },
    );
  }

  /** The project after every queued change has been applied. */
  project(): Promise<Project> {
    this.stopEditTimer();
    return this.session.project();
  }

  /** The text the analysis sees for a file: the editor's if open, else the disk's. */
  textOf(path: string): Promise<string | undefined> {
    return this.session.textOf(path);
  }

  relative(fsPath: string): string | undefined {
    return this.disk.relative(fsPath);
  }

  uriOf(path: string): string {
    return fsPathToUri(nodePath.join(this.root, ...path.split('/')));
  }

  /** What the folder is doing, for the editor's status item. */
  status(): WorkspaceStatus {
    return this.session.status();
  }

  start(): Promise<void> {
    return this.session.load();
  }

  opened(path: string, text: string): void {
    this.session.opened(path, text);
  }

  edited(path: string, text: string): void {
    this.session.edited(path, text);
  }

  closed(path: string): void {
    void this.session.closed(path);
  }

  diskChanged(path: string, deleted: boolean): void {
    void this.session.diskChanged(path, deleted);
  }

  dispose(): void {
    this.stopEditTimer();
    if (this.reloadTimer !== undefined) clearTimeout(this.reloadTimer);
    this.session.dispose();
  }

  private applyEdits(): void {
    this.stopEditTimer();
    void this.session.applyEdits();
  }

  private stopEditTimer(): void {
    if (this.editTimer !== undefined) clearTimeout(this.editTimer);
    this.editTimer = undefined;
  }
}

/** A turn of the event loop, or, when the output holds more than it should, until it has left or `budget` ms passed. */
function drainedWithin(host: FolderHost, budget: number): Promise<void> {
  const drained = host.drained?.();
  if (!drained) return new Promise<void>((resolve) => setImmediate(resolve));
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, budget);
    void drained.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function noop(): void {}
