// One workspace session: the Project of a folder, the documents an editor has
// open layered over the disk, the decisions about what an event means (an
// edit, a configuration change that needs a reload, a file that can no longer
// be read), and which files' findings changed since they were last handed to
// the host. The language server and the CLI both drive it; the host only
// converts findings and keeps time (debouncing keystrokes and reloads).
// Every state change goes through one queue, so edits that arrive during a
// scan or a reload are applied after it, in order.
import type { FileSource, Finding } from '../types.ts';
import { CONFIG_FILE, type Config } from '../knowledge/config/config.ts';
import { Project, type BundledData, type ProjectOptions } from './project.ts';
import { sameValue } from './catalogue.ts';
import { ObservedSource, type ScanFindings, type SnapshotSession, type SnapshotStore } from './findingsSnapshot.ts';

/** The folder's files as the host reads them; `exists` tells a file that cannot be read from one that is gone. */
export interface WorkspaceDisk extends FileSource {
  exists(path: string): Promise<boolean>;
}

export interface WorkspaceHost {
  /**
   * Files whose findings changed since they were last published (an empty list clears a file).
   * A host that shows no findings as they change (the CLI reads them once, at the end) has none:
   * the session then keeps no record of what was published and compares nothing.
   */
  publish?(changes: ReadonlyArray<{ path: string; findings: Finding[] }>): void;
  /** Edits are waiting: call applyEdits() soon (the host decides how soon: keystrokes come in bursts). */
  editsWaiting(): void;
  /** Configuration changed: call reload() soon. */
  reloadWanted(): void;
  /** A (re)load finished. */
  loaded(project: Project, millis: number): void;
  /** Findings changed (after an edit or a load): views such as coverage may refresh. */
  changed(): void;
  log(message: string): void;
  /** A scan starts (the first, or a reload): the host may show its progress. */
  scanning?(reload: boolean): ScanProgress;
  /**
   * Resolves once the host has had a turn to send what it was handed (a scan does not otherwise give
   * it one): the scan waits for it after each batch, so that diagnostics and progress go out as it runs.
   */
  turn?(): Promise<void>;
  /**
   * Resolves once what was published has left for the client, or after a while (a client that reads
   * nothing must not keep the state from being built): a start from the findings snapshot waits for
   * it before it builds the state behind what it published.
   */
  flushed?(): Promise<void>;
}

export interface ScanProgress {
  /** `done` of the catalogue's `total` files read. */
  read(done: number, total: number): void;
  finished(): void;
}

/** What the session is doing: no project yet or being reloaded, or the counts of the current one. */
export type WorkspaceStatus = { state: 'analysing' } | { state: 'ready'; files: number; findings: number };

export interface WorkspaceOptions extends ProjectOptions {
  bundled: BundledData;
  /** The clock, for the load time the host is told. */
  now?: () => number;
  /** The host's findings snapshots (findingsSnapshot.ts): a first load that reads what the last scan read publishes its findings at once. */
  snapshots?: SnapshotStore;
}

/** A load's first part: the project with its configuration read, and the stored findings when they are this scan's. */
interface Start {
  project: Project;
  session: SnapshotSession | undefined;
  stored: ScanFindings | undefined;
}

/** Open documents first, then the disk. */
class OverlaySource implements FileSource {
  constructor(
    private readonly disk: FileSource,
    private readonly open: ReadonlyMap<string, string>,
  ) {}
  async list(): Promise<string[]> {
    const listed = await this.disk.list();
    const known = new Set(listed);
    return [...listed, ...[...this.open.keys()].filter((p) => !known.has(p))].sort();
  }
  async read(path: string): Promise<string> {
    return this.open.get(path) ?? this.disk.read(path);
  }
}

export class Workspace {
  private readonly open = new Map<string, string>();
  private readonly pending = new Map<string, string | undefined>();
  /** Per file, the findings last published (the catalogue's own objects, kept while unchanged, not a copy): only changes are handed over. */
  private readonly published = new Map<string, Finding[]>();
  private queue: Promise<unknown> = Promise.resolve();
  private current: Project | undefined;
  /** The first load, begun by storedFindings(): the next load goes on from it. */
  private started: Start | undefined;

  constructor(
    private readonly disk: WorkspaceDisk,
    private readonly options: WorkspaceOptions,
    private readonly host: WorkspaceHost,
  ) {}

  /** A scan or reload is running. */
  private loading = false;

  status(): WorkspaceStatus {
    const p = this.current;
    if (!p || this.loading) return { state: 'analysing' };
    let findings = 0;
    for (const path of p.catalogue.pathsWithFindings()) findings += p.findings(path).length;
    return { state: 'ready', files: p.fileCount(), findings };
  }

  /** The project after every change queued so far has been applied (loading it first if need be). */
  async project(): Promise<Project> {
    this.applyEdits();
    await this.queue;
    if (!this.current) await this.enqueue(() => this.loadNow());
    return this.current!;
  }

  /** The text the analysis sees for a file: the editor's if open, else the disk's. */
  async textOf(path: string): Promise<string | undefined> {
    return this.open.get(path) ?? this.disk.read(path).catch(() => undefined);
  }

  /**
   * The findings the host stored for exactly what a first load reads now, and the configuration read,
   * without analysing any file; undefined when there are none (project() then analyses, going on
   * from what was read).
   */
  storedFindings(): Promise<{ result: ScanFindings; config: Config } | undefined> {
    return this.enqueue(async () => {
      if (this.current || !this.options.snapshots) return undefined;
      const start = (this.started ??= await this.start());
      return start.stored && { result: start.stored, config: start.project.config };
    });
  }

  /** Loads (or reloads) configuration and frameworks and analyses every file. */
  load(): Promise<void> {
    return this.enqueue(() => this.loadNow());
  }

  reload(): Promise<void> {
    return this.load();
  }

  // --- events -------------------------------------------------------------

  opened(path: string, text: string): void {
    this.open.set(path, text);
    this.changedText(path, text);
  }

  edited(path: string, text: string): void {
    this.open.set(path, text);
    this.changedText(path, text);
  }

  /** The editor closed a document: back to what is on disk (the edit may not have been saved). */
  closed(path: string): Promise<void> {
    this.open.delete(path);
    return this.enqueue(async () => {
      let text: string | undefined;
      try {
        text = await this.disk.read(path);
      } catch (e) {
        if (this.open.has(path)) return;
        // Not on disk (never saved, or deleted): the file leaves the catalogue. On disk but unreadable: say why.
        if (await this.disk.exists(path)) {
          this.reportUnreadable(path, e);
          return;
        }
      }
      if (this.open.has(path)) return;
      this.changedText(path, text);
    });
  }

  /** A file changed on disk (a watcher): open documents keep their editor text. */
  diskChanged(path: string, deleted: boolean): Promise<void> {
    if (this.open.has(path)) return Promise.resolve();
    if (this.isConfigPath(path)) {
      this.host.reloadWanted();
      return Promise.resolve();
    }
    return this.enqueue(async () => {
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

  /** Applies the waiting edits in one pass (requests call this too, so answers match the latest text). */
  applyEdits(): Promise<void> {
    if (this.pending.size === 0) return this.queue.then(() => undefined);
    const batch = [...this.pending].map(([path, text]) => ({ path, text }));
    this.pending.clear();
    return this.enqueue(() => {
      const p = this.current;
      if (!p) return;
      this.publishPaths(p.setTexts(batch));
      this.host.changed();
    });
  }

  /** Clears every file published so far (the folder is going away). */
  dispose(): void {
    const cleared = [...this.published.keys()].map((path) => ({ path, findings: [] }));
    this.published.clear();
    if (cleared.length > 0) this.host.publish?.(cleared);
  }

  // --- inside the queue ---------------------------------------------------

  private enqueue<T>(task: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch((e: unknown) => this.host.log(`crosswalk: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
    return next;
  }

  private async loadNow(): Promise<void> {
    const now = this.options.now ?? Date.now;
    const started = now();
    const work = this.host.scanning?.(this.current !== undefined);
    this.loading = true;
    let start: Start;
    try {
      start = this.started ?? (await this.start());
      this.started = undefined;
      const { project, stored } = start;
      if (stored) {
        // What the last scan of exactly these files found, out before any file is analysed; the scan
        // below builds the state requests need, and publishes only what differs (nothing, normally).
        this.publishStored(stored);
        const n = stored.findings.length;
        this.host.log(`crosswalk: published the findings of ${n} file${n === 1 ? '' : 's'} from the findings snapshot (nothing read changed since it was written); analysing the catalogue`);
        await (this.host.flushed ? this.host.flushed() : this.host.turn?.());
      }
      await project.scan((done, total, staged) => {
        work?.read(done, total);
        if (!stored) this.publishLocal(project, staged);
        return this.host.turn?.();
      });
    } finally {
      work?.finished();
      this.loading = false;
    }
    const { project, stored, session } = start;
    this.current = project;
    this.pending.clear();
    // After a snapshot, the catalogue's own finding objects replace its copies, which can then be collected.
    const differing = this.host.publish ? this.publishPaths(new Set([...project.catalogue.pathsWithFindings(), ...this.published.keys()]), stored !== undefined) : [];
    if (stored && differing.length > 0)
      this.host.log(
        `crosswalk: the analysis found other findings than the findings snapshot in ${differing.length} file${differing.length === 1 ? '' : 's'} (${differing.slice(0, 3).join(', ')}${differing.length > 3 ? ', ...' : ''}): published the analysis's`,
      );
    if (session && (!stored || differing.length > 0)) session.keep(this.result(project));
    this.host.loaded(project, now() - started);
    this.host.changed();
  }

  /**
   * Loads the project (configuration and frameworks); on a first load with a snapshot store, and when
   * what loading read allows it, reads the files ahead while they match and asks the store for this
   * scan's findings.
   */
  private async start(): Promise<Start> {
    const { bundled, snapshots, ...projectOptions } = this.options;
    const overlay = new OverlaySource(this.disk, this.open);
    const session = snapshots?.begin(projectOptions.today);
    const project = await Project.load(session ? new ObservedSource(overlay, session) : overlay, bundled, projectOptions);
    let stored: ScanFindings | undefined;
    if (session && this.current === undefined && session.mayMatch()) {
      await project.readAhead(() => session.matching());
      stored = session.match();
    }
    return { project, session, stored };
  }

  /** The scan's result as published: every file with findings, in path order. */
  private result(project: Project): ScanFindings {
    // A host that publishes nothing (the CLI) has no record of what was published: the catalogue's findings are the result.
    if (!this.host.publish) {
      const findings = [...project.catalogue.pathsWithFindings()]
        .sort()
        .map((path) => ({ path, findings: project.findings(path) }))
        .filter((f) => f.findings.length > 0);
      return { files: project.fileCount(), findings };
    }
    const paths = [...this.published.keys()].sort();
    return { files: project.fileCount(), findings: paths.map((path) => ({ path, findings: this.published.get(path)! })) };
  }

  /** A snapshot's findings, published as they are: a first load has published nothing yet. */
  private publishStored(stored: ScanFindings): void {
    if (!this.host.publish) return;
    const changes: Array<{ path: string; findings: Finding[] }> = [];
    for (const { path, findings } of stored.findings) {
      if (findings.length === 0) continue;
      this.published.set(path, findings);
      changes.push({ path, findings });
    }
    if (changes.length > 0) this.host.publish(changes);
  }

  /** crosswalk.yaml, the framework files it names and JupiterOne's config.json are read at load: a change to one means a reload. */
  private isConfigPath(path: string): boolean {
    const p = this.current;
    if (path === CONFIG_FILE) return true;
    if (p === undefined) return false;
    return path === p.config.documentList?.path || [...p.config.customFrameworks, ...p.config.customCrosswalks].some((f) => f.text.replace(/^\.\//, '') === path);
  }

  private changedText(path: string, text: string | undefined): void {
    if (this.isConfigPath(path)) {
      this.host.reloadWanted();
      return;
    }
    this.pending.set(path, text);
    this.host.editsWaiting();
  }

  private reportUnreadable(path: string, error: unknown): void {
    const p = this.current;
    if (!p || p.kindOf(path) === undefined) return;
    this.pending.delete(path); // an older queued text must not replace the report
    this.publishPaths(p.setUnreadable(path, error));
  }

  /**
   * During a scan, each batch of files as it is read: the file-local findings of those that have some
   * and show nothing yet (on a reload, the previous findings stay until the end). The workspace rules'
   * findings come at the end, when publishPaths sends each file again only if its findings changed,
   * so a file is published at most twice in a scan.
   */
  private publishLocal(project: Project, paths: readonly string[]): void {
    if (!this.host.publish) return;
    const changes: Array<{ path: string; findings: Finding[] }> = [];
    for (const path of paths) {
      if (this.published.has(path)) continue;
      const findings = project.catalogue.localFindings(path);
      if (findings.length === 0) continue;
      this.published.set(path, findings);
      changes.push({ path, findings });
    }
    if (changes.length > 0) this.host.publish(changes);
  }

  /**
   * Publishes the files whose findings differ from those last published; returns their paths. `adopt`:
   * the findings kept as published become the catalogue's objects also where they are the same.
   */
  private publishPaths(paths: Iterable<string>, adopt = false): string[] {
    if (!this.host.publish) return [];
    const p = this.current!;
    const changes: Array<{ path: string; findings: Finding[] }> = [];
    for (const path of paths) {
      const findings = p.findings(path);
      const before = this.published.get(path);
      if (before === undefined ? findings.length === 0 : sameValue(before, findings)) {
        if (adopt && before !== undefined) this.published.set(path, findings);
        continue;
      }
      if (findings.length === 0) this.published.delete(path);
      else this.published.set(path, findings);
      changes.push({ path, findings });
    }
    if (changes.length > 0) this.host.publish(changes);
    return changes.map((c) => c.path);
  }
}
