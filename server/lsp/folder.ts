// One workspace folder: its Project, the open documents layered over the
// disk, and the diagnostics last published for each file (so only changes
// are sent). Every state change goes through one queue, so edits that arrive
// during a scan or a reload are applied after it, in order.
import * as nodePath from 'node:path';
import { promises as fs } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver/node';
import type { FileSource } from '../core/types.ts';
import { Project } from '../core/engine/project.ts';
import { sameValue } from '../core/engine/catalogue.ts';
import type { Finding } from '../core/types.ts';
import { CONFIG_FILE } from '../core/knowledge/config/config.ts';
import { NodeFileSource } from '../host/nodeFiles.ts';
import { readBundled, today } from '../host/bundled.ts';
import { withWorkers } from '../host/workerTrees.ts';
import { fsPathToUri, toDiagnostic } from './convert.ts';

export interface FolderHost {
  publish(uri: string, diagnostics: Diagnostic[]): void;
  log(message: string): void;
  /** Called after a (re)load so views such as the coverage tree can refresh. */
  changed(): void;
  today?: string;
}

/** Open documents first, then the disk. */
class OverlaySource implements FileSource {
  constructor(
    private readonly disk: NodeFileSource,
    private readonly open: Map<string, string>,
  ) {}
  async list(): Promise<string[]> {
    const listed = await this.disk.list();
    const extra = [...this.open.keys()].filter((p) => !listed.includes(p));
    return [...listed, ...extra].sort();
  }
  async read(path: string): Promise<string> {
    return this.open.get(path) ?? this.disk.read(path);
  }
}

/** How long to wait for more keystrokes before re-analysing. */
const EDIT_DELAY_MS = 5;
const RELOAD_DELAY_MS = 100;

export class Folder {
  readonly disk: NodeFileSource;
  private readonly open = new Map<string, string>();
  private readonly pending = new Map<string, string | undefined>();
  /** The findings last published per file: the catalogue's own objects (kept while unchanged), not a copy. */
  private readonly published = new Map<string, Finding[]>();
  private queue: Promise<unknown> = Promise.resolve();
  private editTimer: NodeJS.Timeout | undefined;
  private reloadTimer: NodeJS.Timeout | undefined;
  private current: Project | undefined;

  constructor(
    readonly root: string,
    private readonly host: FolderHost,
  ) {
    this.disk = new NodeFileSource(root);
  }

  /** The project after every queued change has been applied. */
  async project(): Promise<Project> {
    this.flushNow();
    await this.queue;
    if (!this.current) await this.enqueue(() => this.load());
    return this.current!;
  }

  /** The text the analysis sees for a file: the editor's if open, else the disk's. */
  async textOf(path: string): Promise<string | undefined> {
    return this.open.get(path) ?? this.disk.read(path).catch(() => undefined);
  }

  relative(fsPath: string): string | undefined {
    return this.disk.relative(fsPath);
  }

  uriOf(path: string): string {
    return fsPathToUri(nodePath.join(this.root, ...path.split('/')));
  }

  start(): Promise<void> {
    return this.enqueue(() => this.load());
  }

  private enqueue<T>(task: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch((e: unknown) => this.host.log(`crosswalk: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
    return next;
  }

  /** (Re)loads configuration and frameworks and analyses every file. */
  private async load(): Promise<void> {
    const started = Date.now();
    const opts = { today: this.host.today ?? today() };
    const project = await Project.load(new OverlaySource(this.disk, this.open), readBundled(), { ...opts, ...withWorkers() });
    await project.scan();
    this.current = project;
    this.pending.clear();
    this.publishAll();
    this.host.log(`crosswalk: analysed ${project.fileCount()} files in ${this.root} in ${Date.now() - started} ms`);
    for (const u of this.disk.unreadableFolders) this.host.log(`crosswalk: cannot read the folder '${u.path}' (${u.reason}): the files in it are not checked`);
    this.host.changed();
  }

  /** Re-reads config-like files: crosswalk.yaml and the custom frameworks it names. */
  private isConfigPath(path: string): boolean {
    const p = this.current;
    return path === CONFIG_FILE || (p !== undefined && [...p.config.customFrameworks, ...p.config.customCrosswalks].some((f) => f.text.replace(/^\.\//, '') === path));
  }

  // --- document events ----------------------------------------------------

  opened(path: string, text: string): void {
    this.open.set(path, text);
    this.changedText(path, text);
  }

  edited(path: string, text: string): void {
    this.open.set(path, text);
    this.changedText(path, text);
  }

  closed(path: string): void {
    this.open.delete(path);
    // Back to what is on disk (the edit may not have been saved).
    void this.enqueue(async () => {
      let text: string | undefined;
      try {
        text = await this.disk.read(path);
      } catch (e) {
        if (this.open.has(path)) return;
        // Not on disk (never saved, or deleted): the file leaves the catalogue. On disk but unreadable: say why.
        if (await existsOnDisk(this.disk.resolve(path))) {
          this.reportUnreadable(path, e);
          return;
        }
      }
      if (this.open.has(path)) return;
      this.changedText(path, text);
    });
  }

  /** A file changed on disk (watcher): open documents keep their editor text. */
  diskChanged(path: string, deleted: boolean): void {
    if (this.open.has(path)) return;
    if (this.isConfigPath(path)) {
      this.scheduleReload();
      return;
    }
    void this.enqueue(async () => {
      let text: string | undefined;
      if (!deleted) {
        try {
          text = await this.disk.read(path);
        } catch (e) {
          this.reportUnreadable(path, e);
          return;
        }
      }
      this.changedText(path, text);
    });
  }

  private reportUnreadable(path: string, error: unknown): void {
    const p = this.current;
    if (!p || p.kindOf(path) === undefined) return;
    this.pending.delete(path); // an older queued text must not replace the report
    this.publishPaths(p.setUnreadable(path, error));
  }

  private changedText(path: string, text: string | undefined): void {
    if (this.isConfigPath(path)) {
      this.scheduleReload();
      return;
    }
    this.pending.set(path, text);
    if (this.editTimer === undefined) this.editTimer = setTimeout(() => this.flushNow(), EDIT_DELAY_MS);
  }

  private scheduleReload(): void {
    if (this.reloadTimer !== undefined) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.enqueue(() => this.load());
    }, RELOAD_DELAY_MS);
  }

  /** Applies queued edits now (requests call this so answers match the latest text). */
  private flushNow(): void {
    if (this.editTimer !== undefined) {
      clearTimeout(this.editTimer);
      this.editTimer = undefined;
    }
    if (this.pending.size === 0) return;
    const batch = [...this.pending].map(([path, text]) => ({ path, text }));
    this.pending.clear();
    void this.enqueue(() => {
      const p = this.current;
      if (!p) return;
      this.publishPaths(p.setTexts(batch));
      this.host.changed();
    });
  }

  // --- publishing ---------------------------------------------------------

  private publishAll(): void {
    const p = this.current!;
    const paths = new Set([...p.catalogue.pathsWithFindings(), ...this.published.keys()]);
    this.publishPaths(paths);
  }

  private publishPaths(paths: Iterable<string>): void {
    const p = this.current!;
    for (const path of paths) {
      const findings = p.findings(path);
      const before = this.published.get(path);
      if (before === undefined ? findings.length === 0 : sameValue(before, findings)) continue;
      if (findings.length === 0) this.published.delete(path);
      else this.published.set(path, findings);
      this.host.publish(this.uriOf(path), findings.map((f) => toDiagnostic(f, (x) => this.uriOf(x))));
    }
  }

  dispose(): void {
    if (this.editTimer !== undefined) clearTimeout(this.editTimer);
    if (this.reloadTimer !== undefined) clearTimeout(this.reloadTimer);
    for (const path of this.published.keys()) this.host.publish(this.uriOf(path), []);
    this.published.clear();
  }
}

async function existsOnDisk(fullPath: string): Promise<boolean> {
  return fs.lstat(fullPath).then(
    () => true,
    () => false,
  );
}
