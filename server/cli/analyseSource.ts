// Analyses one tree (a folder on disk or a commit) the way `check` does, and
// keeps what comparing needs: the texts as read, for fingerprints.
import type { Project } from '../core/engine/project.ts';
import { Workspace } from '../core/engine/workspace.ts';
import type { FileSource, Finding } from '../core/types.ts';
import { readBundled } from '../host/bundled.ts';
import { withWorkers } from '../host/workerTrees.ts';
import type { FactsCacheOpener } from '../core/engine/factsCache.ts';
import type { SnapshotStore } from '../core/engine/findingsSnapshot.ts';
import { fingerprintFindings, ownersFromFacts } from '../core/review/fingerprint.ts';

export interface Analysed {
  project: Project;
  findings: Finding[];
  fingerprints: string[];
  texts: Map<string, string>;
}

/** Keeps the text of every file read, so fingerprints see exactly what was analysed. */
export class RecordingSource implements FileSource {
  readonly texts = new Map<string, string>();
  constructor(
    private readonly inner: FileSource,
    private readonly recording = true,
  ) {}
  list(): Promise<string[]> {
    return this.inner.list();
  }
  async read(path: string): Promise<string> {
    const text = await this.inner.read(path);
    if (this.recording) this.texts.set(path, text);
    return text;
  }
}

/** What a session may keep across runs (`--cache`): each file's facts, and the findings of the last scan. */
export interface SessionCaches {
  factsCache?: FactsCacheOpener;
  snapshots?: SnapshotStore;
}

/**
 * The same workspace session the language server runs, to be read once: the CLI and the editor
 * analyse a folder through one entry point, so they agree.
 */
export function newSession(source: FileSource, today: string, caches: SessionCaches = {}, workers = withWorkers()): Workspace {
  const disk = { list: () => source.list(), read: (path: string) => source.read(path), exists: async () => true };
  // No publish: the findings are read once the session is loaded.
  const quiet = { editsWaiting: () => {}, reloadWanted: () => {}, loaded: () => {}, changed: () => {}, log: () => {} };
  return new Workspace(disk, { bundled: readBundled(), today, ...workers, ...caches }, quiet);
}

export function openSession(source: FileSource, today: string, caches: SessionCaches = {}, workers = withWorkers()): Promise<Project> {
  return newSession(source, today, caches, workers).project();
}

export async function analyseSource(source: FileSource, today: string): Promise<Analysed> {
  const recording = new RecordingSource(source);
  const project = await openSession(recording, today);
  const findings = project.allFindings();
  return {
    project,
    findings,
    fingerprints: fingerprintFindings(
      findings,
      (p) => recording.texts.get(p),
      ownersFromFacts((p) => project.catalogue.file(p)),
    ),
    texts: recording.texts,
  };
}
