// An edit to one member of a large group costs that member: the group is not
// re-checked when what its rule reads of the member is unchanged, and when it
// is re-checked only the files whose findings changed are re-sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, projectOf } from './helpers/memory.ts';
import { Catalogue } from '../server/core/engine/catalogue.ts';
import { fileRules, workspaceRules } from '../server/core/rules/index.ts';
import type { WorkspaceRule } from '../server/core/rules/rule.ts';

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

// A band of 40 policies from one template (overlapping-policies reads it as clusters), with a shared glossary entry.
const BODY =
  'Access to production systems is granted on the principle of least privilege. Managers approve every request in the ticketing system before an administrator grants it, and access is removed within one business day of a role change or departure. Administrators review all accounts with elevated rights every quarter and record the outcome. Shared accounts are not allowed; service accounts have a named owner who answers for them.';
const member = (i: number, soc2 = 'CC6.1, CC6.2, CC6.3', body = BODY, asset = 'anything of value to the company.'): string =>
  `---\nid: POL-${String(i).padStart(2, '0')}\ntitle: Access Policy ${i}\nowner: CISO\nlast_reviewed: 2026-06-01\nsatisfies:\n  soc2: [${soc2}]\n  iso27001: [A.5.15, A.5.18]\n---\n# Access\n\n${body}\n\n## Definitions\n\n- **Asset**: ${asset}\n`;
const bandPath = (i: number): string => `policies/p${String(i).padStart(2, '0')}.md`;

/** The band in a catalogue whose workspace rules count their whole checks, their updates and the findings they build. */
async function countedBand() {
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) files[bandPath(i)] = member(i);
  const p = await projectOf(files);
  const counts = new Map<string, { checks: number; updates: number; built: number }>();
  const rules = workspaceRules.map((r): WorkspaceRule => {
    const c = { checks: 0, updates: 0, built: 0 };
    counts.set(r.code, c);
    const inc = r.incremental;
    return {
      ...r,
      check: (...a) => {
        c.checks++;
        const out = r.check(...a);
        c.built += out.length;
        return out;
      },
      ...(inc && {
        incremental: {
          check: (...a) => {
            c.checks++;
            const out = inc.check(...a);
            c.built += out.findings.length;
            return out;
          },
          update: (...a) => {
            c.updates++;
            const out = inc.update(...a);
            c.built += out?.findings.length ?? 0;
            return out;
          },
        },
      }),
    };
  });
  const catalogue = new Catalogue({ registry: p.registry, config: p.config, today: p.today }, fileRules, rules);
  catalogue.update(Object.entries(files).map(([path, text]) => ({ path, facts: p.parse(path, text) })));
  const set = (i: number, text: string): string[] => {
    for (const c of counts.values()) Object.assign(c, { checks: 0, updates: 0, built: 0 });
    return [...catalogue.update([{ path: bandPath(i), facts: p.parse(bandPath(i), text) }])].sort();
  };
  const count = (code: string): string => {
    const c = counts.get(code)!;
    return `${c.checks} checks, ${c.updates} updates, ${c.built} findings built`;
  };
  return { catalogue, set, count };
}

test('an edit to one of 40 policies from one template that leaves what the band rules read as it was re-checks neither rule', async () => {
  const { catalogue, set, count } = await countedBand();
  const head = catalogue.findings(bandPath(0)).find((f) => f.rule === 'overlapping-policies')!;
  assert.match(head.message, /^policy POL-00 and 39 others cover the same ground/);
  assert.deepEqual(set(5, member(5, 'CC9.9, CC6.1, CC6.2, CC6.3')), [bandPath(5)]);
  assert.equal(count('overlapping-policies'), '0 checks, 0 updates, 0 findings built');
  assert.equal(count('conflicting-definition'), '0 checks, 0 updates, 0 findings built');
  assert.strictEqual(
    catalogue.findings(bandPath(0)).find((f) => f.rule === 'overlapping-policies'),
    head,
  );
});

test("a changed policy of a band of 40 is placed again alone: its own finding and its cluster head's are rebuilt, the other 38 are not", async () => {
  const { catalogue, set, count } = await countedBand();
  const other = catalogue.findings(bandPath(7)).find((f) => f.rule === 'overlapping-policies')!;
  // Fewer mappings: it leaves the coverage bands (each still 39 strong) and stays in the text bands.
  assert.deepEqual(set(5, member(5, 'CC6.1')), [bandPath(0), bandPath(5)]);
  // 16 text and 16 coverage bands of 40 (the shared glossary entry is not re-checked): each updated,
  // and the one band that reports the pair now builds the findings of the policy and its head.
  assert.equal(count('overlapping-policies'), '0 checks, 32 updates, 2 findings built');
  assert.equal(count('conflicting-definition'), '0 checks, 0 updates, 0 findings built');
  assert.strictEqual(
    catalogue.findings(bandPath(7)).find((f) => f.rule === 'overlapping-policies'),
    other,
  );
  assert.equal(
    catalogue.findings(bandPath(5)).find((f) => f.rule === 'overlapping-policies')!.message,
    'policies POL-05 and POL-00 cover the same ground: their text is about 100% the same; consolidate this policy into POL-00',
  );
});

test('a policy of the band that would come first in its clusters has the bands checked whole; a changed glossary entry re-checks its term', async () => {
  const { set, count } = await countedBand();
  // Mapping more than the head, it would head its clusters: where the others go may change.
  assert.deepEqual(set(5, member(5, 'CC6.1, CC6.2, CC6.3, CC7.1, CC7.2')).length, 40);
  // The 16 text bands it stays in (the update declines) and one new coverage band it shares, whole; the 16 coverage bands it left, updated.
  assert.equal(count('overlapping-policies'), '17 checks, 32 updates, 41 findings built');
  // A definition in other words: every copy of the glossary now disagrees with it, and it with them.
  assert.deepEqual(set(9, member(9, undefined, undefined, 'a laptop.')).length, 40);
  assert.equal(count('conflicting-definition'), '0 checks, 1 updates, 40 findings built');
  // The glossary is part of the text: its text bands change, each updated from it alone.
  assert.equal(count('overlapping-policies'), '0 checks, 32 updates, 4 findings built');
});

test('with one glossary entry worded apart, moving another down a line re-makes its finding alone; rewording a second one, all that name the first', async () => {
  const { catalogue, set, count } = await countedBand();
  set(9, member(9, undefined, undefined, 'a laptop.'));
  const kept = catalogue.findings(bandPath(12)).find((f) => f.rule === 'conflicting-definition')!;
  // Not among the twenty the odd one names: the finding of the one moved changes, no other.
  assert.deepEqual(set(30, member(30, undefined, `${BODY}\n`)), [bandPath(30)]);
  assert.equal(count('conflicting-definition'), '0 checks, 1 updates, 1 findings built');
  assert.equal(count('overlapping-policies'), '0 checks, 0 updates, 0 findings built');
  assert.strictEqual(
    catalogue.findings(bandPath(12)).find((f) => f.rule === 'conflicting-definition'),
    kept,
  );
  assert.equal(catalogue.findings(bandPath(30)).find((f) => f.rule === 'conflicting-definition')!.range.start.line, 16);
  // A second one worded apart: the 38 that name the odd ones now name two, and the two name 38.
  assert.equal(set(20, member(20, undefined, undefined, 'a laptop.')).length, 40);
  assert.equal(count('conflicting-definition'), '0 checks, 1 updates, 40 findings built');
  assert.equal(
    catalogue.findings(bandPath(12)).find((f) => f.rule === 'conflicting-definition')!.message,
    `'Asset' is defined differently in policies/p09.md:16 (POL-09), policies/p20.md:16 (POL-20): "anything of value to the company." here, "a laptop." there; keep one definition (a shared glossary) and refer to it`,
  );
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

test('a MinHash band one policy alone has becomes a group when a second policy joins, and stops reporting when one leaves', async () => {
  const policy = (id: string, soc2: string): string =>
    `---\nid: ${id}\ntitle: Access Policy\nowner: CISO\nlast_reviewed: 2026-06-01\nsatisfies:\n  soc2: [${soc2}]\n---\n# Access Policy\n\nAccess is granted by role.\n`;
  const overlaps = (p: Awaited<ReturnType<typeof projectOf>>): string[] => brief(p).filter((f) => f.includes('overlapping-policies'));
  const p = await projectOf({ 'policies/a.md': policy('POL-A', 'CC6.1, CC6.2, CC6.3') });
  assert.deepEqual(overlaps(p), []);
  // A second policy with the same coverage and title: both meet in every coverage band.
  p.setText('policies/b.md', policy('POL-B', 'CC6.1, CC6.2, CC6.3'));
  const both = overlaps(p);
  assert.deepEqual(
    both.map((f) => f.replace(/ warning.*/, '')),
    ['policies/a.md:2:5-2:10', 'policies/b.md:2:5-2:10'],
  );
  // It maps something else: the bands are the first policy's alone again.
  p.setText('policies/b.md', policy('POL-B', 'CC7.1, CC7.2, CC7.3'));
  assert.deepEqual(overlaps(p), []);
  // The first one goes while it has its bands alone; the second takes its coverage, alone; the first comes back.
  p.setText('policies/a.md', undefined);
  p.setText('policies/b.md', policy('POL-B', 'CC6.1, CC6.2, CC6.3'));
  assert.deepEqual(overlaps(p), []);
  p.setText('policies/a.md', policy('POL-A', 'CC6.1, CC6.2, CC6.3'));
  assert.deepEqual(overlaps(p), both);
  assert.deepEqual(brief(p), brief(await projectOf({ 'policies/a.md': policy('POL-A', 'CC6.1, CC6.2, CC6.3'), 'policies/b.md': policy('POL-B', 'CC6.1, CC6.2, CC6.3') })));
});
