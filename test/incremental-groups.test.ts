// An edit to one member of a large group costs that member: the group is not
// re-checked when what its rule reads of the member is unchanged, and when it
// is re-checked only the files whose findings changed are re-sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, projectOf } from './helpers/memory.ts';

const control = (i: number, freq: string, soc2 = 'CC6.1', above = ''): string =>
  `${above}id: AC-${String(i).padStart(2, '0')}\ntitle: User access review ${i}\nowner: IT\nfrequency: ${freq}\nevidence: [x]\nmappings:\n  soc2: [${soc2}]\n  iso27001: [A.5.15]\n`;
const path = (i: number): string => `controls/c${String(i).padStart(2, '0')}.yaml`;

/** 30 controls stating the access review quarterly, the last one monthly: every one of them clashes. */
async function group() {
  const files: Record<string, string> = {};
  for (let i = 0; i < 30; i++) files[path(i)] = control(i, i === 29 ? 'monthly' : 'quarterly');
  return projectOf(files);
}

test("an edit that leaves a member's statement as it was touches only that file, and the others keep their findings", async () => {
  const p = await group();
  const before = p.findings(path(3))[0]!;
  assert.equal(before.rule, 'conflicting-frequency');
  const touched = p.setText(path(5), control(5, 'quarterly', 'CC9.9'));
  assert.deepEqual([...touched], [path(5)]);
  assert.strictEqual(p.findings(path(3))[0], before);
  assert.deepEqual(
    brief(p, path(5)).map((f) => f.replace(/: .*/, '')),
    ['controls/c05.yaml:4:12-4:21 warning conflicting-frequency', 'controls/c05.yaml:7:10-7:15 error unknown-id'],
  );
});

test('a statement moved down a line is re-checked: its own finding moves, the others name the new line', async () => {
  const p = await group();
  const touched = p.setText(path(0), control(0, 'quarterly', 'CC6.1', '# first\n'));
  // The monthly one names the first three quarterly ones, c00 among them; the others name only the monthly one.
  assert.deepEqual([...touched].sort(), [path(0), path(29)]);
  assert.deepEqual(brief(p, path(29)), [
    'controls/c29.yaml:4:12-4:19 warning conflicting-frequency: access review: monthly here, but quarterly in controls/c00.yaml:5 (AC-00); quarterly in controls/c01.yaml:4 (AC-01); quarterly in controls/c02.yaml:4 (AC-02); and 26 more; the stricter frequency (this one) wins: align the others',
  ]);
  assert.equal(
    brief(p, path(0))[0],
    'controls/c00.yaml:5:12-5:21 warning conflicting-frequency: access review: quarterly here, but monthly in controls/c29.yaml:4 (AC-29); the stricter frequency wins: make it monthly',
  );
});

test('when the odd one out agrees, every member of the group loses its finding and is re-sent', async () => {
  const p = await group();
  const touched = p.setText(path(29), control(29, 'quarterly'));
  assert.equal(touched.size, 30);
  assert.deepEqual(brief(p), []);
});

test('related places on a group finding are bounded: twenty of the twenty-nine that clash', async () => {
  const p = await group();
  const [f] = p.findings(path(29));
  assert.equal(f!.related!.length, 20);
  assert.deepEqual(f!.related![0], { path: path(0), range: { start: { line: 3, character: 11 }, end: { line: 3, character: 20 } }, message: 'access review: quarterly' });
});

test('editing the body of one policy does not re-send the others that lack front matter', async () => {
  const files: Record<string, string> = { 'policies/a.md': '---\nid: POL-A\ntitle: A\nowner: CISO\n---\n# A\n' };
  for (let i = 0; i < 5; i++) files[`policies/plain${i}.md`] = `# Plain ${i}\n\nText.\n`;
  const p = await projectOf(files);
  assert.equal(p.findings('policies/plain2.md')[0]!.rule, 'missing-front-matter');
  assert.deepEqual([...p.setText('policies/plain3.md', '# Plain 3\n\nOther text.\n')], ['policies/plain3.md']);
  assert.deepEqual([...p.setText('policies/a.md', '# A\n')].sort(), ['policies/a.md', 'policies/plain0.md', 'policies/plain1.md', 'policies/plain2.md', 'policies/plain3.md', 'policies/plain4.md']);
  assert.deepEqual(brief(p), []);
});

test('a policy title renamed in its front matter re-checks the documents citing the old or the new title, and only those', async () => {
  const doc = (id: string, title: string, body: string): string => `---\nid: ${id}\ntitle: ${title}\nowner: CISO\nreview_frequency: annual\nlast_reviewed: 2026-10-01\n---\n${body}\n`;
  const p = await projectOf({
    'policies/incident.md': doc('POL-IR', 'Security Incident Response Policy', 'Text.'),
    'policies/vendor.md': doc('POL-VM', 'Vendor Management Policy', 'Text.'),
    'policies/a.md': doc('POL-A', 'A', 'Breaches follow the Security Incident Response Policy.'),
    'policies/b.md': doc('POL-B', 'B', 'Breaches follow the Security Incident Handling Policy.'),
    'policies/c.md': doc('POL-C', 'C', 'Suppliers follow the Vendor Management Policy and the Backup Standard.'),
    'policies/d.md': doc('POL-D', 'D', 'Trips follow the Travel Expense Policy.'),
  });
  const unknown = (path: string, name: string, hint = ''): string => {
    const at = path === 'policies/d.md' ? '8:18-8:39' : '8:21-8:54';
    return `${path}:${at} warning unknown-document: no document in the repository is titled '${name}'${hint}`;
  };
  assert.deepEqual(brief(p), [
    unknown('policies/b.md', 'Security Incident Handling Policy', "; did you mean 'Security Incident Response Policy' (policies/incident.md)?"),
    unknown('policies/d.md', 'Travel Expense Policy'),
  ]);
  const standing = p.findings('policies/d.md')[0]!;

  // The new title is the one b cites, the old one a's: their findings come and go; c and d are not re-sent.
  const renamed = p.setText('policies/incident.md', doc('POL-IR', 'Security Incident Handling Policy', 'Text.'));
  assert.deepEqual([...renamed].sort(), ['policies/a.md', 'policies/b.md', 'policies/incident.md']);
  assert.deepEqual(brief(p), [
    unknown('policies/a.md', 'Security Incident Response Policy', "; did you mean 'Security Incident Handling Policy' (policies/incident.md)?"),
    unknown('policies/d.md', 'Travel Expense Policy'),
  ]);
  assert.strictEqual(p.findings('policies/d.md')[0], standing);

  const back = p.setText('policies/incident.md', doc('POL-IR', 'Security Incident Response Policy', 'Text.'));
  assert.deepEqual([...back].sort(), ['policies/a.md', 'policies/b.md', 'policies/incident.md']);
  assert.strictEqual(p.findings('policies/d.md')[0], standing);

  // A title like a name cited elsewhere, in a group of its own: that finding gains the suggestion.
  const travel = p.setText('policies/travel.md', doc('POL-TR', 'Travel Expenses Policy', 'Text.'));
  assert.deepEqual([...travel].sort(), ['policies/d.md', 'policies/travel.md']);
  assert.deepEqual(brief(p, 'policies/d.md'), [unknown('policies/d.md', 'Travel Expense Policy', "; did you mean 'Travel Expenses Policy' (policies/travel.md)?")]);

  // A title of another kind of document (no title ended in "Standard" before): the names of that kind are checked from now on.
  const standard = p.setText('policies/vendor.md', doc('POL-VM', 'Vendor Management Standard', 'Text.'));
  assert.deepEqual([...standard].sort(), ['policies/c.md', 'policies/vendor.md']);
  assert.deepEqual(brief(p, 'policies/c.md'), [
    "policies/c.md:8:22-8:46 warning unknown-document: no document in the repository is titled 'Vendor Management Policy'; did you mean 'Vendor Management Standard' (policies/vendor.md)?",
    "policies/c.md:8:55-8:70 warning unknown-document: no document in the repository is titled 'Backup Standard'",
  ]);
});
