// Facts kept from an earlier scan, so that a start on an unchanged catalogue
// reads its files but parses none of them. The host stores them (on disk, by
// a hash of each file's path and text under the scan's reading context); the
// core only asks and hands over.
import type { FileFacts } from '../model/facts.ts';

export interface FactsCache {
  /** How many facts it holds under this reading context: a scan expecting to parse few files keeps to one thread. */
  readonly size: number;
  /** The facts stored for exactly this path and text, or undefined. */
  get(path: string, text: string): FileFacts | undefined;
  /** Facts just read from this text; stored later, by the host, off the scan's path. */
  put(path: string, text: string, facts: FileFacts): void;
}

/**
 * Opens the host's cache for one reading context: everything besides a file's
 * own path and text that its facts depend on (Project.readingContext), as one
 * string the host folds into every key.
 */
export type FactsCacheOpener = (context: string) => FactsCache | undefined;
