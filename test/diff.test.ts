// `crosswalk diff` on scratch repositories with known changes: the exact
// findings introduced and fixed and the coverage moves, in each format;
// nothing the repository's git configuration names is ever run.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import * as nodePath from 'node:path';
import { gitIn, gitRepo, removeScratch, scratchDir, writeFiles } from './helpers/gitRepo.ts';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');
after(removeScratch);

function cli(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const CONFIG = 'version: 1\nframeworks:\n  soc2:\n    categories: [security]\n  iso27001:\n    edition: "2022"\n';
const control = (soc2: string, iso: string, header = ''): string =>
  `${header}controls:\n  - id: C-1\n    title: Access review\n    owner: IT\n    frequency: quarterly\n    evidence: [Export]\n    mappings:\n      soc2: [${soc2}]\n      iso27001: [${iso}]\n`;

const BASE = { 'crosswalk.yaml': CONFIG, 'controls/access.yaml': control('CC6.1, CC9.9', 'A.5.15, A.9.2.3') };
// Lines added above; CC6.1 dropped (its last control), CC9.9 corrected to CC9.2, a new unknown id, four ISO controls added.
const HEAD = { 'controls/access.yaml': control('CC9.2, CC6.9', 'A.5.15, A.9.2.3, A.5.23, A.5.19, A.5.20, A.5.21', '# Access controls.\n\n') };

function twoCommits(): string {
  return gitRepo([
    { files: BASE, message: 'base' },
    { files: HEAD, message: 'head' },
  ]);
}

const TEXT = `crosswalk diff HEAD~1..HEAD: 1 finding introduced, 1 finding fixed

Introduced:
  + controls/access.yaml:10:21: error unknown-id: unknown SOC 2 id 'CC6.9'; did you mean CC6.8, CC6.7 or CC6.6?

Fixed:
  - controls/access.yaml:8:21: error unknown-id: unknown SOC 2 id 'CC9.9'; did you mean CC9.2, CC9.1 or CC6.8?

SOC 2: 1 -> 1 of 33 applicable requirements covered (3% -> 3%)
  moves 1 SOC 2 requirement from covered to gap
  moves 1 SOC 2 requirement from gap to covered
  CC6.1: removes the last control covering CC6.1
  CC9.2: adds CC9.2 (covered by C-1)
ISO 27001: 1 -> 5 of 123 applicable requirements covered (0.8% -> 4.1%)
  moves 4 ISO 27001 requirements from gap to covered
  A.5.19: adds A.5.19 (covered by C-1)
  A.5.20: adds A.5.20 (covered by C-1)
  A.5.21: adds A.5.21 (covered by C-1)
  A.5.23: adds A.5.23 (covered by C-1)
`;

test('diff between two commits: findings introduced and fixed, coverage per framework and requirement', () => {
  const dir = twoCommits();
  const r = cli(['diff', 'HEAD~1', 'HEAD', '--today', '2026-11-24'], dir);
  assert.deepEqual(r, { code: 1, stdout: TEXT, stderr: '' });
  // The legacy id moved two lines down and gained neighbours: the same finding, neither introduced nor fixed.
  assert.equal(cli(['diff', 'HEAD~1', 'HEAD', '--fail-on', 'error', '--today', '2026-11-24'], dir).code, 1);
  assert.equal(cli(['diff', 'HEAD', 'HEAD', '--today', '2026-11-24'], dir).stdout, 'crosswalk diff HEAD..HEAD: 0 findings introduced, 0 findings fixed\n\nCoverage: no change.\n');
  assert.equal(cli(['diff', 'HEAD', 'HEAD', '--today', '2026-11-24'], dir).code, 0);
});

test('diff against the working tree by default, as JSON', () => {
  const dir = gitRepo([{ files: BASE, message: 'base' }]);
  writeFiles(dir, HEAD);
  const r = cli(['diff', 'main', '--format', 'json', '--today', '2026-11-24'], dir);
  assert.equal(r.code, 1, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.head, 'working tree');
  assert.deepEqual(
    out.introduced.map((f: { path: string; line: number; rule: string }) => `${f.path}:${f.line} ${f.rule}`),
    ['controls/access.yaml:10 unknown-id'],
  );
  assert.deepEqual(
    out.fixed.map((f: { path: string; line: number; rule: string }) => `${f.path}:${f.line} ${f.rule}`),
    ['controls/access.yaml:8 unknown-id'],
  );
  assert.match(out.introduced[0].fingerprint, /^[0-9a-f]{16}$/);
  assert.deepEqual(
    out.coverage.map((c: { framework: string; requirements: Array<{ id: string; from: string; to: string; before: string[]; after: string[] }> }) => [
      c.framework,
      c.requirements.map((x) => `${x.id} ${x.from}->${x.to} [${x.before}] -> [${x.after}]`),
    ]),
    [
      ['soc2', ['CC6.1 covered->gap [C-1] -> []', 'CC9.2 gap->covered [] -> [C-1]']],
      ['iso27001', ['A.5.19 gap->covered [] -> [C-1]', 'A.5.20 gap->covered [] -> [C-1]', 'A.5.21 gap->covered [] -> [C-1]', 'A.5.23 gap->covered [] -> [C-1]']],
    ],
  );
  assert.deepEqual(out.coverage[1].moves, [{ from: 'gap', to: 'covered', count: 4, summary: 'moves 4 ISO 27001 requirements from gap to covered' }]);
});

test('diff as Markdown for a job summary: the table, the requirements and the findings, escaped', () => {
  const dir = gitRepo([
    { files: BASE, message: 'base' },
    { files: { 'controls/access.yaml': control('CC9.2, CC6.9', 'A.5.15, A.9.2.3').replace('title: Access review', 'title: Access review') }, message: 'head' },
  ]);
  const r = cli(['diff', 'HEAD~1', 'HEAD', '--format', 'markdown', '--today', '2026-11-24'], dir);
  assert.equal(
    r.stdout,
    `## Crosswalk: HEAD\\~1 → HEAD

1 finding introduced, 1 finding fixed.

| Framework | Covered before | Covered after | Change |
|---|---:|---:|---|
| SOC 2 | 1 (3%) | 1 (3%) | moves 1 SOC 2 requirement from covered to gap; moves 1 SOC 2 requirement from gap to covered |

### Coverage: SOC 2

- **CC6.1** Logical access security software, infrastructure and architecture over protected assets: removes the last control covering CC6.1
- **CC9.2** Assessing and managing vendor and business-partner risk: adds CC9.2 (covered by C-1)

### Introduced

#### \`controls/access.yaml\`

- line 8: **error** \`unknown-id\`: unknown SOC 2 id 'CC6.9'; did you mean CC6.8, CC6.7 or CC6.6?

### Fixed

#### \`controls/access.yaml\`

- line 8: **error** \`unknown-id\`: unknown SOC 2 id 'CC9.9'; did you mean CC9.2, CC9.1 or CC6.8?
`,
  );
});

test('diff of a catalogue in a subfolder reads that folder of each commit', () => {
  const sub = (files: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(files).map(([p, t]) => [`grc/${p}`, t]));
  const dir = gitRepo([
    { files: { ...sub(BASE), 'README.md': 'Other things.\n' }, message: 'base' },
    { files: sub(HEAD), message: 'head' },
  ]);
  assert.equal(cli(['diff', 'HEAD~1', 'HEAD', '--dir', 'grc', '--today', '2026-11-24'], dir).stdout, TEXT);
  assert.equal(cli(['diff', 'HEAD~1', 'HEAD', '--today', '2026-11-24'], nodePath.join(dir, 'grc')).stdout, TEXT);
});

test('a revision the clone lacks: clear errors, and how to fetch it from a shallow clone', () => {
  const dir = twoCommits();
  assert.deepEqual(cli(['diff', 'no-such-branch'], dir), {
    code: 2,
    stdout: '',
    stderr: "crosswalk: error: unknown revision 'no-such-branch': check its name, or fetch it with 'git fetch origin no-such-branch'\n",
  });
  const shallow = scratchDir('crosswalk-shallow-');
  gitIn(shallow, ['clone', '-q', '--depth', '1', `file://${dir}`, 'clone']);
  assert.deepEqual(cli(['diff', 'HEAD~1'], nodePath.join(shallow, 'clone')), {
    code: 2,
    stdout: '',
    stderr:
      "crosswalk: error: 'HEAD~1' is not in this clone, which is shallow: fetch it with 'git fetch --deepen=50' (or 'git fetch --unshallow', or 'git fetch origin HEAD~1'); in GitHub Actions, give actions/checkout 'fetch-depth: 0'\n",
  });
  const plain = scratchDir('crosswalk-nogit-');
  writeFiles(plain, BASE);
  const r = cli(['diff', 'main'], plain);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^crosswalk: error: '\.' is not in a git repository \(.*\); diff compares commits, so run it in a clone\n$/);
  assert.equal(cli(['diff'], dir).stderr.split('\n')[0], 'crosswalk: diff needs the base revision to compare with (a branch, tag or commit)');
  assert.equal(cli(['diff', 'main', '--format', 'sarif'], dir).stderr.split('\n')[0], "crosswalk: 'diff' has no format 'sarif' (formats: text, json, markdown)");
});

test('programs named by the repository git configuration never run', () => {
  const dir = twoCommits();
  const marker = nodePath.join(scratchDir('crosswalk-marker-'), 'ran');
  const program = nodePath.join(dir, '.git', 'probe.sh');
  writeFileSync(program, `#!/bin/sh\ntouch '${marker}'\ncat\n`);
  chmodSync(program, 0o755);
  for (const [k, v] of [
    ['core.fsmonitor', program],
    ['core.hooksPath', nodePath.dirname(program)],
    ['core.pager', program],
    ['diff.probe.textconv', program],
    ['filter.probe.smudge', program],
    ['filter.probe.clean', program],
    ['filter.probe.process', program],
  ])
    gitIn(dir, ['config', k!, v!]);
  writeFiles(dir, { '.gitattributes': '*.yaml diff=probe filter=probe\n' });
  writeFiles(dir, { 'controls/access.yaml': control('CC9.2', 'A.5.15') });
  // The set-up is live: plain git runs the fsmonitor program.
  spawnSync('git', ['status', '--short'], { cwd: dir, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
  assert.equal(existsSync(marker), true, 'git status should have run the fsmonitor program');
  rmSync(marker);

  assert.equal(cli(['diff', 'HEAD~1', '--today', '2026-11-24'], dir).code, 0);
  assert.equal(cli(['diff', 'HEAD~1', 'HEAD', '--format', 'markdown', '--today', '2026-11-24'], dir).code, 1);
  assert.equal(cli(['reviews', '.', '--today', '2026-11-24'], dir).code, 0);
  assert.equal(existsSync(marker), false);
});
