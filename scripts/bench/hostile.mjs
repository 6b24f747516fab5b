// Hostile shapes at two sizes, ten times apart, through the built CLI
// (`node scripts/build.mjs` first): how the cost of a check grows when a
// glossary, a group of duplicate ids, a list of activity phrases, a file's
// findings or YAML garbage grows tenfold. Near-linear rules give a ratio near
// 10; a quadratic one gives 100. Figures, not pass/fail (see docs/testing.md).
//   node scripts/bench/hostile.mjs [shape]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const CLI = resolve(import.meta.dirname, '..', '..', 'dist', 'cli.cjs');
const HEAD = (id) => `---\nid: ${id}\ntitle: ${id}\nowner: CISO\nreview_frequency: annual\nlast_reviewed: 2026-06-01\n---\n# ${id}\n\n`;

const SHAPES = {
  glossary: {
    base: 2400,
    files: (n) => ({
      'policies/a.md': `${HEAD('POL-1')}## Definitions\n\n${Array.from({ length: n }, (_, i) => `- **Term ${i}**: the thing numbered ${i} in the register.`).join('\n')}\n`,
      'policies/b.md': `${HEAD('POL-2')}## Definitions\n\n- **Term 7**: an unrelated colour of paint.\n`,
    }),
  },
  'duplicate-id': { base: 4000, files: (n) => ({ 'controls/many.yaml': '- id: C-1\n  title: T\n'.repeat(n) }) },
  'activity-phrases': {
    base: 1000,
    files: (n) => ({
      'crosswalk.yaml': `activities:\n  control drill: [${Array.from({ length: n }, (_, i) => `"control drill ${i}"`).join(', ')}]\n`,
      'policies/a.md': `${HEAD('POL-1')}${'The team meets and talks about many things. '.repeat(600)}Control drill 9 is performed quarterly.\n`,
    }),
  },
  'findings-per-file': { base: 13000, files: (n) => ({ 'controls/x.yaml': `id: C-X\nmappings:\n  soc2: [${Array(n).fill('x').join(',')}]\n` }) },
  'scope-wildcards': {
    base: 6,
    files: (n) => ({ 'crosswalk.yaml': `scope:\n  isms: ["${'*a'.repeat(n)}*b"]\n`, 'policies/a.md': HEAD('POL-1').replace('owner: CISO\n', `owner: CISO\nscope: [${'a'.repeat(n * 10)}]\n`) }),
  },
  'yaml-garbage': {
    base: 40_000,
    files: (n) => ({
      'controls/g.yaml': Array.from({ length: n / 20 }, (_, i) => `${i % 3 ? '- ' : ''}"x: [ {y ${i}\n`)
        .join('')
        .slice(0, n),
    }),
  },
};

function timeCheck(files) {
  const dir = mkdtempSync(join(tmpdir(), 'crosswalk-hostile-bench-'));
  try {
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    const started = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [CLI, 'check', dir, '--today', '2026-11-24'], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, CROSSWALK_WORKERS: '0' } });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (r.status === 2) throw new Error(r.stderr);
    return { ms, summary: r.stdout.trimEnd().split('\n').at(-1) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const only = process.argv[2];
console.log('shape                  size       ms   size x10       ms   ratio  summary at x10');
for (const [name, shape] of Object.entries(SHAPES)) {
  if (only && name !== only) continue;
  const small = timeCheck(shape.files(shape.base));
  const large = timeCheck(shape.files(shape.base * 10));
  // The CLI's start (about 150 ms) is paid at both sizes; the ratio is of what lies above it.
  const floor = timeCheck({ 'controls/a.yaml': 'id: C-1\ntitle: T\n' }).ms;
  const ratio = Math.max(large.ms - floor, 1) / Math.max(small.ms - floor, 1);
  console.log(
    `${name.padEnd(20)} ${String(shape.base).padStart(6)} ${small.ms.toFixed(0).padStart(8)} ${String(shape.base * 10).padStart(10)} ${large.ms.toFixed(0).padStart(8)} ${ratio.toFixed(1).padStart(7)}  ${large.summary}`,
  );
}
