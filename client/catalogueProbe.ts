// Whether a workspace folder may hold a catalogue, looked up before anything
// starts: a crosswalk.yaml at its root, or a policies/ or controls/ folder
// with something in it, at most MAX_DEPTH folders down. These are the folders
// the engine's layout detection (knowledge/config/detect.ts) chooses from (a
// comply project and JupiterOne's templates have a policies/ folder too), so
// the server starts exactly where `crosswalk check` would find a catalogue (or
// say that several qualify). Only folder listings are read, never a whole tree.

/** One directory entry: its name and whether it is a folder. */
export type Entry = readonly [name: string, isFolder: boolean];
/** Lists a folder given by its path inside the workspace folder ('' for the root); undefined when it cannot be read. */
export type ReadFolder = (path: string) => Promise<readonly Entry[] | undefined>;

export const CONFIG_FILE = 'crosswalk.yaml';
/** The catalogue's root may be this many folders below the workspace folder (detect.ts MAX_DEPTH). */
const MAX_DEPTH = 3;
const CATALOGUE_FOLDERS = new Set(['policies', 'controls']);
/** Never searched, as the file listing skips them (server/host/nodeFiles.ts). */
const SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);
/** Folder listings read at most: a huge unrelated tree stops the probe, not the editor. */
const MAX_READS = 400;

/** The reason a folder may hold a catalogue (for the log), or undefined. */
export async function catalogueHint(read: ReadFolder): Promise<string | undefined> {
  let reads = 0;
  const list = async (path: string): Promise<readonly Entry[]> => {
    if (reads++ >= MAX_READS) return [];
    return (await read(path)) ?? [];
  };
  let level: string[] = [''];
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      const entries = await list(dir);
      if (depth === 0 && entries.some(([name, isFolder]) => name === CONFIG_FILE && !isFolder)) return CONFIG_FILE;
      for (const [name, isFolder] of entries) {
        if (!isFolder || SKIPPED.has(name)) continue;
        const path = dir === '' ? name : `${dir}/${name}`;
        if (CATALOGUE_FOLDERS.has(name) && (await holdsAFile(list, path))) return `${path}/`;
        next.push(path);
      }
    }
    level = next;
  }
  return undefined;
}

/** Whether a folder has a file somewhere inside (the detection sees folders through the files in them). */
async function holdsAFile(list: (path: string) => Promise<readonly Entry[]>, path: string): Promise<boolean> {
  const entries = await list(path);
  if (entries.some(([, isFolder]) => !isFolder)) return true;
  for (const [name, isFolder] of entries) if (isFolder && !SKIPPED.has(name) && (await holdsAFile(list, `${path}/${name}`))) return true;
  return false;
}
