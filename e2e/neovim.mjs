// Runs Neovim configured by exactly the Neovim block of docs/editors.md (with
// crosswalk-language-server on the PATH, resolving to this build) and checks
// what a Neovim user sees: the same diagnostics as `crosswalk check` on the
// example catalogue, a hover with the crosswalk, and the workspace root the
// block picks in each layout Crosswalk reads. Needs `nvim` (Debian package
// neovim) and the built bundles.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import assert from 'node:assert/strict';

const ROOT = resolve(import.meta.dirname, '..');
const acme = join(ROOT, 'examples', 'acme');
const file = join(acme, 'controls', 'vendors.yaml');

// The block under "## Neovim 0.8+", as a user would paste it into init.lua.
const page = readFileSync(join(ROOT, 'docs', 'editors.md'), 'utf8');
const block = /^## Neovim 0\.8\+[^\n]*\n[\s\S]*?^```lua\n([\s\S]*?)^```$/m.exec(page)?.[1];
assert.ok(block, 'docs/editors.md has a lua block under "## Neovim 0.8+"');
assert.match(block, /cmd = \{ 'crosswalk-language-server', '--stdio' \}/);

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'crosswalk-nvim-')));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
const write = (path, text) => {
  mkdirSync(dirname(join(scratch, path)), { recursive: true });
  writeFileSync(join(scratch, path), text);
};
write('init.lua', block);
write('bin/crosswalk-language-server', `#!/bin/sh\nexec '${process.execPath}' '${join(ROOT, 'dist', 'server.cjs')}' "$@"\n`);
chmodSync(join(scratch, 'bin', 'crosswalk-language-server'), 0o755);

// One catalogue per layout, and the root the block should start the server in (null: none).
const POLICY = '---\nid: POL-1\ntitle: Access\nowner: IT\nlast_reviewed: 2026-06-01\nreview_frequency: annual\n---\n# Access\n';
const CONTROL = 'id: C-1\ntitle: Review\nowner: IT\nfrequency: quarterly\nevidence: [Export]\nmappings:\n  soc2: [CC6.1]\n';
write('configured/crosswalk.yaml', 'version: 1\n');
write('configured/compliance/policies/access.md', POLICY);
write('comply/policies/access.md', POLICY);
write('comply/narratives/org.md', '# Organisation\n');
write('comply/standards/soc2.yml', 'name: SOC 2\n');
write('plain/policies/people/access.md', POLICY);
write('controls-only/controls/review.yaml', CONTROL);
write('elsewhere/notes.md', '# Notes\n');
write('elsewhere/standards/list.yml', 'name: none\n');
const layouts = [
  [join(acme, 'policies', 'backup.md'), acme],
  ['configured/compliance/policies/access.md', 'configured'],
  ['comply/narratives/org.md', 'comply'],
  ['comply/standards/soc2.yml', 'comply'],
  ['plain/policies/people/access.md', 'plain'],
  ['controls-only/controls/review.yaml', 'controls-only'],
  ['elsewhere/notes.md', null],
  ['elsewhere/standards/list.yml', null],
].map(([f, root]) => [f.startsWith('/') ? f : join(scratch, f), root === null || root.startsWith('/') ? root : join(scratch, root)]);

const cli = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), 'check', acme, '--format', 'json', '--today', '2026-11-24'], { encoding: 'utf8' });
const findings = JSON.parse(cli.stdout).findings;
const filesWithFindings = new Set(findings.map((f) => f.path)).size;
const env = {
  ...process.env,
  PATH: `${join(scratch, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
  CROSSWALK_TODAY: '2026-11-24',
  PROBE_CONFIG: join(scratch, 'init.lua'),
  PROBE_FILE: file,
  PROBE_LAYOUTS: JSON.stringify(layouts.map(([f]) => f)),
  HOVER_LINE: '44',
  HOVER_CHAR: '15',
  EXPECT_FILES: String(filesWithFindings),
};
const started = Date.now();
const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', join(import.meta.dirname, 'nvim-probe.lua')], { env, encoding: 'utf8', timeout: 90000 });
if (r.error) throw new Error(`cannot run nvim: ${r.error.message} (install the Debian package neovim)`);
const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
const expected = findings.filter((f) => f.path === 'controls/vendors.yaml').map((f) => `${f.line - 1}:${f.column - 1} ${f.rule}: ${f.message}`);

assert.equal(r.status, 0, `nvim exited with ${r.status}: ${r.stderr}`);
assert.deepEqual([out.start?.name, out.start?.root], ['crosswalk', acme], 'the documented block starts crosswalk in the example catalogue');
assert.deepEqual(
  out.diagnostics.map((d) => `${d.line}:${d.col} ${d.code}: ${d.message}`),
  expected,
);
assert.equal(out.files_with_diagnostics, filesWithFindings);
assert.match(out.hover, /^\*\*CC9\.2\*\* · SOC 2 · Security \(Common Criteria\) › Risk Mitigation/);
assert.match(out.hover, /\*\*Crosswalk → ISO 27001:\*\*/);
assert.deepEqual(
  out.layouts.map((l) => [l.file, l.root]),
  layouts,
);
// A second file of the same catalogue is served by the same server.
assert.equal(out.layouts[0].client, out.start.client);
assert.deepEqual([...new Set(out.layouts.map((l) => l.filetype))].sort(), ['markdown', 'yaml']);
const shims = out.shims.length > 0 ? `, with ${out.shims.join(' and ')} defined for this version` : '';
console.log(
  `neovim ${out.nvim} (${out.filetype}) configured by docs/editors.md${shims}: ${out.diagnostics.length} diagnostics in vendors.yaml, ${out.files_with_diagnostics} files with diagnostics, hover ok, ${out.layouts.length} layout roots ok, ${Date.now() - started} ms`,
);
