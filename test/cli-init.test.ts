// `crosswalk init` and checking a repository with no crosswalk.yaml, run from
// the bundle as a new user would.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args, ...(args[0] === 'init' ? [] : ['--today', '2026-11-24'])], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-init-'));
  made.push(dir);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(nodePath.dirname(nodePath.join(dir, p)), { recursive: true });
    writeFileSync(nodePath.join(dir, p), text);
  }
  return dir;
}

const COMPLY = {
  'compliance/policies/access.md': 'name: Access Policy\nacronym: AP\nsatisfies:\n  TSC: [CC6.1, A1.2]\nmajorRevisions:\n  - date: Oct 1 2026\n    comment: First version\n---\n# Access\n',
  'compliance/procedures/review.md': 'id: "review"\nname: "Access review"\ncron: "0 0 9 1 */3 *"\ntsc_criteria: [CC6.2]\n---\n',
  'compliance/standards/TSC-2017.yml': 'name: TSC\nCC6.1: {family: CC6, name: Logical access}\n',
  'README.md': '# Our ISMS\n',
};

test('check with no crosswalk.yaml finds a comply project in a sub-folder and says so in one line', () => {
  const dir = repo(COMPLY);
  const r = run(['check', dir]);
  assert.deepEqual([r.code, r.stderr], [0, 'crosswalk: no crosswalk.yaml; read the comply project in compliance/ (policies, narratives, procedures, standards)\n']);
  assert.equal(
    r.stdout,
    "compliance/procedures/review.md:4:1: warning unmapped-ids: 'tsc_criteria' holds SOC 2 ids (CC6.2) that Crosswalk does not read under that name: map the key in crosswalk.yaml ('fields: {tsc_criteria: soc2}'), or move the ids under 'satisfies'\n1 warning in 1 of 3 files\n",
  );
});

test('init writes a commented crosswalk.yaml from what it finds, which check then reads; it never replaces one', () => {
  const dir = repo(COMPLY);
  const r = run(['init', dir]);
  const written = readFileSync(nodePath.join(dir, 'crosswalk.yaml'), 'utf8');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, `wrote ${nodePath.join(dir, 'crosswalk.yaml')}:\n\n${written}`);
  assert.equal(
    written,
    [
      '# Crosswalk settings: where the catalogue is and what is in scope (each setting is described under "Catalogue format" in the Crosswalk documentation).',
      "# Written by 'crosswalk init' for the comply project in compliance/ (policies, narratives, procedures, standards) it found.",
      'version: 1',
      '# comply reads only the .md files directly in its folders: files it would skip are reported.',
      'layout: comply',
      'comply_folder: "compliance"',
      '',
      'frameworks:',
      '  soc2:',
      '    # The categories the documents map; security is always in scope.',
      '    categories: [security, availability]',
      '',
      '# Markdown policies',
      'policies: ["compliance/policies/*.md"]',
      '# comply narratives',
      'narratives: ["compliance/narratives/*.md"]',
      '# comply procedures (their cron: schedules are frequencies)',
      'procedures: ["compliance/procedures/*.md"]',
      "# comply standards: a TSC or ISO 27001 standard is the bundled framework, any other one of the repository's own",
      'standards: ["compliance/standards/*.yml"]',
      '# control files (YAML or JSON)',
      'controls: []',
      '',
      '# Keys these files use for framework ids.',
      'fields:',
      '  "tsc_criteria": soc2',
      '',
    ].join('\n'),
  );
  // With the written settings, the key is mapped and nothing is left to say.
  assert.deepEqual(Object.values(run(['check', dir])), [0, 'no problems in 4 files\n', '']);
  const again = run(['init', dir]);
  assert.deepEqual([again.code, again.stdout], [2, '']);
  assert.equal(again.stderr, `crosswalk: error: ${nodePath.join(dir, 'crosswalk.yaml')} already exists: init never replaces it (edit it, or remove it and run init again)\n`);
  assert.equal(readFileSync(nodePath.join(dir, 'crosswalk.yaml'), 'utf8'), written);
});

test('several candidate catalogues and no crosswalk.yaml: check and init say which and stop', () => {
  const dir = repo({ 'a/policies/x.md': '# x\n', 'a/narratives/y.md': '# y\n', 'b/policies/x.md': '# x\n', 'b/standards/s.yml': 'name: TSC\n' });
  const r = run(['check', dir]);
  assert.deepEqual([r.code, r.stdout], [2, '']);
  assert.equal(
    r.stderr,
    `crosswalk: error: several catalogues in '${dir}' (a, b) and no crosswalk.yaml to say which: run crosswalk in one of them (crosswalk check a), or run 'crosswalk init' in one\n`,
  );
  const i = run(['init', dir]);
  assert.deepEqual([i.code, i.stderr], [2, `crosswalk: error: several catalogues in '${dir}' (a, b): run 'crosswalk init' in the one to describe\n`]);
});

test('init in a repository whose compliance documents sit outside policies/ proposes globs for where they are', () => {
  const dir = repo({
    'README.md': '# Harbour\n\nAn app.\n',
    'docs/guide/setup.md': '# Setup\n\nRun the installer.\n',
    'docs/guide/deploy.md': '# Deploy\n\nPush to main.\n',
    'docs/notes/2026-01.md': '# January\n\nWe started on CC6.1 evidence.\n',
    'docs/notes/2026-02.md': '# February\n\nNothing new.\n',
    'docs/notes/2026-03.md': '# March\n\nHolidays.\n',
    'docs/trust/overview.md': '# Trust overview\n\nHow we run security.\n',
    'docs/trust/soc2/common.md': '# Common criteria\n\n### CC6.1 Logical access\n\nSingle sign-on everywhere.\n',
    'docs/trust/soc2/availability.md': '# Availability\n\n## A1.2 Environmental protections\n\nBackups in two regions.\n',
    'docs/trust/iso/annex-a.md': '# Annex A\n\n## Applicable Controls\n\n- A.5.15 Access control\n',
  });
  const r = run(['init', dir]);
  assert.equal(r.code, 0);
  const written = readFileSync(nodePath.join(dir, 'crosswalk.yaml'), 'utf8');
  assert.equal(
    written,
    [
      '# Crosswalk settings: where the catalogue is and what is in scope (each setting is described under "Catalogue format" in the Crosswalk documentation).',
      "# Written by 'crosswalk init' for the Markdown documents that name framework ids it found; the controls/ globs are the defaults.",
      'version: 1',
      '',
      'frameworks:',
      '  soc2:',
      '    # The categories the documents map; security is always in scope.',
      '    categories: [security, availability]',
      '  iso27001: {}',
      '',
      '# Markdown policies: the folders whose documents name framework ids',
      'policies: ["docs/trust/**/*.md"]',
      '# control files (YAML or JSON)',
      'controls: ["controls/**/*.yaml", "controls/**/*.yml", "controls/**/*.json"]',
      '',
    ].join('\n'),
  );
  // The one note that names an id among many that do not is no policy folder; the folders found are read from then on.
  const cov = run(['coverage', dir]);
  assert.match(cov.stdout, /^SOC 2: 2 of 36 applicable requirements covered \(5\.6%\); 25 out of scope$/m);
  assert.match(cov.stdout, /^ISO 27001: 1 of 123 applicable requirements covered \(0\.8%\)$/m);
});

test('init does not take a lone page that mentions an id for a folder of policies', () => {
  const dir = repo({ 'README.md': '# Web app\n\nSee docs/.\n', 'config/app.yaml': 'port: 8080\n', 'docs/setup.md': '# Setup\n\nRun it (CC6.1).\n' });
  const r = run(['init', dir]);
  assert.equal(r.code, 0);
  const written = readFileSync(nodePath.join(dir, 'crosswalk.yaml'), 'utf8');
  assert.match(written, /^# Written by 'crosswalk init'; the policies\/ and controls\/ globs are the defaults\.$/m);
  assert.match(written, /^policies: \["policies\/\*\*\/\*\.md", "policies\/\*\*\/\*\.md\.tmpl"\]$/m);
});

test('init with an unknown option exits 2 with the message, then its usage on lines of their own', () => {
  const r = run(['init', '--dry-run']);
  assert.equal(r.code, 2);
  const lines = r.stderr.split('\n');
  assert.deepEqual(lines.slice(0, 4), ["crosswalk: unknown option '--dry-run' for init", '', 'Usage: crosswalk init [dir]', '']);
  assert.doesNotMatch(r.stderr, /\\u000a/);
  assert.equal(r.stdout, '');
});
