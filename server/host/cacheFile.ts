// The files of the cache folder (facts.bin, findings.bin): each is read whole
// and carries a SHA-256 of all its bytes at its end, checked before anything
// in it is used; each is written to a temporary file beside it that is then
// renamed over it, so a reader sees the old file or the new one, never half.
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync, rmSync, promises as fs } from 'node:fs';
import { createHash } from 'node:crypto';
import * as nodePath from 'node:path';
import { holdTemporary } from './atomicWrite.ts';

const CHECKSUM_BYTES = 32;

/**
 * A cache file's bytes without its checksum, once its magic and checksum are checked; or what is
 * wrong: 'foreign' (not a file of this kind), 'damaged' (the checksum does not match: damaged or cut short).
 */
export function checkedBody(buf: Buffer, magic: Buffer): Buffer | 'foreign' | 'damaged' {
  if (buf.length < magic.length + 4 + CHECKSUM_BYTES || !buf.subarray(0, magic.length).equals(magic)) return 'foreign';
  const body = buf.subarray(0, buf.length - CHECKSUM_BYTES);
  const sum = createHash('sha256').update(body).digest();
  return sum.equals(buf.subarray(buf.length - CHECKSUM_BYTES)) ? body : 'damaged';
}

/**
 * Writes `chunks` and their checksum as `name` in `dir`, through a temporary file renamed over it.
 * The checksum is taken a chunk at a time, between which the event loop runs.
 */
export async function writeCacheFile(dir: string, name: string, chunks: Buffer[]): Promise<void> {
  const hash = createHash('sha256');
  for (const c of chunks) {
    hash.update(c);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const all = [...chunks, hash.digest()];
  await fs.mkdir(dir, { recursive: true });
  const tmp = nodePath.join(dir, `.${name}.${process.pid}.${Date.now()}.${temporaries++}.tmp`);
  const release = holdTemporary(tmp);
  // The server may be told to exit while it writes: no temporary file is left behind.
  const onExit = (): void => rmSync(tmp, { force: true });
  process.once('exit', onExit);
  try {
    const handle = await fs.open(tmp, 'wx', 0o600);
    try {
      await handle.writev(all);
    } finally {
      await handle.close();
    }
    // A symbolic link in its place is replaced, not followed.
    await fs.rename(tmp, nodePath.join(dir, name));
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  } finally {
    process.off('exit', onExit);
    release();
  }
}

let temporaries = 0;

/** The whole file, not through a link that replaced it since it was looked at. */
export function readWhole(file: string): Buffer {
  const fd = openSync(file, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Error('not a regular file');
    const size = stat.size;
    const buf = Buffer.allocUnsafe(size);
    let n = 0;
    while (n < size) {
      const got = readSync(fd, buf, n, size - n, n);
      if (got === 0) break;
      n += got;
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}
