// The editor's start-up probe agrees with the engine's layout detection: the
// server starts in a folder exactly when `crosswalk check` would find a
// catalogue there (or report that several qualify), and reads only folder
// listings to decide.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { catalogueHint, type Entry } from '../client/catalogueProbe.ts';
import { detectLayout } from '../server/core/knowledge/config/detect.ts';

/** A ReadFolder over a file listing, counting the folders it lists. */
function over(listing: string[]): { read: (path: string) => Promise<Entry[] | undefined>; reads: string[] } {
  const reads: string[] = [];
  const read = async (path: string): Promise<Entry[] | undefined> => {
    reads.push(path);
    const prefix = path === '' ? '' : `${path}/`;
    const entries = new Map<string, boolean>();
    for (const p of listing) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length).split('/');
      entries.set(rest[0]!, rest.length > 1 || entries.get(rest[0]!) === true);
    }
    return entries.size === 0 && path !== '' ? undefined : [...entries];
  };
  return { read, reads };
}

const engineFinds = (listing: string[]): boolean => {
  const d = detectLayout(listing.filter((p) => !/(^|\/)(\.git|node_modules|\.hg|\.svn)\//.test(p)));
  return listing.includes('crosswalk.yaml') || d.layout !== undefined || d.ambiguous !== undefined;
};

test('a folder with crosswalk.yaml, a policies/ or controls/ folder, a comply project or JupiterOne templates is a catalogue; others are not', async () => {
  const cases: Array<[string[], string | undefined]> = [
    [['crosswalk.yaml', 'README.md'], 'crosswalk.yaml'],
    [['README.md', 'src/index.ts', 'docs/setup.md', 'config/app.yaml'], undefined],
    [['controls/access.yaml'], 'controls/'],
    [['compliance/policies/access.md', 'compliance/narratives/org.md'], 'compliance/policies/'],
    [['a/b/c/policies/x.md'], 'a/b/c/policies/'],
    // JupiterOne templates: config.json beside policies/, procedures/ and standards/.
    [['templates/config.json', 'templates/policies/a.md.tmpl', 'templates/procedures/cp-a.md.tmpl', 'templates/standards/controls-mapping.json'], 'templates/policies/'],
    // Deeper than the detection looks, or inside a skipped folder: not a catalogue.
    [['a/b/c/d/policies/x.md'], undefined],
    [['node_modules/pkg/policies/x.md'], undefined],
    [['docs/crosswalk.yaml'], undefined],
  ];
  for (const [listing, expected] of cases) {
    assert.equal(await catalogueHint(over(listing).read), expected, listing.join(', '));
    assert.equal(engineFinds(listing), expected !== undefined, `engine on ${listing.join(', ')}`);
  }
});

test('the probe and the engine agree on any listing', async () => {
  const segment = fc.constantFrom('policies', 'controls', 'narratives', 'procedures', 'standards', 'templates', 'src', 'docs', 'a', 'node_modules', '.git');
  const file = fc.constantFrom('x.md', 'y.yaml', 'crosswalk.yaml', 'config.json', 'x.md.tmpl', 'm.json');
  const path = fc.tuple(fc.array(segment, { maxLength: 5 }), file).map(([dirs, f]) => [...dirs, f].join('/'));
  await fc.assert(
    fc.asyncProperty(fc.uniqueArray(path, { maxLength: 8 }), async (listing) => {
      assert.equal((await catalogueHint(over(listing).read)) !== undefined, engineFinds(listing), listing.join(', '));
    }),
    { numRuns: 300 },
  );
  // JupiterOne templates somewhere, among other files: rare in the listings above, so built here.
  const templates = fc.tuple(fc.array(segment, { maxLength: 4 }), fc.subarray(['policies/a.md.tmpl', 'procedures/cp-a.md.tmpl', 'standards/m.json', 'config.json'], { minLength: 3 }));
  await fc.assert(
    fc.asyncProperty(templates, fc.uniqueArray(path, { maxLength: 4 }), async ([dirs, files], other) => {
      const listing = [...new Set([...files.map((f) => [...dirs, f].join('/')), ...other])];
      assert.equal((await catalogueHint(over(listing).read)) !== undefined, engineFinds(listing), listing.join(', '));
    }),
    { numRuns: 300 },
  );
});

test('an unrelated repository costs a few folder listings, not a tree walk', async () => {
  const listing = Array.from({ length: 3000 }, (_, i) => `src/m${i % 30}/deep/er/still/f${i}.ts`);
  const { read, reads } = over(listing);
  assert.equal(await catalogueHint(read), undefined);
  // The root, src, its 30 modules and their deep/ folders: nothing below the depth the detection looks at.
  assert.equal(reads.length, 62);
});
