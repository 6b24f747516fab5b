// Finds and reads the framework catalogues shipped with Crosswalk
// (frameworks/*.yaml next to the bundle or the sources). The build also
// writes them, already read, to frameworks.json beside the bundles: parsing
// the YAML cost over a tenth of a second at every start. That file is used only
// while it matches the YAML files byte for byte (a digest of them).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundledData, DataFile } from '../core/engine/project.ts';
import type { Crosswalk, Framework } from '../core/knowledge/frameworks/model.ts';
import { loadCrosswalk, loadFramework } from '../core/knowledge/frameworks/load.ts';

export const COMPILED_FRAMEWORKS = 'frameworks.json';

interface Compiled {
  digest: string;
  /** `source` holds the file name; the reader makes it a full path again. */
  frameworks: Framework[];
  crosswalks: Crosswalk[];
}

function here(): string {
  // The esbuild bundles are CommonJS (__dirname); the sources run as ES modules.
  return typeof __dirname === 'string' ? __dirname : nodePath.dirname(fileURLToPath(import.meta.url));
}

export function frameworksDir(): string {
  for (let dir = here(), i = 0; i < 6; i++, dir = nodePath.dirname(dir)) {
    const candidate = nodePath.join(dir, 'frameworks');
    if (existsSync(nodePath.join(candidate, 'soc2-tsc-2017.yaml'))) return candidate;
  }
  throw new Error(`cannot find Crosswalk's bundled framework catalogues near ${here()}: the installation is incomplete; reinstall Crosswalk`);
}

let cached: BundledData | undefined;

export function readBundled(): BundledData {
  if (cached) return cached;
  const data = readFrameworkFiles(frameworksDir());
  const compiled = readCompiled(nodePath.join(here(), COMPILED_FRAMEWORKS), data);
  if (compiled) data.loaded = compiled;
  cached = data;
  return data;
}

/** The YAML files of a frameworks/ folder, as text. */
export function readFrameworkFiles(dir: string): BundledData {
  const data: BundledData = { frameworks: [], crosswalks: [] };
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()) {
    const file = { path: nodePath.join(dir, name), text: readFileSync(nodePath.join(dir, name), 'utf8') };
    (name.startsWith('crosswalk-') ? data.crosswalks : data.frameworks).push(file);
  }
  return data;
}

const digests = new WeakMap<BundledData, string>();

function digest(data: BundledData): string {
  let known = digests.get(data);
  if (known !== undefined) return known;
  const hash = createHash('sha256');
  for (const f of [...data.frameworks, ...data.crosswalks]) hash.update(`${nodePath.basename(f.path)}\u0000${f.text}\u0000`);
  digests.set(data, (known = hash.digest('hex')));
  return known;
}

/** The digest of the bundled framework files: facts read with other frameworks are not reused. */
export function bundledDigest(): string {
  return digest(readBundled());
}

/** The compiled frameworks, when the file exists and was made from exactly these YAML files. */
export function readCompiled(file: string, data: BundledData): BundledData['loaded'] {
  let compiled: Compiled;
  try {
    compiled = JSON.parse(readFileSync(file, 'utf8')) as Compiled;
  } catch {
    return undefined; // not built (running from the sources) or unreadable: parse the YAML
  }
  if (compiled.digest !== digest(data)) return undefined;
  const dir = nodePath.dirname(data.frameworks[0]?.path ?? '');
  const full = <T extends { source: string }>(x: T): T => ({ ...x, source: nodePath.join(dir, x.source) });
  return { frameworks: compiled.frameworks.map(full), crosswalks: compiled.crosswalks.map(full) };
}

/** What the build writes to frameworks.json: the bundled YAML files, read, with their digest. */
export function compileFrameworks(data: BundledData): string {
  const named = (f: DataFile): DataFile => ({ path: nodePath.basename(f.path), text: f.text });
  const compiled: Compiled = {
    digest: digest(data),
    frameworks: data.frameworks.map(named).map((f) => loadFramework(f.text, f.path)),
    crosswalks: data.crosswalks.map(named).map((f) => loadCrosswalk(f.text, f.path)),
  };
  return JSON.stringify(compiled);
}

/** Today's date in local time, YYYY-MM-DD; `d`: the clock's reading (tests move it). */
export function today(d: Date = new Date()): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
