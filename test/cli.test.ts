// The crosswalk command, run from its bundle as a user would: output,
// formats and exit codes.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, cpSync, mkdtempSync, mkdirSync, openSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import AjvDraft04 from 'ajv-draft-04';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');

function run(args: string[], cwd = process.cwd()): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-cli-'));
  made.push(dir);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(nodePath.dirname(nodePath.join(dir, p)), { recursive: true });
    writeFileSync(nodePath.join(dir, p), text);
  }
  return dir;
}

const GOOD = 'id: C-1\ntitle: Access review\nowner: IT\nfrequency: quarterly\nevidence: [Export]\nmappings:\n  soc2: [CC6.1]\n  iso27001: [A.5.15]\n';

test('check: clean catalogue exits 0 with a summary', () => {
  const r = run(['check', repo({ 'controls/a.yaml': GOOD }), '--today', '2026-11-24']);
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, 'no problems in 1 file\n', '']);
});

test('check: errors print compiler-style and exit 1', () => {
  const dir = repo({ 'controls/a.yaml': GOOD.replace('CC6.1', 'CC9.9'), 'controls/b.yaml': GOOD.replace('C-1', 'C-2').replace('owner: IT\n', '') });
  const r = run(['check', dir, '--today', '2026-11-24']);
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    [
      "controls/a.yaml:7:10: error unknown-id: unknown SOC 2 id 'CC9.9'; did you mean CC9.2, CC9.1 or CC6.8?",
      "controls/b.yaml:1:5: warning missing-owner: control C-2 has no owner: add 'owner:' with the role that operates it",
      '1 error, 1 warning in 2 of 2 files',
      '',
    ].join('\n'),
  );
});

test('check --fail-on warning exits 1 on warnings alone', () => {
  const dir = repo({ 'controls/b.yaml': GOOD.replace('owner: IT\n', '') });
  assert.equal(run(['check', dir]).code, 0);
  assert.equal(run(['check', dir, '--fail-on', 'warning']).code, 1);
});

test('check --format json gives 1-based positions and fixes', () => {
  const r = run(['check', repo({ 'controls/a.yaml': GOOD.replace('CC6.1', 'CC 6.1') }), '--format', 'json']);
  assert.equal(r.code, 0);
  const out = JSON.parse(r.stdout) as { files: number; summary: object; findings: Array<Record<string, unknown>> };
  assert.deepEqual(out.summary, { errors: 0, warnings: 1, infos: 0, hints: 0 });
  assert.deepEqual(out.findings[0], {
    path: 'controls/a.yaml',
    line: 7,
    column: 10,
    endLine: 7,
    endColumn: 16,
    severity: 'warning',
    rule: 'non-canonical-id',
    message: "write CC6.1, not 'CC 6.1'",
    fixes: [{ title: 'Change to CC6.1', edits: [{ path: 'controls/a.yaml', line: 7, column: 10, endLine: 7, endColumn: 16, newText: 'CC6.1' }] }],
  });
});

test('check --format sarif is SARIF 2.1.0 with rules and results', () => {
  const r = run(['check', repo({ 'controls/a.yaml': GOOD.replace('CC6.1', 'CC9.9') }), '--format', 'sarif']);
  assert.equal(r.code, 1);
  const log = JSON.parse(r.stdout) as { version: string; runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<Record<string, unknown>> }> };
  assert.equal(log.version, '2.1.0');
  const run0 = log.runs[0]!;
  assert.ok(run0.tool.driver.rules.some((x) => x.id === 'unknown-id'));
  // Rule help is Crosswalk's documentation on the web, never a path inside the checked repository.
  assert.equal((run0.tool.driver.rules.find((x) => x.id === 'unknown-id') as { helpUri?: string }).helpUri, 'https://github.com/crosswalk/crosswalk/blob/main/docs/rules.md#unknown-id');
  assert.deepEqual(run0.results[0]!['locations'], [
    { physicalLocation: { artifactLocation: { uri: 'controls/a.yaml', uriBaseId: 'SRCROOT' }, region: { startLine: 7, startColumn: 10, endLine: 7, endColumn: 15 } } },
  ]);
  assert.equal(run0.results[0]!['level'], 'error');
  // The whole log, including fixes and related locations, against the OASIS SARIF 2.1.0 schema.
  const example = run(['check', nodePath.resolve(import.meta.dirname, '../examples/acme'), '--format', 'sarif', '--today', '2026-11-24']);
  const schemaPath = nodePath.resolve(import.meta.dirname, '../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  // unicodeRegExp off: the schema's language-tag pattern is not valid with the u flag.
  const validate = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
  for (const out of [r.stdout, example.stdout]) assert.ok(validate(JSON.parse(out)), JSON.stringify(validate.errors?.slice(0, 3)));
  assert.equal((JSON.parse(example.stdout) as { runs: Array<{ results: unknown[] }> }).runs[0]!.results.length, 22);
});

test('usage errors exit 2 with a message', () => {
  const cases: Array<[string[], string]> = [
    [[], 'crosswalk: no command given'],
    [['lint'], "crosswalk: unknown command 'lint' (commands: check, coverage, soa, report, diff, reviews, crosswalk)"],
    [['check', '--format', 'xml'], "crosswalk: 'check' has no format 'xml' (formats: text, json, sarif, markdown, codequality)"],
    [['check', '--today', '24/11/2026'], "crosswalk: --today takes a date as YYYY-MM-DD, not '24/11/2026'"],
    [['check', '--bogus'], "crosswalk: unknown option '--bogus'"],
    [['check', 'a', 'b'], "crosswalk: unexpected argument 'b': give one directory"],
  ];
  for (const [args, first] of cases) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stderr.split('\n')[0], first);
    assert.match(r.stderr, /Usage: crosswalk <command>/);
  }
});

test('a missing directory, a file and an empty folder are refused clearly', () => {
  const missing = run(['check', '/nonexistent/catalogue']);
  assert.deepEqual([missing.code, missing.stderr], [2, "crosswalk: error: directory '/nonexistent/catalogue' does not exist\n"]);
  const dir = repo({ 'notes.txt': 'hello' });
  const file = run(['check', nodePath.join(dir, 'notes.txt')]);
  assert.equal(file.code, 2);
  assert.match(file.stderr, /is not a directory: give the folder that holds the catalogue/);
  const empty = run(['check', dir]);
  assert.equal(empty.code, 2);
  assert.match(
    empty.stderr,
    /^crosswalk: error: no catalogue in '.*': there is no crosswalk.yaml, and no policies\/ or controls\/ folder \(nor a comply project: policies\/ beside narratives\/, procedures\/ or standards\/\)\. Run crosswalk in the folder that holds the catalogue/,
  );
});

test('unreadable files are findings, not crashes', () => {
  const dir = repo({ 'controls/a.yaml': GOOD });
  writeFileSync(nodePath.join(dir, 'controls/bin.yaml'), Buffer.from([0xff, 0xfe, 0x00, 0x41]));
  writeFileSync(nodePath.join(dir, 'controls/big.yaml'), `# ${'x'.repeat(3 * 1024 * 1024)}\n`);
  const r = run(['check', dir]);
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    [
      'controls/big.yaml:1:1: error unreadable-file: cannot read controls/big.yaml: it is 3.0 MiB; catalogue files over 2 MiB are skipped',
      'controls/bin.yaml:1:1: error unreadable-file: cannot read controls/bin.yaml: it is not valid UTF-8 text',
      '2 errors in 2 of 3 files',
      '',
    ].join('\n'),
  );
});

test('coverage and soa write their formats; --output writes the whole file', () => {
  const dir = repo({ 'controls/a.yaml': GOOD });
  const text = run(['coverage', dir]);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /^SOC 2: 1 of 33 applicable requirements covered \(3%\); 28 out of scope\n/);
  const csv = run(['coverage', dir, '--format', 'csv']);
  assert.equal(csv.stdout.split('\r\n')[0], 'framework,id,title,group,management_system,status,controls,policies,justification,counterparts,mapped_in_text');
  const out = nodePath.join(dir, 'soa.csv');
  const soa = run(['soa', dir, '--format', 'csv', '--output', out]);
  assert.deepEqual([soa.code, soa.stdout], [0, '']);
  const rows = readFileSync(out, 'utf8').trimEnd().split('\r\n');
  assert.equal(rows.length, 94);
  assert.equal(
    rows.find((l) => l.startsWith('A.5.15,')),
    'A.5.15,Access control,A.5 Organizational controls,yes,implemented,Applicable: implemented by C-1,C-1,',
  );
  assert.equal(existsSync(`${out}.tmp`), false);
});

test('--help and --version', () => {
  assert.match(run(['--help']).stdout, /^Usage: crosswalk <command> \[dir\] \[options\]/);
  assert.match(run(['--version']).stdout, /^crosswalk \d+\.\d+\.\d+\n$/);
});

test('check --fix applies the mechanical fixes in place and reports what is left', () => {
  const control = 'id: C-1\ntitle: Access review\nowner: IT\nfrequency: quarterly\nevidence: [Export]\nmappings:\n  soc2: [CC 6.1, CC9.9]\n  iso27001: [Annex A.5.15, A.9.2.3, CC6.2]\n';
  const dir = repo({ 'controls/a.yaml': control, 'policies/p.md': '---\nid: POL-1\ntitle: P\nowner: CISO\nlast_reviewed: 2026-06-01\nsatisfies:\n  TSC: [cc6.1]\n---\n# P\n' });
  const r = run(['check', dir, '--fix', '--today', '2026-11-24']);
  assert.deepEqual(
    [r.code, r.stdout, r.stderr],
    [1, "controls/a.yaml:7:17: error unknown-id: unknown SOC 2 id 'CC9.9'; did you mean CC9.2, CC9.1 or CC6.8?\n1 error in 1 of 2 files\n", 'crosswalk: fixed 5 findings in 2 files\n'],
  );
  assert.equal(
    readFileSync(nodePath.join(dir, 'controls/a.yaml'), 'utf8'),
    control.replace('soc2: [CC 6.1, CC9.9]', 'soc2: [CC6.1, CC9.9, CC6.2]').replace('iso27001: [Annex A.5.15, A.9.2.3, CC6.2]', 'iso27001: [A.5.15, A.8.2]'),
  );
  assert.match(readFileSync(nodePath.join(dir, 'policies/p.md'), 'utf8'), /^ {2}TSC: \[CC6\.1\]$/m);
  const again = run(['check', dir, '--fix', '--today', '2026-11-24']);
  assert.deepEqual([again.code, again.stderr], [1, 'crosswalk: fixed 0 findings in 0 files\n']);
  assert.equal(run(['coverage', dir, '--fix']).stderr.split('\n')[0], "crosswalk: --fix only applies to 'check'");
});

test('check --fix keeps a byte order mark the file had', () => {
  const dir = repo({ 'controls/a.yaml': `\ufeff${GOOD.replace('CC6.1', 'cc6.1')}` });
  const r = run(['check', dir, '--fix', '--today', '2026-11-24']);
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, 'no problems in 1 file\n', 'crosswalk: fixed 1 finding in 1 file\n']);
  assert.equal(readFileSync(nodePath.join(dir, 'controls/a.yaml'), 'utf8'), `\ufeff${GOOD}`);
});

test('check: a reader that stops early (| head) ends the output quietly, with the exit code of the check', async () => {
  // Enough findings to fill the pipe, so writing goes on after the reader is gone.
  const dir = repo({ 'controls/a.yaml': GOOD.replace('[CC6.1]', `[${Array(4000).fill('CC9.9').join(', ')}]`) });
  const child = spawn(process.execPath, [CLI, 'check', dir, '--today', '2026-11-24'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((done) => child.on('close', done));
  assert.deepEqual([code, stderr], [1, '']);
});

test('check > /dev/full: the failed write is reported on stderr and the exit status is 2, with findings or without', () => {
  for (const [files, label] of [
    [{ 'controls/a.yaml': GOOD }, 'clean'],
    [{ 'controls/a.yaml': GOOD.replace('CC6.1', 'CC9.9') }, 'errors'],
  ] as const) {
    const full = openSync('/dev/full', 'w');
    const r = spawnSync(process.execPath, [CLI, 'check', repo(files), '--today', '2026-11-24'], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
    closeSync(full);
    assert.deepEqual([r.status, r.stderr], [2, 'crosswalk: error: cannot write the output to stdout: ENOSPC: no space left on device, write\n'], label);
  }
});

test('check: crosswalk.yaml counts as a checked file, so the summary never names more files with findings than were checked', () => {
  const dir = repo({ 'crosswalk.yaml': 'frameworks:\n  soc2: {}\n  iso27001: {}\nseverity:\n  nonsense: error\n', 'controls/a.yaml': GOOD.replace('CC6.1', 'CC9.9') });
  const r = run(['check', dir, '--today', '2026-11-24']);
  assert.equal(r.stdout.split('\n').at(-2), '1 error, 1 warning in 2 of 2 files');
  assert.equal(JSON.parse(run(['check', dir, '--format', 'json', '--today', '2026-11-24']).stdout).files, 2);
});

test('check: a folder that cannot be read is reported on stderr, and the rest is checked', () => {
  const dir = repo({ 'controls/a.yaml': GOOD, 'controls/secret/b.yaml': GOOD.replace('C-1', 'C-2') });
  chmodSync(dir, 0o755);
  chmodSync(nodePath.join(dir, 'controls/secret'), 0o000);
  // Root reads any folder: the check then runs as an unprivileged user, from a copy of the bundle that user can
  // read (the checkout may sit in a folder only its owner can enter).
  const asRoot = process.getuid?.() === 0;
  const asUser = asRoot ? { uid: 65534, gid: 65534 } : {};
  let cli = CLI;
  if (asRoot) {
    const bin = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-bin-'));
    made.push(bin);
    chmodSync(bin, 0o755);
    mkdirSync(nodePath.join(bin, 'dist'), { mode: 0o755 });
    for (const f of ['cli.cjs', 'frameworks.json', 'yamlWorker.cjs']) writeFileSync(nodePath.join(bin, 'dist', f), readFileSync(nodePath.join(nodePath.dirname(CLI), f)), { mode: 0o644 });
    cpSync(nodePath.resolve(nodePath.dirname(CLI), '../frameworks'), nodePath.join(bin, 'frameworks'), { recursive: true });
    cli = nodePath.join(bin, 'dist', 'cli.cjs');
  }
  const r = spawnSync(process.execPath, [cli, 'check', dir, '--today', '2026-11-24'], { encoding: 'utf8', ...asUser });
  chmodSync(nodePath.join(dir, 'controls/secret'), 0o755);
  assert.deepEqual(
    [r.status, r.stdout, r.stderr],
    [
      0,
      'no problems in 1 file\n',
      `crosswalk: warning: cannot read the folder 'controls/secret' (EACCES: permission denied, scandir '${nodePath.join(dir, 'controls/secret')}'): the files in it are not checked\n`,
    ],
  );
});

test('--format json: usage and input errors (exit 2) also print a JSON error object on stdout', () => {
  const error = (args: string[]): [number, unknown, string] => {
    const r = run(args);
    return [r.code, JSON.parse(r.stdout), r.stderr.split('\n')[0]!];
  };
  assert.deepEqual(error(['check', '--format', 'json', '--bogus']), [2, { error: { code: 'usage', message: "unknown option '--bogus'" } }, "crosswalk: unknown option '--bogus'"]);
  assert.deepEqual(error(['check', '/nonexistent-crosswalk', '--format=json']), [
    2,
    { error: { code: 'input', message: "directory '/nonexistent-crosswalk' does not exist" } },
    "crosswalk: error: directory '/nonexistent-crosswalk' does not exist",
  ]);
  assert.deepEqual(error(['coverage', repo({ 'controls/a.yaml': GOOD }), '--format', 'json', '--output', '/nonexistent-crosswalk/x.json']).slice(0, 2), [
    2,
    { error: { code: 'input', message: "cannot write '/nonexistent-crosswalk/x.json': the folder /nonexistent-crosswalk does not exist" } },
  ]);
});
