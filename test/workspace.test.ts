// The core's workspace session, driven as a host would: open, edit, close,
// disk changes and configuration reloads, and only changed files published.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, type WorkspaceHost } from '../server/core/engine/workspace.ts';
import { readBundled } from '../server/host/bundled.ts';
import { MemoryFiles, TODAY } from './helpers/memory.ts';

const GOOD = 'id: C-1\ntitle: Access review\nowner: IT\nfrequency: quarterly\nevidence: [Export]\nmappings:\n  soc2: [CC6.1]\n  iso27001: [A.5.15]\n';

function session(files: Record<string, string>): { ws: Workspace; disk: MemoryFiles & { exists(p: string): Promise<boolean> }; log: string[] } {
  const disk = Object.assign(new MemoryFiles(files), { exists: async (p: string) => disk.files.has(p) });
  const log: string[] = [];
  const host: WorkspaceHost = {
    publish: (changes) => log.push(...changes.map((c) => `publish ${c.path}: ${c.findings.map((f) => f.rule).join(', ') || 'clear'}`)),
    editsWaiting: () => log.push('edits waiting'),
    reloadWanted: () => log.push('reload wanted'),
    loaded: (p) => log.push(`loaded ${p.fileCount()} files`),
    changed: () => {},
    log: (m) => log.push(`log ${m}`),
  };
  return { ws: new Workspace(disk, { bundled: readBundled(), today: TODAY }, host), disk, log };
}

test('a session publishes each file with findings once, then only the files an edit changes', async () => {
  const { ws, log } = session({ 'controls/a.yaml': GOOD, 'controls/b.yaml': GOOD.replace('C-1', 'C-2').replace('CC6.1', 'CC6.99') });
  await ws.load();
  assert.deepEqual(log.splice(0), ['publish controls/b.yaml: unknown-id', 'loaded 2 files']);
  ws.edited('controls/a.yaml', GOOD.replace('owner: IT\n', ''));
  assert.deepEqual(log.splice(0), ['edits waiting']);
  await ws.applyEdits();
  assert.deepEqual(log.splice(0), ['publish controls/a.yaml: missing-owner']);
  // The same text again changes nothing, so nothing is published.
  ws.edited('controls/a.yaml', GOOD.replace('owner: IT\n', ''));
  await ws.applyEdits();
  assert.deepEqual(log.splice(0), ['edits waiting']);
  // Closing an unsaved document goes back to the disk's text, which clears the finding.
  await ws.closed('controls/a.yaml');
  await ws.applyEdits();
  assert.deepEqual(log.splice(0), ['edits waiting', 'publish controls/a.yaml: clear']);
});

test('a session asks for a reload when crosswalk.yaml changes, and reloads with the editor text', async () => {
  const { ws, log } = session({ 'controls/a.yaml': GOOD.replace('CC6.1', 'P4.2') });
  await ws.load();
  log.splice(0);
  ws.edited('crosswalk.yaml', 'frameworks:\n  soc2:\n    categories: [security]\n  iso27001: {}\n');
  assert.deepEqual(log.splice(0), ['reload wanted']);
  await ws.reload();
  assert.deepEqual(log.splice(0), ['publish controls/a.yaml: out-of-scope-id', 'loaded 1 files']);
});

test("a session asks for a reload when JupiterOne's config.json changes, and the reload titles documents by its names", async () => {
  const list = (name: string): string => JSON.stringify({ procedures: [{ id: 'cp-notices', name }] });
  const { ws, log } = session({
    'templates/config.json': list('Privacy Statement'),
    'templates/policies/people.md.tmpl': '# People\n',
    'templates/procedures/cp-notices.md.tmpl': '### Customer Notices\n',
    'templates/ref/privacy.md.tmpl': '## Privacy Statement\n',
    'templates/standards/controls-mapping.json': '{"procedures": []}\n',
  });
  await ws.load();
  assert.deepEqual(log.splice(0), ['publish templates/procedures/cp-notices.md.tmpl: duplicate-policy', 'publish templates/ref/privacy.md.tmpl: duplicate-policy', 'loaded 5 files']);
  ws.edited('templates/config.json', list('Customer Notices'));
  assert.deepEqual(log.splice(0), ['reload wanted']);
  await ws.reload();
  assert.deepEqual(log.splice(0), ['publish templates/procedures/cp-notices.md.tmpl: clear', 'publish templates/ref/privacy.md.tmpl: clear', 'loaded 5 files']);
});

test('a file that exists but cannot be read is reported; one that is gone leaves the catalogue', async () => {
  const { ws, disk, log } = session({ 'controls/a.yaml': GOOD, 'controls/b.yaml': GOOD.replace('C-1', 'C-2') });
  await ws.load();
  log.splice(0);
  const read = disk.read.bind(disk);
  disk.read = async (p: string) => (p === 'controls/b.yaml' ? Promise.reject(new Error('permission denied')) : read(p));
  await ws.diskChanged('controls/b.yaml', false);
  assert.deepEqual(log.splice(0), ['publish controls/b.yaml: unreadable-file']);
  disk.files.delete('controls/b.yaml');
  await ws.diskChanged('controls/b.yaml', true);
  await ws.applyEdits();
  assert.deepEqual(log.splice(0), ['edits waiting', 'publish controls/b.yaml: clear']);
  assert.equal((await ws.project()).fileCount(), 1);
});
