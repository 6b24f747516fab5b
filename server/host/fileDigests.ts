// One SHA-256 per file read, of its path and text (or of why it could not be
// read): the findings snapshot's key is made of them, and the facts cache's
// key of each file is taken from the same digest, so a warm start hashes each
// text once.
import { createHash } from 'node:crypto';

/** The digest of a file's path and text. */
export function textDigest(path: string, text: string): Buffer {
  return createHash('sha256').update(`T${path}\u0000`).update(text).digest();
}

/** The digest of a file's path and why it could not be read. */
export function errorDigest(path: string, error: string): Buffer {
  return createHash('sha256').update(`E${path}\u0000`).update(error).digest();
}

/** Digests taken as files are read, each kept until the facts cache asks for it. */
export class FileDigests {
  private readonly kept = new Map<string, { text: string; digest: Buffer }>();

  /** The digest of a read, kept for take(). */
  of(path: string, text: string): Buffer {
    const digest = textDigest(path, text);
    this.kept.set(path, { text, digest });
    return digest;
  }

  /** The digest of this path and text: the one taken when it was read, when it is the same text; else taken now. */
  take(path: string, text: string): Buffer {
    const k = this.kept.get(path);
    if (k === undefined) return textDigest(path, text);
    this.kept.delete(path);
    return k.text === text ? k.digest : textDigest(path, text);
  }

  clear(): void {
    this.kept.clear();
  }
}
