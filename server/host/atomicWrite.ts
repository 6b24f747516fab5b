import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';

/**
 * Writes a whole file or nothing: the text goes to a temporary file beside
 * the target, then replaces it with a rename, so an interrupted run never
 * leaves half a file (or an emptied one) behind.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const dir = nodePath.dirname(path);
  const tmp = nodePath.join(dir, `.${nodePath.basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let mode: number | undefined;
  try {
    mode = (await fs.stat(path)).mode;
  } catch {
    mode = undefined;
  }
  try {
    await fs.writeFile(tmp, text, { encoding: 'utf8', flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}
