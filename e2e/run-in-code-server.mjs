// Runs extension tests inside code-server's real Node extension host: the web
// workbench takes --extensionDevelopmentPath and --extensionTestsPath as its
// `payload` and reports the result through window.codeAutomationExit (the
// hooks VS Code's own web test runner uses). Called by vscode-shim/code.
// Usage: node run-in-code-server.mjs <extension dir> <tests file> <folder>
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchChromium, startCodeServer } from './code-server.mjs';

const [dev, tests, folder] = process.argv.slice(2);
if (!dev || !tests || !folder) {
  console.error('usage: node run-in-code-server.mjs <extension dir> <tests file> <folder>');
  process.exit(2);
}
const run = mkdtempSync(join(tmpdir(), 'crosswalk-exthost-'));
const server = await startCodeServer(join(run, 'cs'));
const browser = await launchChromium();
let code = 1;
try {
  const page = await browser.newPage();
  const exited = new Promise((done) => void page.exposeFunction('codeAutomationExit', (c) => done(c)));
  await page.exposeFunction('codeAutomationLog', (_type, args) => console.log(format(...args)));
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(dev)],
    ['extensionTestsPath', remote(tests)],
  ];
  await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  code = await Promise.race([exited, new Promise((done) => setTimeout(() => done('timeout'), 180000))]);
  if (code === 'timeout') {
    console.error(`extension tests did not finish in 3 minutes\n${server.log()}`);
    code = 1;
  }
} finally {
  await browser.close();
  server.stop();
  rmSync(run, { recursive: true, force: true });
}
process.exit(code);
