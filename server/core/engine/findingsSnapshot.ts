// The final findings of the last scan, kept by the host with a key over
// everything that decided them (as an incremental compiler keeps its last
// diagnostics): a start that reads exactly what that scan read, on the same
// date, hands them out before it analyses anything. The core only says what
// it reads and what it found; the host hashes, stores and compares (on disk in
// server/host/findingsSnapshotFile.ts), adding what it knows of its own
// version and runtime.
import type { FileSource, Finding } from '../types.ts';

/** A scan's result: every file with findings, in path order, each with its findings as published; and how many catalogue files it analysed. */
export interface ScanFindings {
  files: number;
  findings: ReadonlyArray<{ path: string; findings: Finding[] }>;
}

/** One read through the FileSource: the text, or why it could not be read (the message its finding gives). */
export type ReadResult = { text: string } | { error: string };

export interface SnapshotStore {
  /** A load begins, for `today` (the date the date-dependent rules use): the session hears everything it reads. */
  begin(today: string): SnapshotSession;
}

export interface SnapshotSession {
  /** The listing, as the FileSource gave it. */
  listed(paths: readonly string[]): void;
  read(path: string, result: ReadResult): void;
  /**
   * Once the configuration is read (the listing, crosswalk.yaml and the files it names): whether the stored
   * findings may still be this scan's. When not, the host has said why, and the files are not read ahead.
   */
  mayMatch(): boolean;
  /** While files are read ahead: whether everything read so far is as the stored scan read it (the rest is read by the scan when not). */
  matching(): boolean;
  /** Once every file has been read: the stored findings, when everything read is as it was; undefined (the host says why) when not. */
  match(): ScanFindings | undefined;
  /** The result of a scan of what was read: the host stores it later, off the scan's path. */
  keep(result: ScanFindings): void;
}

/** A FileSource that tells a snapshot session what it lists and reads. */
export class ObservedSource implements FileSource {
  constructor(
    private readonly inner: FileSource,
    private readonly session: SnapshotSession,
  ) {}

  async list(): Promise<string[]> {
    const paths = await this.inner.list();
    this.session.listed(paths);
    return paths;
  }

  async read(path: string): Promise<string> {
    let text: string;
    try {
      text = await this.inner.read(path);
    } catch (e) {
      this.session.read(path, { error: e instanceof Error ? e.message : String(e) });
      throw e;
    }
    this.session.read(path, { text });
    return text;
  }
}
