// `crosswalk reviews`: policies by due date, and a policy whose text changed
// in git after its last review.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as nodePath from 'node:path';
import { gitRepo, removeScratch } from './helpers/gitRepo.ts';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');
after(removeScratch);

const policy = (id: string, reviewed: string, body: string): string =>
  `---\nid: ${id}\ntitle: ${id}\nowner: CISO\nreview_frequency: annual\nlast_reviewed: ${reviewed}\nsatisfies:\n  soc2: [CC1.1]\n---\n# ${id}\n\n${body}\n`;

test('reviews: buckets by due date, and a policy changed after its review', () => {
  const dir = gitRepo([
    { files: { 'policies/a.md': policy('POL-A', '2026-03-01', 'Old text.'), 'policies/b.md': policy('POL-B', '2025-10-01', 'Same text.') }, message: 'first', date: '2026-02-01' },
    { files: { 'policies/a.md': policy('POL-A', '2026-03-01', 'New text.') }, message: 'edit', date: '2026-06-01' },
  ]);
  const r = spawnSync(process.execPath, [CLI, 'reviews', '.', '--today', '2026-11-24'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(
    r.stdout,
    `Policy reviews as of 2026-11-24: 2 policies

Overdue (1):
  policies/b.md:2: POL-B: due 2026-10-01 (54 days overdue), last reviewed 2025-10-01, annual

Due later (1):
  policies/a.md:2: POL-A: due 2027-03-01 (in 97 days), last reviewed 2026-03-01, annual

Changed since their review (1):
  policies/a.md:2: info: POL-A changed after its review on 2026-03-01: review the new text and update last_reviewed
`,
  );
  assert.equal(r.status, 0);
});
