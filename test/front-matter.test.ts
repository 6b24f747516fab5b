// The cheap front-matter finder must agree with remark-frontmatter, which is
// what a Markdown parser (and GitHub's renderer) would make of the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import { findFrontMatter } from '../server/core/syntax/frontMatter.ts';

function viaRemark(text: string): string | undefined {
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(text) as Root;
  const node = tree.children[0];
  return node?.type === 'yaml' ? node.value : undefined;
}

const samples = [
  '---\nid: POL-1\ntitle: Access\n---\n# Access\n\nBody text.\n',
  '---\n---\n# Empty front matter\n',
  '---\r\nid: POL-2\r\n---\r\nWindows line ends\r\n',
  '# No front matter\n\n---\n\nA thematic break.\n',
  '---\nid: POL-3\ntitle: Closed at the end\n---',
  '---\nid: x\nnotes: |\n  a --- inside a block\n---\nbody\n',
  'text first\n---\nid: nope\n---\n',
];

test('front matter is found exactly where remark-frontmatter finds it', () => {
  for (const text of samples) {
    const fm = findFrontMatter(text);
    const mine =
      fm && !fm.unclosed
        ? text
            .slice(fm.start, fm.end)
            .replace(/\r?\n$/, '')
            .replace(/\r\n/g, '\n')
        : undefined;
    const theirs = viaRemark(text)?.replace(/\r\n/g, '\n');
    assert.equal(mine ?? undefined, theirs === undefined ? undefined : theirs, JSON.stringify(text));
  }
});

test('an unclosed front matter is reported as such', () => {
  assert.deepEqual(findFrontMatter('---\nid: POL-1\n# never closed\n'), { start: 4, end: 29, bodyStart: 29, blockEnd: 29, unclosed: true });
});
