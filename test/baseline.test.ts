// Finding fingerprints and baselines: the same finding keeps its fingerprint
// when lines shift and the file is edited elsewhere; `check --baseline`
// reports only what is new.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { projectOf } from './helpers/memory.ts';
import { fingerprintFindings, ownersFromFacts } from '../server/core/review/fingerprint.ts';
import { makeBaseline, parseBaseline, unmatched } from '../server/core/review/baseline.ts';
import type { Project } from '../server/core/engine/project.ts';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');

const BEFORE = `controls:
  - id: C-1
    title: Access review
    owner: IT
    frequency: quarterly
    evidence: [Export]
    mappings:
      soc2: [CC6.1, CC9.9]
      iso27001: [A.5.15]
  - id: C-2
    title: Backups
    owner: SRE
    frequency: daily
    evidence: [Report]
    mappings:
      soc2: [CC9.9]
      iso27001: [A.8.13]
`;

// Lines added above, an id added to the same list, a title reworded: the same two unknown ids, plus a new one.
const AFTER = `# Controls of the platform team.
# Owners are named by role.

controls:
  - id: C-1
    title: Quarterly access review
    owner: IT
    frequency: quarterly
    evidence: [Export]
    mappings:
      soc2: [CC6.1, CC6.2, CC9.9]
      iso27001: [A.5.15]
  - id: C-2
    title: Backups
    owner: SRE
    frequency: daily
    evidence: [Report]
    mappings:
      soc2: [CC9.9, CC1.9]
      iso27001: [A.8.13]
`;

function fingerprints(p: Project, files: Record<string, string>): Array<[string, string]> {
  const findings = p.allFindings();
  const fps = fingerprintFindings(
    findings,
    (path) => files[path],
    ownersFromFacts((path) => p.catalogue.file(path)),
  );
  return findings.map((f, i) => [`${f.range.start.line + 1}:${f.range.start.character + 1} ${f.rule} ${f.message.slice(0, 24)}`, fps[i]!]);
}

test('fingerprints survive lines added above, edits to the same list and elsewhere in the file', async () => {
  const before = { 'controls/a.yaml': BEFORE };
  const after = { 'controls/a.yaml': AFTER };
  const a = fingerprints(await projectOf(before), before);
  const b = fingerprints(await projectOf(after), after);
  assert.deepEqual(
    a.map(([k]) => k),
    ["8:21 unknown-id unknown SOC 2 id 'CC9.9'", "16:14 unknown-id unknown SOC 2 id 'CC9.9'"],
  );
  assert.deepEqual(
    b.map(([k]) => k),
    ["11:28 unknown-id unknown SOC 2 id 'CC9.9'", "19:14 unknown-id unknown SOC 2 id 'CC9.9'", "19:21 unknown-id unknown SOC 2 id 'CC1.9'"],
  );
  // The same id in two controls: two fingerprints, each kept by its control.
  assert.notEqual(a[0]![1], a[1]![1]);
  assert.equal(b[0]![1], a[0]![1]);
  assert.equal(b[1]![1], a[1]![1]);
  assert.ok(!a.some(([, fp]) => fp === b[2]![1]));
  assert.match(a[0]![1], /^[0-9a-f]{16}$/);
});

test('identical findings in one place are told apart by order, and a baseline excuses each once', async () => {
  const files = { 'controls/a.yaml': BEFORE.replace('[CC6.1, CC9.9]', '[CC9.9, CC9.9]') };
  const p = await projectOf(files);
  const findings = p.allFindings().filter((f) => f.rule === 'unknown-id');
  const fps = fingerprintFindings(
    findings,
    (path) => files[path as keyof typeof files],
    ownersFromFacts((path) => p.catalogue.file(path)),
  );
  assert.equal(findings.length, 3);
  assert.equal(new Set(fps).size, 3);
  const baseline = parseBaseline(JSON.stringify(makeBaseline(findings.slice(0, 1), fps.slice(0, 1))), 'b.json');
  assert.deepEqual(
    unmatched(
      fps,
      baseline.findings.map((e) => e.fingerprint),
    ),
    [1, 2],
  );
  assert.deepEqual(unmatched([fps[0]!, fps[0]!], [fps[0]!]), [1]);
});

test('a file that is not a baseline says what to do', () => {
  assert.throws(() => parseBaseline('{"findings": 3}', 'b.json'), { message: "b.json is not a Crosswalk baseline (no 'findings' list): write it with crosswalk check --write-baseline b.json" });
  assert.throws(() => parseBaseline('{"scheme": "other/v9", "findings": []}', 'b.json'), {
    message: "b.json uses fingerprint scheme 'other/v9', this version uses 'crosswalk/v1': write it again with crosswalk check --write-baseline b.json",
  });
  assert.throws(() => parseBaseline('nope', 'b.json'), /^Error: b\.json is not JSON \(/);
});

const made: string[] = [];
after(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

function cli(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('check --write-baseline, then --baseline reports only the new finding, in every format', () => {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-baseline-'));
  made.push(dir);
  mkdirSync(nodePath.join(dir, 'controls'));
  writeFileSync(nodePath.join(dir, 'controls/a.yaml'), BEFORE);
  const w = cli(['check', '.', '--write-baseline', 'crosswalk-baseline.json', '--today', '2026-11-24'], dir);
  assert.equal(w.code, 1);
  assert.equal(w.stderr, 'crosswalk: wrote 2 findings to the baseline crosswalk-baseline.json\n');
  const written = JSON.parse(readFileSync(nodePath.join(dir, 'crosswalk-baseline.json'), 'utf8'));
  assert.equal(written.scheme, 'crosswalk/v1');
  assert.deepEqual(
    written.findings.map((e: { rule: string; path: string }) => `${e.path} ${e.rule}`),
    ['controls/a.yaml unknown-id', 'controls/a.yaml unknown-id'],
  );
  assert.deepEqual(readdirSync(dir).sort(), ['controls', 'crosswalk-baseline.json']);

  assert.deepEqual(cli(['check', '.', '--baseline', 'crosswalk-baseline.json', '--today', '2026-11-24'], dir), { code: 0, stdout: 'no problems in 1 file\n', stderr: '' });
  writeFileSync(nodePath.join(dir, 'controls/a.yaml'), AFTER);
  const r = cli(['check', '.', '--baseline', 'crosswalk-baseline.json', '--today', '2026-11-24'], dir);
  assert.deepEqual(r, { code: 1, stdout: "controls/a.yaml:19:21: error unknown-id: unknown SOC 2 id 'CC1.9'; did you mean CC1.5, CC1.4 or CC1.3?\n1 error in 1 of 1 file\n", stderr: '' });

  const sarif = JSON.parse(cli(['check', '.', '--baseline', 'crosswalk-baseline.json', '--format', 'sarif', '--today', '2026-11-24'], dir).stdout);
  const all = JSON.parse(cli(['check', '.', '--format', 'sarif', '--today', '2026-11-24'], dir).stdout);
  assert.equal(sarif.runs[0].results.length, 1);
  assert.equal(all.runs[0].results.length, 3);
  const fp = (res: { partialFingerprints: Record<string, string> }): string => res.partialFingerprints['crosswalk/v1']!;
  // The two old findings carry the baseline's values; the new one, its own.
  assert.deepEqual(all.runs[0].results.slice(0, 2).map(fp).sort(), written.findings.map((e: { fingerprint: string }) => e.fingerprint).sort());
  assert.equal(fp(sarif.runs[0].results[0]), fp(all.runs[0].results[2]));
});

test('check --baseline with a missing or broken file exits 2 with what to do', () => {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-baseline-'));
  made.push(dir);
  mkdirSync(nodePath.join(dir, 'controls'));
  writeFileSync(nodePath.join(dir, 'controls/a.yaml'), BEFORE);
  assert.deepEqual(cli(['check', '.', '--baseline', 'none.json'], dir), {
    code: 2,
    stdout: '',
    stderr: "crosswalk: error: baseline 'none.json' does not exist: create it with crosswalk check --write-baseline none.json\n",
  });
  writeFileSync(nodePath.join(dir, 'bad.json'), '[]');
  assert.deepEqual(cli(['check', '.', '--baseline', 'bad.json'], dir), {
    code: 2,
    stdout: '',
    stderr: "crosswalk: error: bad.json is not a Crosswalk baseline (no 'findings' list): write it with crosswalk check --write-baseline bad.json\n",
  });
  // A baseline that cannot be written leaves nothing behind.
  const r = cli(['check', '.', '--write-baseline', 'missing-dir/b.json'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^crosswalk: error: cannot write the baseline 'missing-dir\/b\.json': the folder \S+missing-dir does not exist\n$/);
  assert.equal(existsSync(nodePath.join(dir, 'missing-dir')), false);
  assert.deepEqual(cli(['coverage', '.', '--baseline', 'b.json'], dir).stderr.split('\n')[0], "crosswalk: --baseline and --write-baseline only apply to 'check'");
});
