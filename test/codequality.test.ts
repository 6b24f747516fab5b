// check --format codequality: GitLab's Code Quality report, exact for a small
// catalogue, the shape GitLab reads for the example, the fingerprints SARIF and
// baselines use, repository text neutralised, and the exit codes of check.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import Ajv from 'ajv';
import { removeScratch, scratchDir, writeFiles } from './helpers/gitRepo.ts';
import { findingsCodeQuality } from '../server/format/findingsCodeQuality.ts';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');
const ACME = nodePath.resolve(import.meta.dirname, '../examples/acme');
after(removeScratch);

function cli(args: string[], cwd?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args, '--today', '2026-11-24'], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CONTROL = (id: string, soc2: string, owner = 'owner: IT\n'): string =>
  `id: ${id}\ntitle: Access review\n${owner}frequency: quarterly\nevidence: [Export]\nmappings:\n  soc2: [${soc2}]\n  iso27001: [A.5.15]\n`;

function catalogue(files: Record<string, string>): string {
  const dir = scratchDir('crosswalk-codequality-');
  writeFiles(dir, files);
  return dir;
}

// What GitLab reads from each issue (its Code Quality documentation): these fields, nothing optional left out.
const ISSUE_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', pattern: '^[a-z0-9-]+$' },
      fingerprint: { type: 'string', pattern: '^[0-9a-f]{16}$' },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'lines'],
        properties: {
          path: { type: 'string', minLength: 1, not: { pattern: '^/' } },
          lines: { type: 'object', additionalProperties: false, required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 } } },
        },
      },
    },
  },
};

test('check --format codequality: the exact report for a small catalogue, exit 1 on its error', () => {
  const dir = catalogue({ 'controls/a.yaml': CONTROL('C-1', 'CC9.9'), 'controls/b.yaml': CONTROL('C-2', 'CC6.1', '') });
  const r = cli(['check', dir, '--format', 'codequality']);
  assert.deepEqual([r.code, r.stderr], [1, '']);
  assert.equal(
    r.stdout,
    `${JSON.stringify(
      [
        {
          description: "unknown SOC 2 id 'CC9.9'; did you mean CC9.2, CC9.1 or CC6.8?",
          check_name: 'unknown-id',
          fingerprint: 'e6aba44150009700',
          severity: 'major',
          location: { path: 'controls/a.yaml', lines: { begin: 7 } },
        },
        {
          description: "control C-2 has no owner: add 'owner:' with the role that operates it",
          check_name: 'missing-owner',
          fingerprint: 'b7a1b25f75df4d3d',
          severity: 'minor',
          location: { path: 'controls/b.yaml', lines: { begin: 1 } },
        },
      ],
      null,
      2,
    )}\n`,
  );
});

test('check --format codequality: the example catalogue in the shape GitLab reads, with the fingerprints SARIF carries', () => {
  const r = cli(['check', ACME, '--format', 'codequality']);
  assert.equal(r.code, 1);
  const issues = JSON.parse(r.stdout) as Array<{ fingerprint: string; severity: string; check_name: string; location: { path: string; lines: { begin: number } } }>;
  const validate = new Ajv({ allErrors: true, strict: true }).compile(ISSUE_SCHEMA);
  assert.ok(validate(issues), JSON.stringify(validate.errors?.slice(0, 3)));
  assert.equal(issues.length, 22);
  // GitLab drops issues with a fingerprint it has seen in the same report.
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, 22);
  const sarif = JSON.parse(cli(['check', ACME, '--format', 'sarif']).stdout) as {
    runs: Array<{
      results: Array<{
        ruleId: string;
        partialFingerprints: Record<string, string>;
        level: string;
        locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
      }>;
    }>;
  };
  const results = sarif.runs[0]!.results;
  assert.deepEqual(
    issues.map((i) => [i.check_name, i.location.path, i.location.lines.begin, i.fingerprint]),
    results.map((x) => [x.ruleId, x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region.startLine, x.partialFingerprints['crosswalk/v1']]),
  );
  const levels: Record<string, string> = { error: 'major', warning: 'minor', note: 'info' };
  assert.deepEqual(
    issues.map((i) => i.severity),
    results.map((x) => levels[x.level]),
  );
  assert.deepEqual([...new Set(issues.map((i) => i.severity))].sort(), ['info', 'major', 'minor']);
});

test('check --format codequality: a finding keeps its fingerprint when lines are added above it', () => {
  const dir = catalogue({ 'controls/a.yaml': CONTROL('C-1', 'CC9.9') });
  const before = JSON.parse(cli(['check', dir, '--format', 'codequality']).stdout) as Array<{ fingerprint: string; location: { lines: { begin: number } } }>;
  writeFiles(dir, { 'controls/a.yaml': `# Reviewed by IT\n# every quarter\n${CONTROL('C-1', 'CC9.9')}` });
  const after = JSON.parse(cli(['check', dir, '--format', 'codequality']).stdout) as typeof before;
  assert.deepEqual(
    before.map((i) => [i.fingerprint, i.location.lines.begin]),
    [['e6aba44150009700', 7]],
  );
  assert.deepEqual(
    after.map((i) => [i.fingerprint, i.location.lines.begin]),
    [['e6aba44150009700', 9]],
  );
});

test('check --format codequality: exit codes, --output, --fail-on and --baseline as for the other formats', () => {
  const clean = catalogue({ 'controls/a.yaml': CONTROL('C-1', 'CC6.1') });
  assert.deepEqual([cli(['check', clean, '--format', 'codequality']).code, cli(['check', clean, '--format', 'codequality']).stdout], [0, '[]\n']);
  const warned = catalogue({ 'controls/a.yaml': CONTROL('C-1', 'CC6.1', '') });
  assert.equal(cli(['check', warned, '--format', 'codequality']).code, 0);
  assert.equal(cli(['check', warned, '--format', 'codequality', '--fail-on', 'warning']).code, 1);
  const out = cli(['check', warned, '--format', 'codequality', '--output', 'gl-code-quality-report.json'], warned);
  assert.deepEqual([out.code, out.stdout], [0, '']);
  assert.deepEqual(
    (JSON.parse(readFileSync(nodePath.join(warned, 'gl-code-quality-report.json'), 'utf8')) as Array<{ check_name: string }>).map((i) => i.check_name),
    ['missing-owner'],
  );
  // With a baseline, only the new finding is reported, under the fingerprint it had in the full report.
  const dir = catalogue({ 'controls/a.yaml': CONTROL('C-1', 'CC9.9') });
  assert.equal(cli(['check', dir, '--write-baseline', 'crosswalk-baseline.json'], dir).code, 1);
  assert.deepEqual(JSON.parse(cli(['check', dir, '--format', 'codequality', '--baseline', 'crosswalk-baseline.json'], dir).stdout), []);
  writeFiles(dir, { 'controls/b.yaml': CONTROL('C-2', 'CC6.1', '') });
  const kept = cli(['check', dir, '--format', 'codequality', '--baseline', 'crosswalk-baseline.json', '--fail-on', 'warning'], dir);
  assert.equal(kept.code, 1);
  assert.deepEqual(
    (JSON.parse(kept.stdout) as Array<{ check_name: string; fingerprint: string }>).map((i) => [i.check_name, i.fingerprint]),
    [['missing-owner', 'b7a1b25f75df4d3d']],
  );
  const missing = cli(['check', nodePath.join(clean, 'nowhere'), '--format', 'codequality']);
  assert.deepEqual([missing.code, missing.stdout], [2, '']);
  assert.match(missing.stderr, /^crosswalk: /);
});

test('check --format codequality: repository text in descriptions and paths is escaped, not passed on', () => {
  const dir = catalogue({ 'controls/a.yaml': CONTROL('C-1', '"CC9.9\\e[2J", "x\\rcontrols/b.yaml:1:1: forged", "##[warning]w"') });
  const issues = JSON.parse(cli(['check', dir, '--format', 'codequality']).stdout) as Array<{ description: string }>;
  assert.deepEqual(
    issues.map((i) => i.description),
    ["unknown SOC 2 id 'CC9.9\\u001b[2J'", "unknown SOC 2 id 'x\\u000dcontrols/b.yaml:1:1: forged'", "unknown SOC 2 id '#\\u0023[warning]w'"],
  );
  const finding = { rule: 'unknown-id', severity: 'hint' as const, path: 'controls/\u202etxt.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'm' };
  assert.deepEqual(JSON.parse(findingsCodeQuality([finding], ['0123456789abcdef'])), [
    { description: 'm', check_name: 'unknown-id', fingerprint: '0123456789abcdef', severity: 'info', location: { path: 'controls/\\u202etxt.yaml', lines: { begin: 1 } } },
  ]);
  assert.throws(() => findingsCodeQuality([finding], []), /1 findings but 0 fingerprints/);
});
