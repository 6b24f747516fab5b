// Starts code-server (installed by e2e/install.sh) with a fresh profile, the
// packaged extension installed, no marketplace and no telemetry; returns its
// URL and a stop function that ends the whole process group. Also launches
// the headless browser that drives it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const HERE = import.meta.dirname;
export const CODE_SERVER = process.env.CODE_SERVER_BIN ?? join(HERE, '.code-server', 'node_modules', '.bin', 'code-server');

function freePort() {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });
}

export async function startCodeServer(run, { vsix, env = {}, settings = {} } = {}) {
  mkdirSync(join(run, 'data', 'User'), { recursive: true });
  writeFileSync(join(run, 'config.yaml'), 'auth: none\ncert: false\n');
  writeFileSync(
    join(run, 'data', 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'update.mode': 'none',
      'workbench.enableExperiments': false,
      'editor.hover.delay': 100,
      'workbench.tips.enabled': false,
      ...settings,
    }),
  );
  const args = ['--config', join(run, 'config.yaml'), '--user-data-dir', join(run, 'data'), '--extensions-dir', join(run, 'ext')];
  if (vsix) {
    const r = spawnSync(CODE_SERVER, [...args, '--install-extension', resolve(vsix)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`installing ${vsix} failed: ${r.stdout}${r.stderr}`);
  }
  const port = await freePort();
  const proc = spawn(
    CODE_SERVER,
    [...args, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'],
    {
      detached: true,
      env: { ...process.env, EXTENSIONS_GALLERY: '{"serviceUrl":""}', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  proc.stdout.on('data', (d) => (log += d));
  proc.stderr.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 120) throw new Error(`code-server did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    port,
    log: () => log,
    stop: () => {
      try {
        process.kill(-proc.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    },
  };
}

/** Debian's chromium, headless, with nothing that reaches the network on its own. CHROMIUM overrides the binary. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
