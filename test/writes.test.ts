// What --output, --write-baseline and --fix may write, and how: regular files
// replaced whole (mode, owner and hard links kept), devices, named pipes and
// /dev/stdout written in place, links written through and never replaced,
// temporary files removed when the run is stopped.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync, writeFileSync, createReadStream } from 'node:fs';
import * as nodePath from 'node:path';
import { removeScratch, scratchDir, writeFiles } from './helpers/gitRepo.ts';
import { WriteRefused, writeFileSafely } from '../server/host/atomicWrite.ts';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');
after(removeScratch);

const GOOD = 'id: C-1\ntitle: Access review\nowner: IT\nfrequency: quarterly\nevidence: [Export]\nmappings:\n  soc2: [CC6.1]\n  iso27001: [A.5.15]\n';
const FIXABLE = GOOD.replace('CC6.1', 'CC 6.1');
const SOA_HEAD = '# Statement of Applicability';

function catalogue(): string {
  const dir = scratchDir('crosswalk-writes-');
  writeFiles(dir, { 'controls/a.yaml': GOOD });
  return dir;
}

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('--output to /dev/null, /dev/full and /dev/stdout writes in place: the device stays a device', () => {
  const dir = catalogue();
  assert.deepEqual(Object.values(cli(['soa', dir, '--output', '/dev/null'])), [0, '', '']);
  assert.ok(statSync('/dev/null').isCharacterDevice());
  assert.deepEqual(Object.values(cli(['soa', dir, '--output', '/dev/full'])), [2, '', "crosswalk: error: cannot write '/dev/full': ENOSPC: no space left on device, write\n"]);
  assert.ok(statSync('/dev/full').isCharacterDevice());
  const out = cli(['soa', dir, '--output', '/dev/stdout']);
  assert.equal(out.code, 0);
  assert.ok(out.stdout.startsWith(SOA_HEAD));
  assert.ok(lstatSync('/dev/stdout').isSymbolicLink());
});

test('--output to a named pipe writes into the pipe', async () => {
  const dir = catalogue();
  const fifo = nodePath.join(dir, 'pipe');
  spawnSync('mkfifo', [fifo]);
  let read = '';
  const reader = new Promise<void>((done) =>
    createReadStream(fifo, 'utf8')
      .on('data', (t) => (read += t))
      .on('end', () => done()),
  );
  const child = spawn(process.execPath, [CLI, 'soa', dir, '--output', fifo], { stdio: 'ignore' });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  await reader;
  assert.equal(code, 0);
  assert.ok(read.startsWith(SOA_HEAD));
  assert.ok(lstatSync(fifo).isFIFO());
});

test('--output through a symbolic link writes the file it names and keeps the link; a dangling link and a folder are refused', () => {
  const dir = catalogue();
  writeFileSync(nodePath.join(dir, 'real.md'), 'old');
  symlinkSync('real.md', nodePath.join(dir, 'link.md'));
  assert.equal(cli(['soa', dir, '--output', nodePath.join(dir, 'link.md')]).code, 0);
  assert.equal(readlinkSync(nodePath.join(dir, 'link.md')), 'real.md');
  assert.ok(readFileSync(nodePath.join(dir, 'real.md'), 'utf8').startsWith(SOA_HEAD));
  symlinkSync('missing.md', nodePath.join(dir, 'dangling.md'));
  const dangling = nodePath.join(dir, 'dangling.md');
  assert.deepEqual(Object.values(cli(['soa', dir, '--output', dangling])), [
    2,
    '',
    `crosswalk: error: cannot write '${dangling}': it is a symbolic link to a file that does not exist: give the file itself\n`,
  ]);
  assert.equal(readlinkSync(dangling), 'missing.md');
  const sub = nodePath.join(dir, 'out');
  mkdirSync(sub);
  assert.deepEqual(Object.values(cli(['soa', dir, '--output', sub])), [
    2,
    '',
    `crosswalk: error: cannot write '${sub}': it is a directory: give a regular file, a new path, a character device or a named pipe\n`,
  ]);
});

test('--output over a regular file keeps its mode (whatever the umask) and its other hard links', () => {
  const dir = catalogue();
  const out = nodePath.join(dir, 'soa.md');
  writeFileSync(out, 'old');
  chmodSync(out, 0o666);
  assert.equal(cli(['soa', dir, '--output', out]).code, 0);
  assert.equal(statSync(out).mode & 0o777, 0o666);
  linkSync(out, nodePath.join(dir, 'copy.md'));
  writeFileSync(out, 'old');
  assert.equal(cli(['soa', dir, '--output', out]).code, 0);
  assert.ok(readFileSync(nodePath.join(dir, 'copy.md'), 'utf8').startsWith(SOA_HEAD));
  assert.equal(statSync(out).nlink, 2);
  assert.deepEqual(readdirSync(dir).sort(), ['controls', 'copy.md', 'soa.md']);
});

test('--fix writes through a link to a catalogue file in the repository, keeps mode and hard links', () => {
  const dir = scratchDir('crosswalk-writes-');
  writeFiles(dir, { 'shared/a.yaml': FIXABLE, 'controls/b.yaml': FIXABLE.replace('C-1', 'C-2') });
  mkdirSync(nodePath.join(dir, 'controls'), { recursive: true });
  symlinkSync('../shared/a.yaml', nodePath.join(dir, 'controls/a.yaml'));
  chmodSync(nodePath.join(dir, 'controls/b.yaml'), 0o640);
  linkSync(nodePath.join(dir, 'controls/b.yaml'), nodePath.join(dir, 'b-copy.yaml'));
  const r = cli(['check', dir, '--fix', '--today', '2026-11-24']);
  assert.deepEqual([r.code, r.stderr], [0, 'crosswalk: fixed 2 findings in 2 files\n']);
  assert.equal(readlinkSync(nodePath.join(dir, 'controls/a.yaml')), '../shared/a.yaml');
  assert.equal(readFileSync(nodePath.join(dir, 'shared/a.yaml'), 'utf8'), GOOD);
  assert.equal(readFileSync(nodePath.join(dir, 'b-copy.yaml'), 'utf8'), GOOD.replace('C-1', 'C-2'));
  assert.equal(statSync(nodePath.join(dir, 'controls/b.yaml')).mode & 0o777, 0o640);
});

test('a catalogue file that links outside the repository is not written', async () => {
  const outside = scratchDir('crosswalk-outside-');
  const dir = scratchDir('crosswalk-writes-');
  writeFileSync(nodePath.join(outside, 'a.yaml'), FIXABLE);
  mkdirSync(nodePath.join(dir, 'controls'));
  symlinkSync(nodePath.join(outside, 'a.yaml'), nodePath.join(dir, 'controls/a.yaml'));
  await assert.rejects(
    writeFileSafely(nodePath.join(dir, 'controls/a.yaml'), GOOD, { within: dir }),
    new WriteRefused(`it is a symbolic link to ${nodePath.join(outside, 'a.yaml')}, outside the repository; it is not written: fix that file by hand`),
  );
  assert.equal(readFileSync(nodePath.join(outside, 'a.yaml'), 'utf8'), FIXABLE);
  // A catalogue file is never a pipe or a device, even inside.
  spawnSync('mkfifo', [nodePath.join(dir, 'controls/p.yaml')]);
  await assert.rejects(writeFileSafely(nodePath.join(dir, 'controls/p.yaml'), GOOD, { within: dir }), new WriteRefused('it is not a regular file: give a regular file'));
});

test('SIGTERM and SIGINT during a write remove the temporary file', async () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const dir = scratchDir('crosswalk-signal-');
    const tmp = nodePath.join(dir, '.a.yaml.tmp');
    const script = `import { writeFileSync } from 'node:fs'; import { holdTemporary } from ${JSON.stringify(nodePath.resolve(import.meta.dirname, '../server/host/atomicWrite.ts'))}; holdTemporary(${JSON.stringify(tmp)}); writeFileSync(${JSON.stringify(tmp)}, 'half'); process.stdout.write('ready'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((done) => child.stdout.once('data', () => done()));
    child.kill(signal);
    const code = await new Promise<number | null>((done) => child.on('close', done));
    assert.equal(code, signal === 'SIGTERM' ? 143 : 130);
    assert.deepEqual(readdirSync(dir), []);
  }
});
