// Bundles the CLI, the language server and the VS Code client with esbuild.
// Everything becomes CommonJS with its dependencies inlined, so the .vsix and
// the CLI need no node_modules at run time.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

// What the bundles are built from: the server's sources and the locked dependencies. The facts
// cache is keyed by it, so a build that reads files differently never trusts another's facts.
const sources = readdirSync('server', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .sort()
  .map((f) => join('server', f));
const buildDigest = createHash('sha256');
for (const f of [...sources, 'package-lock.json']) buildDigest.update(`${f}\u0000`).update(readFileSync(f)).update('\u0000');
const BUILD = buildDigest.digest('hex').slice(0, 16);

const entries = [
  { in: 'server/cli/bin.ts', out: 'dist/cli.cjs', banner: '#!/usr/bin/env node' },
  { in: 'server/lsp/main.ts', out: 'dist/server.cjs', banner: '#!/usr/bin/env node' },
  // The second thread of a scan, started by the CLI and the server (server/host/workerTrees.ts).
  { in: 'server/host/yamlWorker.ts', out: 'dist/yamlWorker.cjs' },
  { in: 'client/extension.ts', out: 'dist/extension.cjs', external: ['vscode'] },
];

const production = process.argv.includes('--production');
await Promise.all(
  entries
    .filter((e) => existsSync(e.in))
    .map((e) =>
      build({
        entryPoints: [e.in],
        outfile: e.out,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        sourcemap: production ? false : 'linked',
        minify: production,
        external: e.external ?? [],
        banner: { js: `${e.banner ? `${e.banner}\n` : ''}const __importMetaUrl = require('url').pathToFileURL(__filename).href;` },
        define: { 'import.meta.url': '__importMetaUrl', __CROSSWALK_BUILD__: JSON.stringify(BUILD) },
        logLevel: 'warning',
      }),
    ),
);

// The frameworks, already read, beside the bundles: saves parsing their YAML at every start.
const compiled = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/compile-frameworks.ts', 'dist/frameworks.json'], { stdio: 'inherit' });
if (compiled.status !== 0) throw new Error('compiling frameworks/*.yaml to dist/frameworks.json failed');
