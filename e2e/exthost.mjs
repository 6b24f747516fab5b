// Runs the mocha suites of e2e/exthost inside code-server's real Node
// extension host: the web workbench takes --extensionDevelopmentPath and
// --extensionTestsPath as its `payload`, and reports the result through
// window.codeAutomationExit (the hooks VS Code's own web test runner uses).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { startCodeServer } from './code-server.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const out = join(import.meta.dirname, '.build', 'exthost', 'index.cjs');
await build({ entryPoints: [join(import.meta.dirname, 'exthost', 'index.ts')], outfile: out, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], logLevel: 'warning' });

const run = mkdtempSync(join(tmpdir(), 'crosswalk-exthost-'));
const ws = join(run, 'acme');
cpSync(join(ROOT, 'examples', 'acme'), ws, { recursive: true });
const server = await startCodeServer(join(run, 'cs'), { env: { CROSSWALK_TODAY: '2026-11-24' } });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
let code = 1;
try {
  const page = await browser.newPage();
  const exited = new Promise((done) => {
    page.exposeFunction('codeAutomationExit', (c) => done(c));
  });
  await page.exposeFunction('codeAutomationLog', (type, args) => console.log(format(...args)));
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(out)],
  ];
  await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  code = await Promise.race([exited, new Promise((done) => setTimeout(() => done('timeout'), 180000))]);
  if (code === 'timeout') {
    console.error(`extension-host tests did not finish in 3 minutes\n${server.log()}`);
    code = 1;
  }
} finally {
  await browser.close();
  server.stop();
  rmSync(run, { recursive: true, force: true });
}
console.log(`extension host tests: exit ${code}`);
process.exit(code);
