// Finds and reads the framework catalogues shipped with Crosswalk
// (frameworks/*.yaml next to the bundle or the sources).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundledData } from '../core/engine/project.ts';

function here(): string {
  // The esbuild bundles are CommonJS (__dirname); the sources run as ES modules.
  return typeof __dirname === 'string' ? __dirname : nodePath.dirname(fileURLToPath(import.meta.url));
}

export function frameworksDir(): string {
  for (let dir = here(), i = 0; i < 6; i++, dir = nodePath.dirname(dir)) {
    const candidate = nodePath.join(dir, 'frameworks');
    if (existsSync(nodePath.join(candidate, 'soc2-tsc-2017.yaml'))) return candidate;
  }
  throw new Error(`cannot find the bundled frameworks/ folder near ${here()}; the installation is incomplete`);
}

let cached: BundledData | undefined;

export function readBundled(): BundledData {
  if (cached) return cached;
  const dir = frameworksDir();
  const data: BundledData = { frameworks: [], crosswalks: [] };
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const file = { path: nodePath.join(dir, name), text: readFileSync(nodePath.join(dir, name), 'utf8') };
    (name.startsWith('crosswalk-') ? data.crosswalks : data.frameworks).push(file);
  }
  cached = data;
  return data;
}

/** Today's date in local time, YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
