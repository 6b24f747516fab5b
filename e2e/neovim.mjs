// Runs the Neovim probe on the example catalogue and checks what a Neovim
// user sees: the same diagnostics as `crosswalk check`, and a hover with the
// crosswalk. Needs `nvim` (Debian package neovim) and the built bundles.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';

const ROOT = resolve(import.meta.dirname, '..');
const acme = join(ROOT, 'examples', 'acme');
const file = join(acme, 'controls', 'vendors.yaml');
const cli = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), 'check', acme, '--format', 'json', '--today', '2026-11-24'], { encoding: 'utf8' });
const findings = JSON.parse(cli.stdout).findings;
const filesWithFindings = new Set(findings.map((f) => f.path)).size;
const env = { ...process.env, CROSSWALK_TODAY: '2026-11-24', LSP_CMD: JSON.stringify([process.execPath, join(ROOT, 'dist', 'server.cjs'), '--stdio']), PROBE_ROOT: acme, PROBE_FILE: file, HOVER_LINE: '44', HOVER_CHAR: '15', EXPECT_FILES: String(filesWithFindings) };
const started = Date.now();
const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', join(import.meta.dirname, 'nvim-probe.lua')], { env, encoding: 'utf8', timeout: 90000 });
if (r.error) throw new Error(`cannot run nvim: ${r.error.message} (install the Debian package neovim)`);
const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
const expected = findings.filter((f) => f.path === 'controls/vendors.yaml').map((f) => `${f.line - 1}:${f.column - 1} ${f.rule}: ${f.message}`);

assert.equal(r.status, 0, `nvim exited with ${r.status}: ${r.stderr}`);
assert.deepEqual(out.diagnostics.map((d) => `${d.line}:${d.col} ${d.code}: ${d.message}`), expected);
assert.equal(out.files_with_diagnostics, filesWithFindings);
assert.match(out.hover, /^\*\*CC9\.2\*\* · SOC 2 · Security \(Common Criteria\) › Risk Mitigation/);
assert.match(out.hover, /\*\*Crosswalk → ISO 27001:\*\*/);
console.log(`neovim ${out.nvim} (${out.filetype}): ${out.diagnostics.length} diagnostics in vendors.yaml, ${out.files_with_diagnostics} files with diagnostics, hover ok, ${Date.now() - started} ms`);
