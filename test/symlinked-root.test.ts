// A repository reached through a symlinked path (`crosswalk check ./link`, or a
// workspace under a linked /tmp): links inside it stay inside, and files named
// by their real path belong to it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { NodeFileSource } from '../server/host/nodeFiles.ts';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');
const GOOD = 'id: C-1\ntitle: Access review\nowner: IT\nfrequency: quarterly\nevidence: [Export]\nmappings:\n  soc2: [CC6.1]\n  iso27001: [A.5.15]\n';

const base = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-link-'));
after(() => rmSync(base, { recursive: true, force: true }));

test('through a symlinked root, an in-repository link is read and real paths map to the repository', async () => {
  const repo = nodePath.join(base, 'repo');
  mkdirSync(nodePath.join(repo, 'controls'), { recursive: true });
  mkdirSync(nodePath.join(repo, 'shared'));
  writeFileSync(nodePath.join(repo, 'shared/access.yaml'), GOOD.replace('CC6.1', 'CC6.99'));
  symlinkSync('../shared/access.yaml', nodePath.join(repo, 'controls/access.yaml'));
  const link = nodePath.join(base, 'link');
  symlinkSync(repo, link);

  const r = spawnSync(process.execPath, [CLI, 'check', link], { encoding: 'utf8' });
  assert.deepEqual([r.status, r.stdout], [1, "controls/access.yaml:7:10: error unknown-id: unknown SOC 2 id 'CC6.99'; did you mean CC6.8, CC6.7 or CC6.6?\n1 error in 1 of 1 file\n"]);

  const source = new NodeFileSource(link);
  assert.equal(source.relative(nodePath.join(realpathSync(repo), 'controls', 'new.yaml')), 'controls/new.yaml');
  assert.equal(source.relative(nodePath.join(link, 'controls', 'new.yaml')), 'controls/new.yaml');
  assert.equal(source.relative(nodePath.join(base, 'elsewhere.yaml')), undefined);
});
