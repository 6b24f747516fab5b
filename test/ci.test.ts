// The GitHub Actions recipe of docs/ci.md, step by step, against a scratch
// repository with two commits: SARIF with fingerprints, the Markdown diff
// appended to a job summary file, and --fail-on.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { gitRepo, removeScratch } from './helpers/gitRepo.ts';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');
after(removeScratch);

const CONTROL = (soc2: string): string => `controls:\n  - id: C-1\n    title: Access review\n    owner: IT\n    frequency: quarterly\n    evidence: [Export]\n    mappings:\n      soc2: [${soc2}]\n      iso27001: [A.5.15]\n`;

test('the workflow commands: sarif, diff to the job summary, fail-on', () => {
  const dir = gitRepo([
    { files: { 'crosswalk.yaml': 'version: 1\nframeworks:\n  soc2:\n    categories: [security]\n  iso27001:\n    edition: "2022"\n', 'controls/a.yaml': CONTROL('CC6.1') }, message: 'base' },
    { files: { 'controls/a.yaml': CONTROL('CC6.1, CC9.9') }, message: 'head' },
  ]);
  const run = (args: string[]): { status: number | null; stdout: string } => spawnSync(process.execPath, [CLI, ...args, '--today', '2026-11-24'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run(['check', '--format', 'sarif', '--output', 'crosswalk.sarif', '--fail-on', 'info']).status, 1);
  const sarif = JSON.parse(readFileSync(nodePath.join(dir, 'crosswalk.sarif'), 'utf8'));
  assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId), ['unknown-id']);
  assert.match(sarif.runs[0].results[0].partialFingerprints['crosswalk/v1'], /^[0-9a-f]{16}$/);
  const diff = run(['diff', 'HEAD~1', 'HEAD', '--format', 'markdown', '--fail-on', 'error']);
  const summary = nodePath.join(dir, 'summary.md');
  appendFileSync(summary, diff.stdout);
  assert.equal(diff.status, 1);
  assert.equal(readFileSync(summary, 'utf8').split('\n').slice(0, 3).join('\n'), '## Crosswalk: HEAD\\~1 → HEAD\n\n1 finding introduced, 0 findings fixed.');
  assert.equal(run(['diff', 'HEAD', 'HEAD', '--fail-on', 'error']).status, 0);
});
