// The findings snapshot on disk: findings.bin, in the cache folder beside
// facts.bin. It holds the final findings of the last scan and what decided
// them: the listing, a digest of every read the scan made (crosswalk.yaml and
// the files it names first, then each catalogue file, or why one could not be
// read), in order, the date the scan ran for, and this build and version of
// Crosswalk, of its frameworks and of the runtime (runtime.ts). A start whose
// listing and reads are all the same, on the same date, in the same build,
// takes those findings; any difference is said in one line (why) and the
// start goes on to analyse the catalogue. The file is read whole and checked
// (its format, a checksum of every byte) before anything in it is used, and
// written after the results are out, to a temporary file that is then
// renamed over it.
import { lstatSync } from 'node:fs';
import { endianness } from 'node:os';
import * as nodePath from 'node:path';
import type { ReadResult, ScanFindings, SnapshotSession, SnapshotStore } from '../core/engine/findingsSnapshot.ts';
import type { Finding } from '../core/types.ts';
import { FactsDecoder, FactsEncoder, Undecodable } from './factsCodec.ts';
import { checkedBody, readWhole, writeCacheFile } from './cacheFile.ts';
import { errorDigest, type FileDigests } from './fileDigests.ts';

export const SNAPSHOT_FILE = 'findings.bin';
/** Changes whenever the file layout or what a finding holds changes. */
export const SNAPSHOT_FORMAT = 1;

const MAGIC = Buffer.from('CWFINDS\n', 'latin1');
const DIGEST_BYTES = 32;
/** How long one slice of encoding may hold the event loop while the snapshot is written. */
const SLICE_MS = 8;

/** This process's part of the key: a snapshot written under another is not used. */
export interface SnapshotIdentity {
  version: string;
  frameworks: string;
  runtime: string;
}

interface Header extends SnapshotIdentity {
  format: number;
  endian: string;
  today: string;
  /** Catalogue files the scan analysed. */
  files: number;
  reads: number;
  tokens: number;
  floats: number;
  stringBytes: number;
  shapes: string[][];
  /** Where each encoded value ends, in tokens: the listing, the paths read, then one per file with findings. */
  ends: number[];
}

interface Loaded {
  header: Header;
  /** One digest per read, in order. */
  digests: Buffer;
  decoder: FactsDecoder;
}

/** What a scan read, and what it found. */
interface Kept {
  today: string;
  listing: readonly string[];
  paths: readonly string[];
  /** One digest per read, end to end. */
  digests: Buffer;
  result: ScanFindings;
}

export interface SnapshotFileOptions extends SnapshotIdentity {
  /** A snapshot that is damaged or cannot be read or written: one line. */
  log(message: string): void;
  /** Why a snapshot is not used for this start (something changed since it was written): one line. */
  explain(message: string): void;
  /** The digests of the reads, shared with the facts cache. */
  digests: FileDigests;
}

/** The findings snapshot of one cache folder: begin() for each load; save() once its results are out. */
export class FindingsSnapshotFile implements SnapshotStore {
  readonly file: string;
  private kept: Kept | undefined;
  /** Whether the file may be written over (not a folder or a device in its place). */
  private writable = true;

  constructor(
    readonly dir: string,
    private readonly options: SnapshotFileOptions,
  ) {
    this.file = nodePath.join(dir, SNAPSHOT_FILE);
  }

  begin(today: string): SnapshotSession {
    this.options.digests.clear();
    return new Session(this, today);
  }

  /** Stores a scan's result, for save(). */
  keep(kept: Kept): void {
    this.kept = kept;
  }

  /**
   * Writes the last result kept, if any and if it takes at most `largest` bytes; returns the size of the
   * snapshot on disk afterwards (the facts cache keeps to what is left of the cap). Never throws.
   */
  async save(largest: number): Promise<number> {
    const kept = this.kept;
    this.kept = undefined;
    if (kept && this.writable) {
      try {
        const chunks = await this.encode(kept);
        const size = chunks.reduce((n, c) => n + c.length, 0) + DIGEST_BYTES;
        if (size > largest) this.options.log(`crosswalk: the findings snapshot would take ${bytes(size)}, more than the ${bytes(largest)} it may (half the cache's cap): it is not written`);
        else await writeCacheFile(this.dir, SNAPSHOT_FILE, chunks);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        this.options.log(`crosswalk: cannot write the findings snapshot in ${this.dir} (${err.code ?? err.message}): the next start analyses the catalogue first`);
      }
    }
    try {
      const stat = lstatSync(this.file);
      return stat.isFile() ? stat.size : 0;
    } catch {
      return 0;
    }
  }

  /** The snapshot on disk, checked; undefined when there is none or it is not to be trusted (said in the log). */
  read(): Loaded | undefined {
    const problem = (m: string): undefined => void this.options.log(`crosswalk: the findings snapshot ${this.file} ${m}`);
    const damaged = (why: string): undefined => problem(`${why}: it is not used; the catalogue is analysed, and the snapshot written anew`);
    let stat;
    try {
      stat = lstatSync(this.file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : problem(`cannot be read (${code}): the catalogue is analysed`);
    }
    this.writable = stat.isFile() || stat.isSymbolicLink();
    if (stat.isDirectory()) return problem('is a folder, not a file: it is neither read nor written; remove it to have findings kept');
    if (stat.isSymbolicLink()) return problem('is a symbolic link: it is not followed; the catalogue is analysed, and the link replaced by the snapshot');
    if (!stat.isFile()) return problem('is not a regular file: it is neither read nor written');
    let buf: Buffer;
    try {
      buf = readWhole(this.file);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      return problem(`cannot be read (${err.code ?? err.message}): the catalogue is analysed`);
    }
    const body = checkedBody(buf, MAGIC);
    if (body === 'foreign') return damaged('is not a Crosswalk findings snapshot');
    if (body === 'damaged') return damaged('is damaged or cut short (its checksum does not match)');
    try {
      const headLength = body.readUInt32LE(MAGIC.length);
      let at = MAGIC.length + 4;
      const header = JSON.parse(body.toString('utf8', at, (at += headLength))) as Header;
      if (header.format !== SNAPSHOT_FORMAT || header.endian !== endianness()) return damaged(`has another format (${String(header.format)})`);
      const counts = [header.files, header.reads, header.tokens, header.floats, header.stringBytes];
      if (!counts.every((n) => Number.isSafeInteger(n) && n >= 0) || typeof header.today !== 'string' || !Array.isArray(header.ends) || !Array.isArray(header.shapes))
        throw new Undecodable('a bad header');
      if (header.ends.length < 2 || header.ends.some((e, i) => !Number.isSafeInteger(e) || e <= (i === 0 ? 0 : header.ends[i - 1]!) || e > header.tokens)) throw new Undecodable('bad value spans');
      const need = at + header.reads * DIGEST_BYTES + header.tokens * 4 + header.floats * 8 + header.stringBytes;
      if (need !== body.length) throw new Undecodable('sections that do not fill the file');
      const digests = body.subarray(at, (at += header.reads * DIGEST_BYTES));
      // Copied into typed arrays of their own: the file's bytes need not be aligned for them.
      const tokens = new Int32Array(header.tokens);
      new Uint8Array(tokens.buffer).set(body.subarray(at, (at += header.tokens * 4)));
      const floats = new Float64Array(header.floats);
      new Uint8Array(floats.buffer).set(body.subarray(at, (at += header.floats * 8)));
      const strings = JSON.parse(body.toString('utf8', at, at + header.stringBytes)) as unknown;
      if (!Array.isArray(strings) || !strings.every((s) => typeof s === 'string')) throw new Undecodable('a bad string table');
      return { header, digests, decoder: new FactsDecoder({ tokens, floats, strings, shapes: header.shapes }) };
    } catch (e) {
      return damaged(`is damaged (${(e as Error).message})`);
    }
  }

  /** A line saying why the snapshot is not used for this start. */
  explain(why: string): void {
    this.options.explain(`crosswalk: the findings snapshot ${this.file} is not used: ${why}; the catalogue is analysed`);
  }

  /** A snapshot that passed its checks but does not decode: a bug or a forged file, trusted in nothing. */
  undecodable(e: unknown): void {
    this.options.log(`crosswalk: the findings snapshot ${this.file} is damaged (${(e as Error).message}): it is not used; the catalogue is analysed, and the snapshot written anew`);
  }

  get identity(): SnapshotIdentity {
    const { version, frameworks, runtime } = this.options;
    return { version, frameworks, runtime };
  }

  digestOf(path: string, result: ReadResult): Buffer {
    return 'text' in result ? this.options.digests.of(path, result.text) : errorDigest(path, result.error);
  }

  private async encode(kept: Kept): Promise<Buffer[]> {
    // Chunks of 64 Ki tokens: the large benchmark catalogue's snapshot takes about a quarter of a million.
    const enc = new FactsEncoder(16);
    const ends: number[] = [];
    let sliced = performance.now();
    const add = async (value: unknown): Promise<void> => {
      ends.push(enc.encode(value).end);
      if (performance.now() - sliced > SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliced = performance.now();
      }
    };
    await add(kept.listing);
    await add(kept.paths);
    for (const file of kept.result.findings) await add(file);
    const parts = enc.parts();
    const strings = Buffer.from(JSON.stringify(parts.strings), 'utf8');
    const header: Header = {
      format: SNAPSHOT_FORMAT,
      ...this.identity,
      endian: endianness(),
      today: kept.today,
      files: kept.result.files,
      reads: kept.paths.length,
      tokens: parts.tokenCount,
      floats: parts.floats.length,
      stringBytes: strings.length,
      shapes: parts.shapes,
      ends,
    };
    const head = Buffer.from(JSON.stringify(header), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(head.length);
    return [
      MAGIC,
      length,
      head,
      kept.digests,
      ...parts.tokens.map((t) => Buffer.from(t.buffer, t.byteOffset, t.byteLength)),
      Buffer.from(parts.floats.buffer, parts.floats.byteOffset, parts.floats.byteLength),
      strings,
    ];
  }
}

class Session implements SnapshotSession {
  private listing: readonly string[] = [];
  private readonly paths: string[] = [];
  /** One digest per read, end to end. */
  private readonly digests = new DigestList();
  /** The snapshot on disk, from mayMatch() until match(), and the paths it read. */
  private loaded: { snapshot: Loaded; paths: string[] } | undefined;
  /** The first read that differs from the snapshot's, once one does. */
  private difference: string | undefined;

  constructor(
    private readonly store: FindingsSnapshotFile,
    private readonly today: string,
  ) {}

  listed(paths: readonly string[]): void {
    this.listing = paths;
  }

  read(path: string, result: ReadResult): void {
    this.paths.push(path);
    this.digests.push(this.store.digestOf(path, result));
    if (this.loaded && this.difference === undefined) this.difference = this.differsAt(this.paths.length - 1);
  }

  mayMatch(): boolean {
    const snapshot = this.store.read();
    if (!snapshot) return false;
    try {
      const why = this.unlike(snapshot.header);
      if (why !== undefined) {
        this.store.explain(why);
        return false;
      }
      const { decoder, header } = snapshot;
      const listing = decoder.decode(0, header.ends[0]!);
      const paths = decoder.decode(header.ends[0]!, header.ends[1]!);
      if (!isStrings(listing) || !isStrings(paths) || paths.length !== header.reads) throw new Undecodable('a listing or paths read that are not one per read');
      const moved = listingChange(listing, this.listing);
      if (moved !== undefined) {
        this.store.explain(moved);
        return false;
      }
      this.loaded = { snapshot, paths };
      // The configuration's reads, made before the snapshot was looked at.
      for (let i = 0; i < this.paths.length && this.difference === undefined; i++) this.difference = this.differsAt(i);
      if (this.difference !== undefined) {
        this.store.explain(this.difference);
        this.loaded = undefined;
        return false;
      }
    } catch (e) {
      this.store.undecodable(e);
      return false;
    }
    return true;
  }

  matching(): boolean {
    return this.loaded !== undefined && this.difference === undefined;
  }

  match(): ScanFindings | undefined {
    const loaded = this.loaded;
    this.loaded = undefined;
    if (!loaded) return undefined;
    const why = this.difference ?? (loaded.paths.length !== this.paths.length ? 'other files were read than before' : undefined);
    if (why !== undefined) {
      this.store.explain(why);
      return undefined;
    }
    try {
      const { ends, files } = loaded.snapshot.header;
      const findings: Array<{ path: string; findings: Finding[] }> = [];
      for (let i = 2; i < ends.length; i++) {
        const file = loaded.snapshot.decoder.decode(ends[i - 1]!, ends[i]!);
        if (!isFileFindings(file) || (findings.length > 0 && findings.at(-1)!.path >= file.path)) throw new Undecodable('findings that are not a file’s, in order');
        findings.push(file);
      }
      return { files, findings };
    } catch (e) {
      this.store.undecodable(e);
      return undefined;
    }
  }

  keep(result: ScanFindings): void {
    this.store.keep({ today: this.today, listing: this.listing, paths: this.paths, digests: this.digests.bytes(), result });
  }

  /** Why a snapshot with this header is not for this start, whatever the files: another build, runtime or date. */
  private unlike(header: Header): string | undefined {
    const own = this.store.identity;
    if (header.version !== own.version) return `it was written by another version or build of Crosswalk (${String(header.version)})`;
    if (header.frameworks !== own.frameworks) return 'it was written with other bundled frameworks';
    if (header.runtime !== own.runtime) return `it was written under another runtime (time zone, collation, Node or ICU version: ${String(header.runtime)})`;
    if (header.today !== this.today) return `it holds the findings of ${String(header.today)}, and today is ${this.today} (review ages depend on the date)`;
    return undefined;
  }

  /** How read `i` differs from the snapshot's, if it does. */
  private differsAt(i: number): string | undefined {
    const { snapshot, paths } = this.loaded!;
    const path = this.paths[i]!;
    if (paths[i] !== path) return 'other files were read than before';
    return snapshot.digests.subarray(i * DIGEST_BYTES, (i + 1) * DIGEST_BYTES).equals(this.digests.at(i)) ? undefined : `${path} changed since it was written`;
  }
}

/** Digests of 32 bytes end to end in one buffer, grown by doubling: not a Buffer object per read. */
class DigestList {
  private buf = Buffer.allocUnsafe(DIGEST_BYTES * 1024);
  private n = 0;

  push(digest: Buffer): void {
    if ((this.n + 1) * DIGEST_BYTES > this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.n * DIGEST_BYTES);
      this.buf = bigger;
    }
    digest.copy(this.buf, this.n++ * DIGEST_BYTES);
  }

  at(i: number): Buffer {
    return this.buf.subarray(i * DIGEST_BYTES, (i + 1) * DIGEST_BYTES);
  }

  bytes(): Buffer {
    return this.buf.subarray(0, this.n * DIGEST_BYTES);
  }
}

/** Which paths came and went, or undefined when the listings are the same. */
function listingChange(before: readonly string[], now: readonly string[]): string | undefined {
  if (before.length === now.length && before.every((p, i) => p === now[i])) return undefined;
  const was = new Set(before);
  const is = new Set(now);
  const added = now.filter((p) => !was.has(p));
  const removed = before.filter((p) => !is.has(p));
  const some = (ps: string[]): string => `${ps.slice(0, 3).join(', ')}${ps.length > 3 ? `, and ${ps.length - 3} more` : ''}`;
  const parts = [...(added.length > 0 ? [`${some(added)} added`] : []), ...(removed.length > 0 ? [`${some(removed)} removed`] : [])];
  return parts.length > 0 ? `${parts.join('; ')} since it was written` : 'the files are listed in another order';
}

function bytes(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MiB` : `${Math.ceil(n / 1024)} KiB`;
}

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);

/** The shape a decoded value must have before a start publishes it as a file's findings. */
function isFileFindings(v: unknown): v is { path: string; findings: Finding[] } {
  if (typeof v !== 'object' || v === null) return false;
  const { path, findings } = v as { path?: unknown; findings?: unknown };
  return (
    typeof path === 'string' &&
    Array.isArray(findings) &&
    findings.length > 0 &&
    findings.every(
      (f: Partial<Finding>) =>
        typeof f === 'object' && f !== null && f.path === path && typeof f.rule === 'string' && typeof f.message === 'string' && SEVERITIES.has(f.severity as string) && isRange(f.range),
    )
  );
}

function isRange(v: unknown): boolean {
  const r = v as { start?: { line?: unknown }; end?: { line?: unknown } } | undefined;
  return typeof r === 'object' && r !== null && typeof r.start?.line === 'number' && typeof r.end?.line === 'number';
}
