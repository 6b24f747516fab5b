// `check --format markdown`: a summary table and findings by file, bounded,
// with repository text kept literal (no HTML, links, mentions or emphasis).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as nodePath from 'node:path';
import { findingsMarkdown } from '../server/format/findingsMarkdown.ts';
import { mdCode, mdText } from '../server/format/markdownText.ts';
import type { Finding } from '../server/core/types.ts';
import { removeScratch, scratchDir, writeFiles } from './helpers/gitRepo.ts';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');
after(removeScratch);

test('check --format markdown: summary table, findings grouped by file, hostile text escaped', () => {
  const dir = scratchDir('crosswalk-md-');
  writeFiles(dir, {
    'controls/a.yaml':
      'controls:\n  - id: C-1\n    title: T\n    owner: IT\n    frequency: quarterly\n    evidence: [E]\n    policies: ["POL-<img src=x>_@bob_[x](http://e.com)|`"]\n    mappings:\n      soc2: [CC6.1]\n      iso27001: [A.5.15]\n',
    'controls/b.yaml': 'controls:\n  - id: C-2\n    title: T\n    owner: IT\n    frequency: daily\n    evidence: [E]\n    mappings:\n      soc2: [CC9.9]\n      iso27001: [A.8.13]\n',
  });
  const r = spawnSync(process.execPath, [CLI, 'check', dir, '--format', 'markdown', '--today', '2026-11-24'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  const hostile = 'POL-&lt;img src=x&gt;\\_@\u2060bob\\_\\[x\\](http:\u2060//e.com)\\|\\`';
  assert.equal(
    r.stdout,
    `## Crosswalk check

2 findings in 2 of 2 files.

| Severity | Findings |
|---|---:|
| error | 2 |
| warning | 0 |
| info | 0 |

### \`controls/a.yaml\`

- line 7: **error** \`unresolved-reference\`: 'policies' names policy ${hostile}, but no policy has the id ${hostile}

### \`controls/b.yaml\`

- line 8: **error** \`unknown-id\`: unknown SOC 2 id 'CC9.9'; did you mean CC9.2, CC9.1 or CC6.8?
`,
  );
  assert.doesNotMatch(r.stdout, /<img|(?<!\\)\]\(/);
});

test('markdown output is bounded: the first findings listed, the rest counted', () => {
  const at = (i: number): Finding => ({
    rule: 'unknown-id',
    severity: 'error',
    path: `controls/c${String(i).padStart(3, '0')}.yaml`,
    range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } },
    message: `m${i}`,
  });
  const md = findingsMarkdown(
    Array.from({ length: 130 }, (_, i) => at(i)),
    200,
  );
  const items = md.split('\n').filter((l) => l.startsWith('- line '));
  assert.equal(items.length, 100);
  assert.equal(items.at(-1), '- line 100: **error** `unknown-id`: m99');
  assert.match(md, /\n… and 30 more \(run `crosswalk check` for the full list\)\.\n$/);
  assert.equal(findingsMarkdown([], 3), '## Crosswalk check\n\nNo problems in 3 files.\n');
});

test('mdText and mdCode keep text literal', () => {
  assert.equal(
    mdText('**bold** <script>alert(1)</script> #12 @team www.x.io ~~s~~ $x$ a\nb'),
    '\\*\\*bold\\*\\* &lt;script&gt;alert(1)&lt;/script&gt; \\#12 @\u2060team www\u2060.x.io \\~\\~s\\~\\~ \\$x\\$ a b',
  );
  assert.equal(mdCode('a`b'), '`` a`b ``');
  assert.equal(mdCode('controls/x.yaml'), '`controls/x.yaml`');
});
