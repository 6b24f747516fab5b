// `crosswalk init [dir]`: writes a commented crosswalk.yaml describing what
// Crosswalk finds in the folder, and never replaces one that exists.
import { promises as fs } from 'node:fs';
import * as nodePath from 'node:path';
import { CONFIG_FILE } from '../core/knowledge/config/config.ts';
import { proposeConfig } from '../core/queries/initConfig.ts';
import { findDocumentFolders } from '../core/queries/documentFolders.ts';
import { NodeFileSource } from '../host/nodeFiles.ts';
import { today } from '../host/bundled.ts';
import { openSession } from './analyseSource.ts';
import { failer, notADirectory, usageFailure, type Io } from './io.ts';

export const INIT_USAGE = `Usage: crosswalk init [dir]

Writes dir/crosswalk.yaml (dir defaults to the current directory) from what Crosswalk finds there:
the layout (a comply project, or policies/ and controls/ folders; with no policies there, the
folders whose Markdown documents name framework ids), the frameworks and SOC 2 categories the
documents map, and keys that hold framework ids under names of their own. Every setting is
commented. An existing crosswalk.yaml is never replaced.`;

export async function runInit(argv: readonly string[], io: Io): Promise<number> {
  const fail = failer(io);
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout(`${INIT_USAGE}\n`);
    return 0;
  }
  const unknown = argv.find((a) => a.startsWith('-'));
  if (unknown !== undefined) return usageFailure(io, `unknown option '${unknown}' for init`, INIT_USAGE, false);
  if (argv.length > 1) return fail(`unexpected argument '${argv[1]}': give one directory`);
  const dir = argv[0] ?? '.';
  const notDir = await notADirectory(dir);
  if (notDir !== undefined) return fail(notDir);
  const target = nodePath.join(dir, CONFIG_FILE);
  if (
    await fs.lstat(target).then(
      () => true,
      () => false,
    )
  )
    return fail(`${target} already exists: init never replaces it (edit it, or remove it and run init again)`);

  const project = await openSession(new NodeFileSource(dir), today());
  if (project.config.ambiguous) return fail(`several catalogues in '${dir}' (${project.config.ambiguous.join(', ')}): run 'crosswalk init' in the one to describe`);
  const text = proposeConfig(project, undefined, await findDocumentFolders(project));
  // Written beside the target, then linked into place: the link fails if a crosswalk.yaml appeared meanwhile.
  const tmp = nodePath.join(dir, `.${CONFIG_FILE}.${process.pid}.tmp`);
  try {
    await fs.writeFile(tmp, text, { encoding: 'utf8', flag: 'wx' });
    await fs.link(tmp, target);
  } catch (e) {
    const exists = (e as NodeJS.ErrnoException).code === 'EEXIST';
    return fail(exists ? `${target} already exists: init never replaces it` : `cannot write ${target}: ${(e as Error).message}`);
  } finally {
    await fs.rm(tmp, { force: true });
  }
  io.stdout(`wrote ${target}:\n\n${text}`);
  return 0;
}
