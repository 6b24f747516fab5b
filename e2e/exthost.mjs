// Extension-host tests (mocha, the real `vscode` API) through
// @vscode/test-electron's runner, pointed at vscode-shim/code, which runs
// them in code-server. The workspace is a copy of examples/acme.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { runTests } from '@vscode/test-electron';

const ROOT = resolve(import.meta.dirname, '..');
const tests = join(import.meta.dirname, '.build', 'exthost', 'index.cjs');
await build({
  entryPoints: [join(import.meta.dirname, 'exthost', 'index.ts')],
  outfile: tests,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
const ws = join(mkdtempSync(join(tmpdir(), 'crosswalk-exthost-ws-')), 'acme');
cpSync(join(ROOT, 'examples', 'acme'), ws, { recursive: true });
let status = 0;
try {
  await runTests({
    vscodeExecutablePath: join(import.meta.dirname, 'vscode-shim', 'code'),
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: tests,
    launchArgs: [ws],
    extensionTestsEnv: { CROSSWALK_TODAY: '2026-11-24' },
  });
  console.log('extension host tests: passed');
} catch (e) {
  console.error(`extension host tests: ${e instanceof Error ? e.message : String(e)}`);
  status = 1;
} finally {
  rmSync(resolve(ws, '..'), { recursive: true, force: true });
}
process.exit(status);
