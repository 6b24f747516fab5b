// The cache folder (`crosswalk check --cache DIR`, or one the editor gives in
// its workspace storage), and the facts cache in it: one file, facts.bin.
// Each file's facts are stored under a SHA-256 of the reading context, this
// build and version of Crosswalk, of its bundled frameworks and of the runtime
// (runtime.ts), and of the file's path and text: a file whose text or
// configuration changed is simply not found. The cache file is read whole at
// the start of a scan and checked (its format, the versions, a checksum of
// every byte) before anything in it is used; anything wrong is said in one log
// line and the cache is written anew. It is written after the results are out,
// in slices that leave the event loop free, to a temporary file beside it that
// is then renamed, and never grows past the cap: the facts of this scan
// first, then those of earlier scans, newest first, until the cap. The
// findings snapshot (findingsSnapshotFile.ts) lives in the same folder and
// counts against the same cap.
import { lstatSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';
import * as nodePath from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import type { FactsCache, FactsCacheOpener } from '../core/engine/factsCache.ts';
import type { SnapshotStore } from '../core/engine/findingsSnapshot.ts';
import type { FileFacts } from '../core/model/facts.ts';
import { FactsDecoder, FactsEncoder, Undecodable, Unencodable, type EncodedChunks } from './factsCodec.ts';
import { bundledDigest } from './bundled.ts';
import { checkedBody, readWhole, writeCacheFile } from './cacheFile.ts';
import { FileDigests } from './fileDigests.ts';
import { FindingsSnapshotFile } from './findingsSnapshotFile.ts';
import { BUILD, runtimeKey } from './runtime.ts';

export const CACHE_FILE = 'facts.bin';
/** Changes whenever the file layout, the codec, the keys or what facts hold changes. */
export const CACHE_FORMAT = 3;
/** The largest cache written, in MiB: the large benchmark catalogue (12,000 files) takes about 20. */
export const DEFAULT_CAP_MIB = 128;

const MAGIC = Buffer.from('CWFACTS\n', 'latin1');
const KEY_BYTES = 32;
/** Key, generation, first token, end token. */
const ENTRY_BYTES = KEY_BYTES + 12;
/** How long one slice of encoding may hold the event loop while the cache is written. */
const SLICE_MS = 8;

interface Header {
  format: number;
  version: string;
  frameworks: string;
  endian: string;
  /** Counts the writes; an entry carries the one that last used it, and the oldest go first. */
  generation: number;
  /** The context digest of the scan that wrote it. */
  context: string;
  /** Entries written under that context. */
  current: number;
  entries: number;
  tokens: number;
  floats: number;
  stringBytes: number;
  shapes: string[][];
}

interface Entry {
  key: string;
  generation: number;
  start: number;
  end: number;
}

interface Loaded {
  header: Header;
  index: Map<string, Entry>;
  decoder: FactsDecoder;
}

export interface FactsCacheDirOptions {
  /** One line about a cache that is not used or not written. */
  log(message: string): void;
  /** One line saying why the findings snapshot is not used for a start (something changed since it was written); not said by default. */
  explain?(message: string): void;
  capMiB?: number;
  /** This version of Crosswalk with its build (`0.1.0+<digest>`), the digest of its bundled frameworks and the runtime's part of the keys (tests give others). */
  version?: string;
  frameworks?: string;
  runtime?: string;
}

/** The cache folder: the facts cache (open() for each scan) and the findings snapshot (snapshots); save() once a scan's results are out. */
export class FactsCacheDir {
  readonly file: string;
  /** The findings snapshot in the same folder. */
  readonly snapshot: FindingsSnapshotFile;
  private readonly cap: number;
  private readonly version: string;
  private readonly frameworks: string;
  private readonly runtime: string;
  /** Digests of the files a scan reads, taken once for the snapshot's key and the facts' keys. */
  private readonly digests = new FileDigests();
  private session: Session | undefined;

  constructor(
    readonly dir: string,
    private readonly options: FactsCacheDirOptions,
  ) {
    this.dir = nodePath.resolve(dir);
    this.file = nodePath.join(this.dir, CACHE_FILE);
    this.cap = (options.capMiB ?? DEFAULT_CAP_MIB) * 1048576;
    this.version = options.version ?? `${pkg.version}+${BUILD}`;
    this.frameworks = options.frameworks ?? bundledDigest();
    this.runtime = options.runtime ?? runtimeKey();
    this.snapshot = new FindingsSnapshotFile(this.dir, {
      log: options.log,
      explain: options.explain ?? (() => undefined),
      digests: this.digests,
      version: this.version,
      frameworks: this.frameworks,
      runtime: this.runtime,
    });
  }

  /** The opener a Project takes (ProjectOptions.factsCache). */
  get opener(): FactsCacheOpener {
    return (context) => this.open(context);
  }

  /** The store a Workspace takes (WorkspaceOptions.snapshots). */
  get snapshots(): SnapshotStore {
    return this.snapshot;
  }

  open(context: string): FactsCache {
    const digest = createHash('sha256').update(`${CACHE_FORMAT}\u0000${this.version}\u0000${this.frameworks}\u0000${this.runtime}\u0000${context}`).digest();
    const read = this.read();
    if (read.problem !== undefined) this.options.log(`crosswalk: the facts cache ${this.file} ${read.problem}`);
    this.session = new Session(digest, this.digests, read.loaded, read.writable, (m) => this.options.log(`crosswalk: the facts cache ${this.file} ${m}`));
    return this.session;
  }

  /**
   * Writes the findings snapshot kept since the last save, then the facts of the last scan (and earlier
   * ones, up to what the snapshot leaves of the cap), when it parsed any file. Never throws: a folder
   * that cannot be written is said in one log line.
   */
  async save(): Promise<void> {
    // The snapshot may take half the cap (a few MiB for the large benchmark catalogue's 16,744 findings).
    const taken = await this.snapshot.save(this.cap / 2);
    const cap = this.cap - taken;
    const s = this.session;
    this.session = undefined;
    if (!s || !s.writable || s.puts === 0) return;
    try {
      const generation = (s.loaded?.header.generation ?? 0) + 1;
      const enc = new FactsEncoder();
      const entries: Entry[] = [];
      let sliced = performance.now();
      const add = async (key: string, generation: number, value: unknown): Promise<boolean> => {
        if (enc.size >= cap) return false;
        try {
          entries.push({ key, generation, ...enc.encode(value) });
        } catch (e) {
          if (!(e instanceof Unencodable)) throw e; // that file is read again next time
        }
        if (performance.now() - sliced > SLICE_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          sliced = performance.now();
        }
        return true;
      };
      for (const [key, facts] of s.live) if (!(await add(key, generation, facts))) break;
      const current = entries.length;
      const old = s.loaded;
      if (old) {
        const unused = [...old.index.values()].filter((e) => !s.live.has(e.key)).sort((a, b) => b.generation - a.generation);
        for (const e of unused) {
          let value: unknown;
          try {
            value = old.decoder.decode(e.start, e.end);
          } catch {
            continue;
          }
          if (!(await add(e.key, e.generation, value))) break;
        }
      }
      await this.write(enc.parts(), entries, { generation, context: s.digest.toString('hex'), current });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      this.options.log(`crosswalk: cannot write the facts cache in ${this.dir} (${err.code ?? err.message}): the next start reads every file again`);
    }
  }

  private async write(parts: EncodedChunks, entries: Entry[], h: Pick<Header, 'generation' | 'context' | 'current'>): Promise<void> {
    const strings = Buffer.from(JSON.stringify(parts.strings), 'utf8');
    const header: Header = {
      format: CACHE_FORMAT,
      version: this.version,
      frameworks: this.frameworks,
      endian: endianness(),
      ...h,
      entries: entries.length,
      tokens: parts.tokenCount,
      floats: parts.floats.length,
      stringBytes: strings.length,
      shapes: parts.shapes,
    };
    const head = Buffer.from(JSON.stringify(header), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(head.length);
    const index = Buffer.alloc(entries.length * ENTRY_BYTES);
    entries.forEach((e, i) => {
      const at = i * ENTRY_BYTES;
      index.write(e.key, at, KEY_BYTES, 'latin1');
      index.writeUInt32LE(e.generation, at + KEY_BYTES);
      index.writeUInt32LE(e.start, at + KEY_BYTES + 4);
      index.writeUInt32LE(e.end, at + KEY_BYTES + 8);
    });
    const chunks = [
      MAGIC,
      length,
      head,
      index,
      ...parts.tokens.map((t) => Buffer.from(t.buffer, t.byteOffset, t.byteLength)),
      Buffer.from(parts.floats.buffer, parts.floats.byteOffset, parts.floats.byteLength),
      strings,
    ];
    // The checksum is taken a chunk at a time (4 MiB of tokens at most): hashing 20 MiB at once would hold the event loop for tens of milliseconds.
    await writeCacheFile(this.dir, CACHE_FILE, chunks);
  }

  /** The cache file, checked; or why it is not used (nothing when there is none yet). */
  private read(): { loaded?: Loaded; problem?: string; writable: boolean } {
    let stat;
    try {
      stat = lstatSync(this.file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? { writable: true } : { problem: `cannot be read (${code}): every file is read again`, writable: true };
    }
    if (stat.isDirectory()) return { problem: 'is a folder, not a file: it is neither read nor written; remove it to have files cached', writable: false };
    if (stat.isSymbolicLink()) return { problem: 'is a symbolic link: it is not followed; every file is read again, and the link replaced by the cache', writable: true };
    if (!stat.isFile()) return { problem: 'is not a regular file: it is neither read nor written', writable: false };
    const damaged = (why: string): { problem: string; writable: boolean } => ({ problem: `${why}: it is not used; every file is read again, and the cache written anew`, writable: true });
    if (stat.size > this.cap * 2) return damaged(`is larger than twice the cap of ${this.cap / 1048576} MiB`);
    let buf: Buffer;
    try {
      buf = readWhole(this.file);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      return { problem: `cannot be read (${err.code ?? err.message}): every file is read again`, writable: true };
    }
    const body = checkedBody(buf, MAGIC);
    if (body === 'foreign') return damaged('is not a Crosswalk facts cache');
    if (body === 'damaged') return damaged('is damaged or cut short (its checksum does not match)');
    try {
      const headLength = body.readUInt32LE(MAGIC.length);
      let at = MAGIC.length + 4;
      const header = JSON.parse(body.toString('utf8', at, (at += headLength))) as Header;
      if (header.format !== CACHE_FORMAT || header.version !== this.version || header.frameworks !== this.frameworks || header.endian !== endianness())
        return damaged(`was written by another version of Crosswalk or of its frameworks (${String(header.version)}, format ${String(header.format)})`);
      const counts = [header.entries, header.tokens, header.floats, header.stringBytes, header.generation, header.current];
      if (!counts.every((n) => Number.isSafeInteger(n) && n >= 0) || typeof header.context !== 'string') throw new Undecodable('a bad header');
      const need = at + header.entries * ENTRY_BYTES + header.tokens * 4 + header.floats * 8 + header.stringBytes;
      if (need !== body.length) throw new Undecodable('sections that do not fill the file');
      const index = new Map<string, Entry>();
      for (let i = 0; i < header.entries; i++, at += ENTRY_BYTES)
        index.set(body.toString('latin1', at, at + KEY_BYTES), {
          key: body.toString('latin1', at, at + KEY_BYTES),
          generation: body.readUInt32LE(at + KEY_BYTES),
          start: body.readUInt32LE(at + KEY_BYTES + 4),
          end: body.readUInt32LE(at + KEY_BYTES + 8),
        });
      // Copied into typed arrays of their own: the file's bytes need not be aligned for them.
      const tokens = new Int32Array(header.tokens);
      new Uint8Array(tokens.buffer).set(body.subarray(at, (at += header.tokens * 4)));
      const floats = new Float64Array(header.floats);
      new Uint8Array(floats.buffer).set(body.subarray(at, (at += header.floats * 8)));
      const strings = JSON.parse(body.toString('utf8', at, at + header.stringBytes)) as unknown;
      if (!Array.isArray(strings) || !strings.every((s) => typeof s === 'string')) throw new Undecodable('a bad string table');
      if (!Array.isArray(header.shapes)) throw new Undecodable('a bad shape table');
      return { loaded: { header, index, decoder: new FactsDecoder({ tokens, floats, strings, shapes: header.shapes }) }, writable: true };
    } catch (e) {
      return damaged(`is damaged (${e instanceof Undecodable ? e.message : (e as Error).message})`);
    }
  }
}

class Session implements FactsCache {
  readonly size: number;
  /** Facts of this scan, by key: those found and those put. */
  readonly live = new Map<string, FileFacts>();
  puts = 0;
  /** Keys of the files just looked up and not found, for put. */
  private readonly missed = new Map<string, string>();

  constructor(
    readonly digest: Buffer,
    private readonly digests: FileDigests,
    public loaded: Loaded | undefined,
    readonly writable: boolean,
    private readonly problem: (message: string) => void,
  ) {
    this.size = loaded && loaded.header.context === digest.toString('hex') ? loaded.header.current : 0;
  }

  get(path: string, text: string): FileFacts | undefined {
    const key = keyOf(this.digest, this.digests.take(path, text));
    const entry = this.loaded?.index.get(key);
    if (entry) {
      try {
        const facts = this.loaded!.decoder.decode(entry.start, entry.end);
        if (!isFactsOf(facts, path)) throw new Undecodable(`facts that are not ${path}'s`);
        this.live.set(key, facts);
        return facts;
      } catch (e) {
        // Checksummed, so this is a bug or a forged file: trust none of it.
        this.problem(`is damaged (${(e as Error).message}): it is not used; the files not yet read are read again, and the cache written anew`);
        this.loaded = undefined;
      }
    }
    this.missed.set(path, key);
    return undefined;
  }

  put(path: string, text: string, facts: FileFacts): void {
    const key = this.missed.get(path) ?? keyOf(this.digest, this.digests.take(path, text));
    this.missed.delete(path);
    this.live.set(key, facts);
    this.puts++;
  }
}

/**
 * A file's key: the digest of its path and text (fileDigests.ts) masked by the scan's digest, with no
 * second hash per file. Both are SHA-256 values: the keys of one context differ as the files' digests
 * do, and keys of two contexts would meet only by a coincidence of such values.
 */
function keyOf(digest: Buffer, file: Buffer): string {
  const key = Buffer.allocUnsafe(KEY_BYTES);
  for (let i = 0; i < KEY_BYTES; i++) key[i] = digest[i]! ^ file[i]!;
  return key.toString('latin1');
}

/** The shape a decoded value must have before a scan takes it as a file's facts. */
function isFactsOf(v: unknown, path: string): v is FileFacts {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Partial<FileFacts>;
  return f.path === path && typeof f.kind === 'string' && Array.isArray(f.entities) && Array.isArray(f.prose) && Array.isArray(f.findings) && typeof f.lines === 'number';
}
