// Rules that read what policies say in their own words: titles written beside
// framework ids (wrong-title), documents they cite (unknown-document) and the
// files they link to (broken-link).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, brief, projectOf } from './helpers/memory.ts';
import { TITLE_PAIRS } from './helpers/titlePairs.ts';
import { targetAt } from '../server/core/queries/target.ts';
import { hoverText } from '../server/core/queries/hover.ts';
import { definition, renameEdits, renameRange } from '../server/core/queries/navigation.ts';

const policy = (id: string, title: string, body: string): string => `---\nid: ${id}\ntitle: ${title}\nowner: CISO\nreview_frequency: annual\nlast_reviewed: 2026-10-01\n---\n${body}`;

test('wrong-title: precision and recall on the written set of id-title pairs', async () => {
  const fits = TITLE_PAIRS.filter((p) => p.fits).length;
  assert.ok(TITLE_PAIRS.length >= 150 && fits * 2 === TITLE_PAIRS.length, 'at least 150 pairs, half of them acceptable');
  const rows = TITLE_PAIRS.map((p) => `| ${p.id} | ${p.title} |`).join('\n');
  const p = await projectOf({ 'policies/t.md': policy('POL-T', 'Mapping table', `| Requirement | Title |\n|---|---|\n${rows}\n`) });
  const firstRow = 9; // 0-based line of the first pair
  const flagged = new Set(
    p
      .findings('policies/t.md')
      .filter((f) => f.rule === 'wrong-title')
      .map((f) => f.range.start.line - firstRow),
  );
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const missed: string[] = [];
  TITLE_PAIRS.forEach((pair, i) => {
    if (flagged.has(i) && !pair.fits) tp++;
    else if (flagged.has(i)) {
      fp++;
      missed.push(`flagged: ${pair.id} ${pair.title}`);
    } else if (!pair.fits) {
      fn++;
      missed.push(`not flagged: ${pair.id} ${pair.title}`);
    }
  });
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  console.log(
    `wrong-title on ${TITLE_PAIRS.length} pairs: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${tp} caught, ${fp} false, ${fn} missed)${missed.length ? `\n  ${missed.join('\n  ')}` : ''}`,
  );
  assert.ok(precision >= 0.95, `precision ${precision}`);
  assert.ok(recall >= 0.8, `recall ${recall}`);
});

const titled = `# Access

### CC6.8 — Physical Access Controls

## CC6.1 Logical access

- A.8.1: Inventory of assets
- CC6.5 (Access review)
- CC6.1: access is reviewed every quarter by the owners of each system and the CISO.
- [CC6.4 Physical access](https://example.com/cc64)
- **A.5.15** — *Access control*

| Clause 9.2 | Management review |

Under CC6.1 (Physical security) we require MFA. See CC6.8: Physical access.
`;

test('wrong-title: headings, list items, link texts and table rows; names the requirement the title belongs to, in either ISO edition', async () => {
  const p = await projectOf({ 'policies/a.md': policy('POL-A', 'Access', titled) });
  assert.deepEqual(
    brief(p).filter((l) => l.includes(' wrong-title: ')),
    [
      "policies/a.md:10:13-10:37 warning wrong-title: 'Physical Access Controls' is not the title of CC6.8 (Preventing or detecting unauthorized or malicious software): it is that of CC6.4; did you mean CC6.4, or the title 'Preventing or detecting unauthorized or malicious software'?",
      "policies/a.md:14:10-14:29 warning wrong-title: 'Inventory of assets' is not the title of A.8.1 (User endpoint devices): it is that of A.8.1.1 of the 2013 edition (ISO 27001:2013); did you mean A.5.9, or the title 'User endpoint devices'?",
      "policies/a.md:15:10-15:23 warning wrong-title: 'Access review' does not describe SOC 2 CC6.5 (Protections removed from physical assets only once data can no longer be recovered): check the id, or use its title",
      "policies/a.md:20:16-20:33 warning wrong-title: 'Management review' is not the title of 9.2 (Internal audit): it is that of 9.3; did you mean 9.3, or the title 'Internal audit'?",
    ],
  );
  const [cc68, a81, , clause] = p.findings('policies/a.md').filter((f) => f.rule === 'wrong-title');
  assert.deepEqual(
    cc68!.fixes!.map((f) => f.title),
    ['Change the id to CC6.4', "Change the title to 'Preventing or detecting unauthorized or malicious software'"],
  );
  const text = policy('POL-A', 'Access', titled);
  assert.match(applyEdits(text, cc68!.fixes![0]!.edits), /^### CC6\.4 — Physical Access Controls$/m);
  assert.match(applyEdits(text, a81!.fixes![1]!.edits), /^- A\.8\.1: User endpoint devices$/m);
  // The id is replaced as it was written.
  assert.match(applyEdits(text, clause!.fixes![0]!.edits), /^\| Clause 9\.3 \| Management review \|$/m);
});

test('wrong-title: silent on fitting titles, on sentences after an id and on ids inside running text', async () => {
  const body = `## CC6.1 — Logical access\n\n| A.8.12 | Data loss prevention |\n\n- CC7.4: Incident response\n- CC6.1: reviewed every quarter by the owners of each system.\n- A.5.15 (see AC-01)\n\nUnder CC6.1 (Physical security) we require MFA.\n`;
  const p = await projectOf({ 'policies/a.md': policy('POL-A', 'Access', body) });
  assert.deepEqual(
    brief(p).filter((l) => l.includes(' wrong-title: ')),
    [],
  );
});

test("wrong-title: a criterion titled with its family's name fits; another requirement is named only where the same words are its title's", async () => {
  const body = [
    '## Control environment',
    '### CC1.1 – Control Environment',
    '### CC2.1 – Communication and Information',
    '### CC9.2 – Risk Mitigation',
    '### CC6.2 – Physical Access',
    '### CC7.2 – Response',
    '### CC5.1 – Control Environment',
    '### CC6.1 – Physical security',
    '### CC7.3 – Security event evaluation',
    '',
  ].join('\n');
  const p = await projectOf({ 'policies/a.md': policy('POL-A', 'Criteria', body) });
  assert.deepEqual(
    brief(p).filter((l) => l.includes(' wrong-title: ')),
    [
      "policies/a.md:12:13-12:28 warning wrong-title: 'Physical Access' is not the title of CC6.2 (User registration/authorization before access; credential removal when no longer authorized): it is that of CC6.4; did you mean CC6.4, or the title 'User registration/authorization before access; credential removal when no longer authorized'?",
      // "Response" is CC7.4's word ("a defined response program"), not CC2.2's "responsibilities".
      "policies/a.md:13:13-13:21 warning wrong-title: 'Response' is not the title of CC7.2 (Monitoring system components for anomalies indicating security events): it is that of CC7.4; did you mean CC7.4, or the title 'Monitoring system components for anomalies indicating security events'?",
      // Not A1.2's "Environmental protections": the control environment is CC1's, which CC5.1 is not of.
      "policies/a.md:14:13-14:32 warning wrong-title: 'Control Environment' does not describe SOC 2 CC5.1 (Control activities chosen to bring risks to acceptable levels): check the id, or use its title",
      // Security counts for nothing, so the title is its word "Physical"; "evaluation" meets CC7.3's "Evaluating".
      "policies/a.md:15:13-15:30 warning wrong-title: 'Physical security' is not the title of CC6.1 (Logical access security software, infrastructure and architecture over protected assets): it is that of CC6.4; did you mean CC6.4, or the title 'Logical access security software, infrastructure and architecture over protected assets'?",
    ],
  );
});

const citing = `# Data handling

Incidents are reported under the Security Incident Management Policy (see also the Acme Vendor Management Policy).
Visitors follow the Data Center Security Policy; the Incident Response Plan names the contacts.
Passwords follow NIST SP 800-63 and the ISO/IEC 27002 Standard; key issuance is kept in the Office Policy Ledger.
Exceptions to this Policy are approved by the CISO. \`Example Policy\` is code.

## Retention Policy
`;

const repo = (): Record<string, string> => ({
  'policies/data.md': policy('POL-DATA', 'Data Handling Policy', citing),
  'policies/incident.md': policy('POL-IR', 'Security Incident Response Policy', 'Text.\n'),
  'policies/vendor.md': policy('POL-VM', 'Vendor Management Policy', 'Text.\n'),
  'policies/datacenter.md': policy('POL-DC', 'Datacenter Policy', 'Text.\n'),
});

test('unknown-document: a cited document no policy is titled, with the closest titles; publishers, plans with no plan in the repository, headings and code are left alone', async () => {
  const p = await projectOf(repo());
  assert.deepEqual(brief(p), [
    "policies/data.md:10:34-10:69 warning unknown-document: no document in the repository is titled 'Security Incident Management Policy'; did you mean 'Security Incident Response Policy' (policies/incident.md)?",
    "policies/data.md:11:21-11:48 warning unknown-document: no document in the repository is titled 'Data Center Security Policy'; did you mean 'Datacenter Policy' (policies/datacenter.md)?",
  ]);
  const f = p.findings('policies/data.md')[0]!;
  assert.deepEqual(
    f.fixes!.map((x) => [x.title, x.preferred]),
    [["Change to 'Security Incident Response Policy'", true]],
  );
  assert.match(applyEdits(repo()['policies/data.md']!, f.fixes![0]!.edits), /under the Security Incident Response Policy \(see/);
});

test('unknown-document: silent when every cited name is a title, written with or without words in front or "and" parts', async () => {
  const body = 'See the Vendor Management Policy, the Acme Datacenter Policy, the Termination Policy and the Access Onboarding Policy.\n';
  const p = await projectOf({
    'policies/a.md': policy('POL-A', 'Access Onboarding and Termination Policy', body),
    'policies/vendor.md': policy('POL-VM', 'Vendor Management Policy', 'Text.\n'),
    'policies/datacenter.md': policy('POL-DC', 'Datacenter Policy', 'Text.\n'),
  });
  assert.deepEqual(brief(p), []);
});

test('unknown-document: "<A> Policy and <B>" answers to "<A> Policy" as written; another name is still reported', async () => {
  const body = 'Concerns are raised under the Grievance Policy, never the Staff Grievance Policy; suppliers follow the Vendor Policy.\n';
  const p = await projectOf({
    'policies/handbook.md': policy('POL-HB', 'Staff Handbook', body),
    'policies/grievance.md': policy('POL-GR', 'Grievance Policy and Process', 'This Grievance Policy applies to every employee.\n'),
    'policies/vendor.md': policy('POL-VM', 'Vendor Management Policy', 'Text.\n'),
  });
  assert.deepEqual(brief(p), [
    "policies/handbook.md:8:59-8:81 warning unknown-document: no document in the repository is titled 'Staff Grievance Policy'",
    "policies/handbook.md:8:104-8:117 warning unknown-document: no document in the repository is titled 'Vendor Policy'; did you mean 'Vendor Management Policy' (policies/vendor.md)?",
  ]);
});

test('unknown-document: a name wrapped onto the next line is read whole; names one a line are not run together', async () => {
  const body = [
    'Media is wiped and disposed of according to the Media',
    'Disposal Policy. Changes are approved by the CISO',
    'Vendor Management Policy owner.',
    '',
    'Related documents:',
    'Incident Response Plan',
    'Access Policy',
    '',
  ].join('\n');
  const p = await projectOf({
    'policies/media.md': policy('POL-MD', 'Media Handling Policy', body),
    'policies/disposal.md': policy('POL-DP', 'Media Disposal Process', 'Text.\n'),
    'policies/vendor.md': policy('POL-VM', 'Vendor Management Policy', 'Text.\n'),
  });
  // The wrapped name runs from the end of line 8 to line 9; "CISO Vendor Management Policy" still cites the vendor policy.
  assert.deepEqual(brief(p), [
    "policies/media.md:8:49-9:16 warning unknown-document: no document in the repository is titled 'Media Disposal Policy'; did you mean 'Media Disposal Process' (policies/disposal.md)?",
    "policies/media.md:14:1-14:14 warning unknown-document: no document in the repository is titled 'Access Policy'",
  ]);
});

test("unknown-document: technical names and publishers' standards are not the repository's documents", async () => {
  const body = [
    'Servers are hardened through Group Policy and browsers get a Content Security Policy header.',
    'Data at rest is encrypted with the Advanced Encryption Standard; card data follows the Payment Card',
    'Industry Data Security Standard (PCI DSS) and transfers use the EU Standard contractual clauses.',
    'See the Vendor Management Policy.',
  ].join('\n');
  const p = await projectOf({ 'policies/a.md': policy('POL-A', 'Access Policy', `${body}\n`), 'policies/vendor.md': policy('POL-VM', 'Vendor Management Policy', 'Text.\n') });
  assert.deepEqual(brief(p), []);
});

const procedures = `# Breach handling

1. Follow Incident Response Plan
2. Consult the Vendor Management Policy for suppliers.
3. Review Disaster Recovery Plan

The Draft Policy and the Revised Plan are kept by the CISO; staff sign the Vendor Management Policy and Breach Handling Policy.

| Version | Date | Author | Changes |
|---------|------|--------|---------|
| 1.0 | 2024-01-10 | A. Author | Initial Policy |
| 1.1 | 2024-06-02 | A. Author | Access rules moved to the Access Control Policy |

| Step | Document |
|------|----------|
| 1 | Initial Policy |
| 2 | Business Continuity Plan |

## Change Log

- 2023: split out of the Data Handling Policy

### 2022

- First drafted beside the Records Policy

## Contacts

Suppliers follow the Supplier Security Policy.
`;

test('unknown-document: version words and leading verbs are not part of a name; revision histories are not read', async () => {
  const p = await projectOf({
    'policies/breach.md': policy('POL-BR', 'Breach Handling Policy', procedures),
    'policies/ir.md': policy('POL-IR', 'Security Incident Response Plan', 'Text.\n'),
    'policies/vendor.md': policy('POL-VM', 'Vendor Management Policy', 'Text.\n'),
  });
  // "Incident Response Plan" is the title with a word in front left out: it cites it.
  assert.deepEqual(brief(p), [
    "policies/breach.md:12:11-12:33 warning unknown-document: no document in the repository is titled 'Disaster Recovery Plan'",
    "policies/breach.md:24:7-24:31 warning unknown-document: no document in the repository is titled 'Business Continuity Plan'",
    "policies/breach.md:36:22-36:46 warning unknown-document: no document in the repository is titled 'Supplier Security Policy'",
  ]);
});

test('broken-link: a footnote definition is not a link', async () => {
  const body = 'Special categories are handled apart.[^1]\n\n[^1]: _"Special categories" as the regulation defines them._\n';
  const p = await projectOf({ ...linked(), 'policies/overview.md': policy('POL-IDX', 'Index', body) });
  assert.deepEqual(brief(p, 'policies/overview.md'), []);
});

test('unknown-document: renaming a policy title re-checks the documents that cite it, and only the groups it touches', async () => {
  const p = await projectOf(repo());
  const changed = p.setText('policies/incident.md', policy('POL-IR', 'Security Incident Management Policy', 'Text.\n'));
  assert.deepEqual(brief(p), [
    "policies/data.md:11:21-11:48 warning unknown-document: no document in the repository is titled 'Data Center Security Policy'; did you mean 'Datacenter Policy' (policies/datacenter.md)?",
  ]);
  assert.deepEqual([...changed].sort(), ['policies/data.md', 'policies/incident.md']);
  p.setText('policies/incident.md', policy('POL-IR', 'Security Incident Policy', 'Text.\n'));
  // The suggestion follows the titles that exist now.
  assert.equal(
    brief(p)[0],
    "policies/data.md:10:34-10:69 warning unknown-document: no document in the repository is titled 'Security Incident Management Policy'; did you mean 'Security Incident Policy' (policies/incident.md)?",
  );
});

/** A comply header (name, acronym, TSC, a revision, closing ---) over a body. */
const complyDoc = (name: string, acronym: string, body: string): string =>
  `name: ${name}\nacronym: ${acronym}\nsatisfies:\n  TSC: [CC6.1]\nmajorRevisions:\n  - date: Oct 1 2026\n    comment: First version\n---\n# ${name}\n\n${body}`;

test('unknown-document: a name joined by slashes is one name, quoted whole; its parts answer to a title joined with "and"', async () => {
  const body = ['Laptops are handled under the Portable Storage/Cloud Drives/Personal Phone Policy.', 'Copies follow the Portable Storage/Cloud Drives Policy and the Cloud Drives Policy.', ''].join(
    '\n',
  );
  const p = await projectOf({
    'policies/devices.md': complyDoc('Device Policy', 'DEV', body),
    'policies/storage.md': complyDoc('Portable Storage and Cloud Drives Policy', 'STO', 'Text.\n'),
  });
  assert.deepEqual(brief(p), [
    "policies/devices.md:11:31-11:82 warning unknown-document: no document in the repository is titled 'Portable Storage/Cloud Drives/Personal Phone Policy'; did you mean 'Portable Storage and Cloud Drives Policy' (policies/storage.md)?",
  ]);
});

const linking = `# Links

See [access control](./access.md#user-reviews), [the old page](../policies/old-access.md) and [the vendor list](vendors/list.md).
![network](../docs/network.png) and ![missing](../docs/missing.png). Mail [us](mailto:a@example.com), read [the site](https://example.com/x.md).
Also [local](/Users/ann/Documents/backup.md), [up](../../../etc/passwd), [home](#links), [nowhere](#linkz), [folder](../controls).

\`[in code](./nothing.md)\`

[ref]: ./gone.md
`;

const linked = (): Record<string, string> => ({
  'policies/overview.md': policy('POL-IDX', 'Index', linking),
  'policies/archive/access.md': policy('POL-AC', 'Access', '# Access\n\n## User reviews\n'),
  'docs/network.png': 'png',
  'controls/a.yaml': 'id: C-1\ntitle: x\nowner: o\nfrequency: annual\nevidence: [x]\nmappings:\n  soc2: [CC6.1]\n  iso27001: [A.5.15]\n',
});

test('broken-link: missing files (with the file of that name elsewhere), missing anchors, paths on one machine and out of the repository', async () => {
  const p = await projectOf(linked());
  assert.deepEqual(brief(p, 'policies/overview.md'), [
    "policies/overview.md:10:22-10:46 warning broken-link: link to './access.md#user-reviews': there is no policies/access.md in the repository; did you mean './archive/access.md#user-reviews'?",
    "policies/overview.md:10:64-10:89 warning broken-link: link to '../policies/old-access.md': there is no policies/old-access.md in the repository",
    "policies/overview.md:10:113-10:128 warning broken-link: link to 'vendors/list.md': there is no policies/vendors/list.md in the repository",
    "policies/overview.md:11:48-11:67 warning broken-link: link to '../docs/missing.png': there is no docs/missing.png in the repository",
    "policies/overview.md:12:14-12:44 warning broken-link: link to '/Users/ann/Documents/backup.md' is a path on one machine: link to a file in the repository, relative to this one",
    "policies/overview.md:12:52-12:71 warning broken-link: link to '../../../etc/passwd' climbs out of the repository: link to a file in the repository, relative to this one",
    "policies/overview.md:12:100-12:106 warning broken-link: link to '#linkz': policies/overview.md has no heading with the anchor '#linkz'; did you mean '#links'?",
    "policies/overview.md:16:8-16:17 warning broken-link: link to './gone.md': there is no policies/gone.md in the repository",
  ]);
  const f = p.findings('policies/overview.md')[0]!;
  assert.deepEqual(
    f.fixes!.map((x) => x.title),
    ["Link to './archive/access.md#user-reviews'"],
  );
});

test('broken-link: silent when every target and anchor exists; an anchor of a file that is not a policy is not checked', async () => {
  const body = '[a](./archive/access.md#user-reviews), [b](archive/access.md), [c](../docs/network.png#x), [d](#links), [e](../controls/), [f](<../docs/network.png> "title")\n\n# Links\n';
  const p = await projectOf({ ...linked(), 'policies/overview.md': policy('POL-IDX', 'Index', body) });
  assert.deepEqual(brief(p, 'policies/overview.md'), []);
});

test('broken-link: a file that appears or goes re-checks the links to it, and a heading renamed re-checks the anchors', async () => {
  const p = await projectOf(linked());
  const before = brief(p, 'policies/overview.md').length;
  p.setText('policies/old-access.md', policy('POL-OLD', 'Old access', '# Old\n'));
  assert.equal(brief(p, 'policies/overview.md').length, before - 1);
  p.setText('docs/network.png', undefined);
  assert.match(brief(p, 'policies/overview.md').join('\n'), /link to '\.\.\/docs\/network\.png': there is no docs\/network\.png in the repository/);
  p.setText('policies/access.md', policy('POL-AC2', 'Access two', '# Access\n\n## Reviews\n'));
  assert.deepEqual(
    brief(p, 'policies/overview.md').filter((l) => l.includes('access.md')),
    ["policies/overview.md:10:22-10:46 warning broken-link: link to './access.md#user-reviews': policies/access.md has no heading with the anchor '#user-reviews'; did you mean '#reviews'?"],
  );
  p.setText('policies/access.md', policy('POL-AC2', 'Access two', '# Access\n\n## User reviews\n'));
  assert.deepEqual(
    brief(p, 'policies/overview.md').filter((l) => l.includes('access.md')),
    [],
  );
});

test('broken-link: a template links to what the others render to; a link whose text runs over two lines is read', async () => {
  const tmpl = (title: string, body: string): string => `# ${title}\n\nOwner: Security team\n\n${body}`;
  const files = {
    'policies/assets.md.tmpl': tmpl('Asset Management', 'Data is handled as the [data handling\nmodel](data.md#handling-model) says, and [the\nroles](roles.md), see [the handbook](handbook.md).\n'),
    'policies/data.md.tmpl': tmpl('Data Management', '## Scope\n'),
    'policies/plain.md': '---\nid: POL-P\ntitle: Plain\nowner: CISO\nlast_reviewed: 2026-10-01\n---\nSee [data](data.md).\n',
  };
  const p = await projectOf(files);
  assert.deepEqual(
    brief(p).filter((l) => l.includes('broken-link')),
    [
      "policies/assets.md.tmpl:7:8-7:16 warning broken-link: link to 'roles.md': there is no policies/roles.md in the repository",
      "policies/assets.md.tmpl:7:38-7:49 warning broken-link: link to 'handbook.md': there is no policies/handbook.md in the repository",
      "policies/plain.md:7:12-7:19 warning broken-link: link to 'data.md': there is no policies/data.md in the repository",
    ],
  );
  // The template that renders to roles.md appears, and the one for data.md goes: the links to them are checked again.
  p.setText('policies/roles.md.tmpl', tmpl('Roles', 'Text.\n'));
  p.setText('policies/data.md.tmpl', undefined);
  assert.deepEqual(
    brief(p).filter((l) => l.includes('broken-link')),
    [
      "policies/assets.md.tmpl:6:8-6:30 warning broken-link: link to 'data.md#handling-model': there is no policies/data.md in the repository",
      "policies/assets.md.tmpl:7:38-7:49 warning broken-link: link to 'handbook.md': there is no policies/handbook.md in the repository",
      "policies/plain.md:7:12-7:19 warning broken-link: link to 'data.md': there is no policies/data.md in the repository",
    ],
  );
  const { 'policies/data.md.tmpl': _gone, ...now } = files;
  assert.deepEqual(brief(p), brief(await projectOf({ ...now, 'policies/roles.md.tmpl': tmpl('Roles', 'Text.\n') })));
});

test('editor: hover on a cited document name shows the policy it refers to; go to definition opens its title, or the linked file', async () => {
  const p = await projectOf(repo());
  const file = p.catalogue.file('policies/data.md')!;
  const lines = repo()['policies/data.md']!.split('\n');
  const at = (line: number, words: string) => targetAt(file, { line, character: lines[line]!.indexOf(words) + 2 })!;
  const vendor = at(9, 'Acme Vendor');
  assert.equal(vendor.kind, 'citation');
  assert.equal(hoverText(p, vendor), '**Vendor Management Policy** · `policies/vendor.md`\n\npolicy `POL-VM` · owner CISO · reviewed 2026-10-01');
  assert.deepEqual(
    definition(p, vendor, () => undefined),
    [{ path: 'policies/vendor.md', range: { start: { line: 2, character: 7 }, end: { line: 2, character: 31 } } }],
  );
  const unknown = at(9, 'Security Incident');
  assert.equal(hoverText(p, unknown), 'No document in this repository is titled `Security Incident Management Policy`.');
  assert.deepEqual(
    definition(p, unknown, () => undefined),
    [],
  );

  const q = await projectOf(linked());
  const index = q.catalogue.file('policies/overview.md')!;
  const links = linked()['policies/overview.md']!.split('\n');
  const link = targetAt(index, { line: 10, character: links[10]!.indexOf('../docs/network') + 2 })!;
  assert.equal(link.kind, 'link');
  assert.deepEqual(
    definition(q, link, () => undefined),
    [{ path: 'docs/network.png', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }],
  );
  assert.deepEqual(
    definition(q, targetAt(index, { line: 10, character: links[10]!.indexOf('../docs/missing') + 2 })!, () => undefined),
    [],
  );
});

test('editor: renaming a policy title, from its header or from a name citing it, updates the names that cite it in full', async () => {
  const files = {
    ...repo(),
    'policies/other.md': policy('POL-O', 'Other', 'Vendors follow the Vendor Management Policy. The Conduct Policy and the Acme Vendor Management Policy apply.\n'),
  };
  const p = await projectOf(files);
  const header = targetAt(p.catalogue.file('policies/vendor.md')!, { line: 2, character: 10 })!;
  assert.equal(header.kind, 'title');
  assert.deepEqual(renameRange(header), { start: { line: 2, character: 7 }, end: { line: 2, character: 31 } });
  const edits = renameEdits(p, header, 'Supplier Management Policy');
  assert.deepEqual(
    edits.map((e) => `${e.path}:${e.range.start.line}:${e.range.start.character}-${e.range.end.character} ${e.newText}`),
    [
      'policies/vendor.md:2:7-31 Supplier Management Policy',
      'policies/data.md:9:88-112 Supplier Management Policy',
      'policies/other.md:7:19-43 Supplier Management Policy',
      'policies/other.md:7:77-101 Supplier Management Policy',
    ],
  );
  const renamed = applyEdits(
    files['policies/other.md'],
    edits.filter((e) => e.path === 'policies/other.md'),
  );
  assert.match(renamed, /^Vendors follow the Supplier Management Policy\. The Conduct Policy and the Acme Supplier Management Policy apply\.$/m);
  // From a citation, the same edits; a title YAML would misread is quoted.
  const other = p.catalogue.file('policies/other.md')!;
  const cited = targetAt(other, { line: 7, character: 25 })!;
  assert.equal(cited.kind, 'citation');
  assert.equal(renameEdits(p, cited, 'Vendors: Management Policy')[0]!.newText, '"Vendors: Management Policy"');
  assert.throws(() => renameEdits(p, targetAt(p.catalogue.file('policies/data.md')!, { line: 9, character: 40 })!, 'X Policy'), /no document in the repository has this title/);
});

test('cited-only: a requirement a policy cites that nothing maps, once per policy, with a fix that adds it; silent once a control or a parent clause maps it', async () => {
  const text = policy('POL-A', 'Access', 'Reviews follow A.8.2 and A.8.2 again, CC6.1, Clause 9 and ISO 27001 Clause 7.2; A.7.12 is excluded.\n').replace(
    'last_reviewed: 2026-10-01\n',
    'last_reviewed: 2026-10-01\nsatisfies:\n  soc2: [CC6.1]\n',
  );
  const files = { 'policies/a.md': text, 'crosswalk.yaml': 'statement_of_applicability:\n  exclusions:\n    - { id: A.7.12, justification: No cabling of our own }\n' };
  const p = await projectOf(files);
  assert.deepEqual(brief(p, 'policies/a.md'), [
    "policies/a.md:10:16-10:21 info cited-only: A.8.2 (Privileged access rights) is cited here, but no control or policy maps it: coverage counts it as a gap; if this policy meets it, add it to the policy's mappings",
    "policies/a.md:10:59-10:79 info cited-only: 7.2 (Competence) is cited here, but no control or policy maps it: coverage counts it as a gap; if this policy meets it, add it to the policy's mappings",
  ]);
  const fix = p.findings('policies/a.md')[0]!.fixes![0]!;
  assert.equal(fix.title, "Add A.8.2 to this policy's mappings");
  assert.match(applyEdits(text, fix.edits), /^satisfies:\n {2}soc2: \[CC6\.1\]\n {2}iso27001: \[A\.8\.2\]\n/m);
  const control = (iso: string): string => `id: C-1\ntitle: Reviews\nowner: IT\nfrequency: quarterly\nevidence: [x]\nmappings:\n  soc2: [CC6.1]\n  iso27001: [${iso}]\n`;
  p.setText('controls/c.yaml', control('A.8.2, "7"'));
  assert.deepEqual(brief(p, 'policies/a.md'), []);
  p.setText('controls/c.yaml', control('A.8.2'));
  assert.deepEqual(
    brief(p, 'policies/a.md').map((l) => l.split(' info ')[0]),
    ['policies/a.md:10:59-10:79'],
  );
});
