// The CI recipes of docs/ci.md against scratch repositories with two commits:
// the GitHub Actions steps (SARIF with fingerprints, the Markdown diff
// appended to a job summary file, --fail-on) and the GitLab job's script as
// the page writes it (the Code Quality report, the diff failing the job).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { devNull } from 'node:os';
import * as nodePath from 'node:path';
import { parse as parseYaml } from 'yaml';
import { gitIn, gitRepo, removeScratch, scratchDir, writeFiles } from './helpers/gitRepo.ts';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');
after(removeScratch);

const CONFIG = 'version: 1\nframeworks:\n  soc2:\n    categories: [security]\n  iso27001:\n    edition: "2022"\n';
const CONTROL = (soc2: string): string =>
  `controls:\n  - id: C-1\n    title: Access review\n    owner: IT\n    frequency: quarterly\n    evidence: [Export]\n    mappings:\n      soc2: [${soc2}]\n      iso27001: [A.5.15]\n`;

test('the workflow commands: sarif, diff to the job summary, fail-on', () => {
  const dir = gitRepo([
    { files: { 'crosswalk.yaml': CONFIG, 'controls/a.yaml': CONTROL('CC6.1') }, message: 'base' },
    { files: { 'controls/a.yaml': CONTROL('CC6.1, CC9.9') }, message: 'head' },
  ]);
  const run = (args: string[]): { status: number | null; stdout: string } => spawnSync(process.execPath, [CLI, ...args, '--today', '2026-11-24'], { cwd: dir, encoding: 'utf8' });
  assert.equal(run(['check', '--format', 'sarif', '--output', 'crosswalk.sarif', '--fail-on', 'info']).status, 1);
  const sarif = JSON.parse(readFileSync(nodePath.join(dir, 'crosswalk.sarif'), 'utf8'));
  assert.deepEqual(
    sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId),
    ['unknown-id'],
  );
  assert.match(sarif.runs[0].results[0].partialFingerprints['crosswalk/v1'], /^[0-9a-f]{16}$/);
  const diff = run(['diff', 'HEAD~1', 'HEAD', '--format', 'markdown', '--fail-on', 'error']);
  const summary = nodePath.join(dir, 'summary.md');
  appendFileSync(summary, diff.stdout);
  assert.equal(diff.status, 1);
  assert.equal(readFileSync(summary, 'utf8').split('\n').slice(0, 3).join('\n'), '## Crosswalk: HEAD\\~1 → HEAD\n\n1 finding introduced, 0 findings fixed.');
  assert.equal(run(['diff', 'HEAD', 'HEAD', '--fail-on', 'error']).status, 0);
});

/** The GitLab job of docs/ci.md, parsed from the page, so the recipe cannot drift from what is run here. */
function gitlabJob(): { script: string[]; artifacts: { reports: { codequality: string } } } {
  const page = readFileSync(nodePath.resolve(import.meta.dirname, '../docs/ci.md'), 'utf8');
  const block = /## GitLab CI\n[\s\S]*?```yaml\n([\s\S]*?)```/.exec(page)?.[1];
  assert.ok(block, 'docs/ci.md has a yaml block under "## GitLab CI"');
  return (parseYaml(block) as { crosswalk: ReturnType<typeof gitlabJob> }).crosswalk;
}

/** Runs the job's script lines in order as GitLab's shell would, each stopping the job when it fails; npx resolves to the built bundle. */
function runGitlabScript(dir: string, script: string[]): Array<{ line: string; status: number | null }> {
  const bin = scratchDir('crosswalk-npx-');
  writeFileSync(nodePath.join(bin, 'npx'), `#!/bin/sh\n[ "$1" = crosswalk ] || exit 127\nshift\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(nodePath.join(bin, 'npx'), 0o755);
  const env = { ...process.env, PATH: `${bin}${nodePath.delimiter}${process.env.PATH ?? ''}`, CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: devNull };
  const ran: Array<{ line: string; status: number | null }> = [];
  // The package install is covered by test/package.test.ts; here npx runs this build.
  for (const line of script.filter((l) => !l.startsWith('npm install'))) {
    const r = spawnSync('sh', ['-c', line], { cwd: dir, env, encoding: 'utf8' });
    ran.push({ line, status: r.status });
    if (r.status !== 0) break;
  }
  return ran;
}

/** A merge request: a clone of `origin` (branch main, the base) with one more commit on a feature branch. */
function mergeRequest(head: Record<string, string>): string {
  const origin = gitRepo([{ files: { 'crosswalk.yaml': CONFIG, 'controls/a.yaml': CONTROL('CC6.1') }, message: 'base' }]);
  const dir = scratchDir('crosswalk-mr-');
  gitIn(dir, ['clone', '-q', origin, '.']);
  gitIn(dir, ['checkout', '-q', '-b', 'feature']);
  writeFiles(dir, head);
  gitIn(dir, ['commit', '-q', '-am', 'head']);
  return dir;
}

test('the GitLab CI job: a Code Quality report as its artifact, and the job fails when the merge request introduces an error', () => {
  const job = gitlabJob();
  assert.equal(job.artifacts.reports.codequality, 'gl-code-quality-report.json');
  const introduced = mergeRequest({ 'controls/a.yaml': CONTROL('CC6.1, CC9.9') });
  const ran = runGitlabScript(introduced, job.script);
  // The check's exit 1 does not stop the job; the diff's does.
  assert.deepEqual(
    ran.map((r) => r.status),
    [0, 0, 1],
  );
  assert.match(ran[2]!.line, /crosswalk diff "origin\/\$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" --fail-on error/);
  const report = JSON.parse(readFileSync(nodePath.join(introduced, job.artifacts.reports.codequality), 'utf8')) as Array<Record<string, unknown>>;
  assert.deepEqual(
    report.map((i) => [i['check_name'], i['severity'], i['location']]),
    [['unknown-id', 'major', { path: 'controls/a.yaml', lines: { begin: 8 } }]],
  );
  assert.match(String(report[0]!['fingerprint']), /^[0-9a-f]{16}$/);

  const fine = mergeRequest({ 'controls/a.yaml': CONTROL('CC6.1, CC6.2') });
  assert.deepEqual(
    runGitlabScript(fine, job.script).map((r) => r.status),
    [0, 0, 0],
  );
  assert.equal(readFileSync(nodePath.join(fine, 'gl-code-quality-report.json'), 'utf8'), '[]\n');

  // No catalogue: the check cannot run, and the job stops there instead of uploading nothing.
  const empty = scratchDir('crosswalk-empty-');
  // (`[ 2 -eq 1 ]` is false: the line exits 1.)
  assert.deepEqual(
    runGitlabScript(empty, job.script).map((r) => r.status),
    [1],
  );
  assert.equal(existsSync(nodePath.join(empty, 'gl-code-quality-report.json')), false);
  assert.equal(spawnSync(process.execPath, [CLI, 'check', '--format', 'codequality'], { cwd: empty }).status, 2);
});
