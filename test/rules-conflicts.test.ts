// Duplicate and conflicting documentation: each rule firing with its exact
// place and message, and the look-alikes that must not fire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, brief, projectOf } from './helpers/memory.ts';

interface PolicyOpts {
  title?: string;
  freq?: string;
  reviewed?: string;
  soc2?: string;
  iso?: string;
  extra?: string;
}
const policy = (id: string, body: string, o: PolicyOpts = {}): string =>
  `---\nid: ${id}\ntitle: ${o.title ?? `Policy ${id}`}\nowner: CISO\nreview_frequency: ${o.freq ?? 'annual'}\nlast_reviewed: ${o.reviewed ?? '2026-06-01'}\nsatisfies:\n  soc2: [${o.soc2 ?? 'CC1.1'}]\n  iso27001: [${o.iso ?? 'A.5.1'}]\n${o.extra ?? ''}---\n# ${id}\n\n${body}\n`;
const control = (id: string, title: string, freq: string): string => `id: ${id}\ntitle: ${title}\nowner: IT\nfrequency: ${freq}\nevidence: [x]\nmappings:\n  soc2: [CC6.1]\n  iso27001: [A.5.15]\n`;

test('conflicting-frequency: the same activity at two cadences is reported in both places, the stricter wins', async () => {
  const security = policy('POL-SEC', 'Access reviews are performed annually.');
  const p = await projectOf({ 'policies/access.md': policy('POL-ACCESS', 'User access reviews are performed quarterly.'), 'policies/security.md': security });
  assert.deepEqual(brief(p), [
    'policies/access.md:13:35-13:44 warning conflicting-frequency: access review: quarterly here, but annual in policies/security.md:13 (POL-SEC); the stricter frequency (this one) wins: align the others',
    'policies/security.md:13:30-13:38 warning conflicting-frequency: access review: annual here, but quarterly in policies/access.md:13 (POL-ACCESS); the stricter frequency wins: make it quarterly',
  ]);
  const weaker = p.findings('policies/security.md')[0]!;
  assert.deepEqual(
    weaker.related?.map((r) => [r.path, r.range.start.line, r.message]),
    [['policies/access.md', 12, 'access review: quarterly']],
  );
  assert.equal(weaker.fixes?.[0]?.title, 'Use the stricter frequency: quarterly');
  assert.equal(applyEdits(security, weaker.fixes![0]!.edits), security.replace('performed annually', 'performed quarterly'));
});

test('conflicting-frequency: a control frequency against policy prose; a custom activity from crosswalk.yaml', async () => {
  const p = await projectOf({ 'policies/a.md': policy('POL-A', 'User access reviews are performed quarterly.'), 'controls/c.yaml': control('AC-01', 'User access review', 'annual') });
  assert.deepEqual(brief(p), [
    'controls/c.yaml:4:12-4:18 warning conflicting-frequency: access review: annual here, but quarterly in policies/a.md:13 (POL-A); the stricter frequency wins: make it quarterly',
    'policies/a.md:13:35-13:44 warning conflicting-frequency: access review: quarterly here, but annual in controls/c.yaml:4 (AC-01); the stricter frequency (this one) wins: align the others',
  ]);
  assert.deepEqual(
    p.findings('controls/c.yaml')[0]!.fixes![0]!.edits.map((e) => e.newText),
    ['quarterly'],
  );
  const custom = await projectOf({
    'crosswalk.yaml': 'activities:\n  certificate renewal: [certificate renewals, TLS certificates are renewed]\n',
    'policies/a.md': policy('POL-A', 'TLS certificates are renewed monthly.'),
    'policies/b.md': policy('POL-B', 'Certificate renewals happen annually.'),
  });
  assert.deepEqual(
    brief(custom).map((l) => l.split(': ').slice(0, 2).join(': ')),
    ['policies/a.md:13:30-13:37 warning conflicting-frequency: certificate renewal', 'policies/b.md:13:29-13:37 warning conflicting-frequency: certificate renewal'],
  );
});

test('conflicting-frequency false positives: minimums met, same period in other words, different activities', async () => {
  const p = await projectOf({
    'policies/a.md': policy('POL-A', 'Backups are tested at least monthly. Access reviews happen every 90 days. Vulnerability scans run weekly.'),
    'policies/b.md': policy('POL-B', 'Backups are tested weekly. User access reviews are performed quarterly. Penetration tests are performed annually. Risk assessments are performed twice a year.'),
    'policies/c.md': policy('POL-C', 'The risk assessment is performed semi-annually.'),
  });
  assert.deepEqual(brief(p), []);
});

/** A comply narrative: its header, then the body. */
const narrative = (name: string, acronym: string, body: string): string =>
  `name: ${name}\nacronym: ${acronym}\nmajorRevisions:\n  - date: Oct 1 2026\n    comment: First version\n---\n# ${name}\n\n${body}\n`;

test("conflicting-frequency: reviewing an activity's record and updating it are two tasks; two reviews at two cadences conflict", async () => {
  const p = await projectOf({
    'policies/risk.md': narrative('Risk Policy', 'RP', 'Risks are owned by the CISO.'),
    'narratives/controls.md': narrative('Controls Narrative', 'CN', '## Scheduled tasks\n\n- Review Hosting Risk Assessment (list the ways it could fail) [quarterly]'),
    'narratives/security.md': narrative('Security Narrative', 'SN', '{{.Name}} updates its Hosting Risk Assessment on an annual basis, after the threat briefing.'),
    'narratives/audit.md': narrative('Audit Narrative', 'AN', 'The Hosting Risk Assessment is reviewed every year by the audit committee.'),
  });
  assert.deepEqual(brief(p), [
    'narratives/audit.md:9:41-9:51 warning conflicting-frequency: risk assessment (Hosting): annual here, but quarterly in narratives/controls.md:11 (CN); the stricter frequency wins: make it quarterly',
    'narratives/controls.md:11:65-11:74 warning conflicting-frequency: risk assessment (Hosting): quarterly here, but annual in narratives/audit.md:9 (AN); the stricter frequency (this one) wins: align the others',
  ]);
});

test('conflicting-frequency: reviews of different systems at different cadences are not a conflict; minimums met in other words', async () => {
  const controls =
    'controls:\n' +
    [
      ['AC-01', 'Quarterly access review of the production database', 'quarterly'],
      ['AC-02', 'Annual access review of the HR system', 'annual'],
      ['AC-03', 'Privileged access review', 'monthly'],
      ['AC-04', 'Access review of the payroll application', 'semiannual'],
    ]
      .map(([id, title, freq]) => `  - id: ${id}\n    title: ${title}\n    owner: IT\n    frequency: ${freq}\n    evidence: [Export]\n    mappings: {soc2: [CC6.2], iso27001: [A.5.18]}\n`)
      .join('');
  const p = await projectOf({
    'controls/access.yaml': controls,
    'policies/a.md': policy(
      'POL-A',
      'Access reviews of the production database are performed quarterly. HR system access reviews are performed annually. Backups are tested on at least a monthly basis. Vulnerability scans are performed no less than quarterly.',
    ),
    'policies/b.md': policy('POL-B', 'Backups are tested weekly. Vulnerability scans are performed monthly. Managers review access to the payroll application every six months.'),
  });
  assert.deepEqual(brief(p), []);
});

test('conflicting-frequency: the same activity on the same object, and a minimum that the other statement does not meet', async () => {
  const p = await projectOf({
    'controls/hr.yaml': control('AC-02', 'Annual access review of the HR system', 'annual'),
    'policies/a.md': policy('POL-A', 'The User access review is performed quarterly. Access reviews of HR systems are performed quarterly.'),
    'policies/b.md': policy('POL-B', 'All user access reviews are completed annually. Vulnerability scans are performed at least quarterly.'),
    'policies/c.md': policy('POL-C', 'Vulnerability scans are performed annually.'),
  });
  assert.deepEqual(brief(p), [
    'controls/hr.yaml:4:12-4:18 warning conflicting-frequency: access review (HR system): annual here, but quarterly in policies/a.md:13 (POL-A); the stricter frequency wins: make it quarterly',
    'policies/a.md:13:37-13:46 warning conflicting-frequency: access review: quarterly here, but annual in policies/b.md:13 (POL-B); the stricter frequency (this one) wins: align the others',
    'policies/a.md:13:91-13:100 warning conflicting-frequency: access review (HR systems): quarterly here, but annual in controls/hr.yaml:4 (AC-02); the stricter frequency (this one) wins: align the others',
    'policies/b.md:13:39-13:47 warning conflicting-frequency: access review: annual here, but quarterly in policies/a.md:13 (POL-A); the stricter frequency wins: make it quarterly',
    'policies/b.md:13:83-13:101 warning conflicting-frequency: vulnerability scan: at least quarterly here, but annual in policies/c.md:13 (POL-C); the stricter frequency (this one) wins: align the others',
    'policies/c.md:13:35-13:43 warning conflicting-frequency: vulnerability scan: annual here, but at least quarterly in policies/b.md:13 (POL-B); the stricter frequency wins: make it quarterly',
  ]);
});

test("conflicting-frequency: what a policy prescribes for a control id against the control's own frequency", async () => {
  const prescribes = 'controls:\n  - {id: AC-01, frequency: quarterly}\n  - {id: AC-02, frequency: at least quarterly}\n  - AC-03\n';
  const p = await projectOf({
    'controls/a.yaml': control('AC-01', 'Salesforce permission certification', 'annual'),
    'controls/b.yaml': control('AC-02', 'Firewall rule review', 'monthly'),
    'controls/c.yaml': control('AC-03', 'Badge audit', 'annual'),
    'policies/a.md': policy('POL-A', 'Text.', { extra: prescribes }),
  });
  assert.deepEqual(brief(p), [
    'controls/a.yaml:4:12-4:18 warning conflicting-frequency: control AC-01: annual here, but quarterly in policies/a.md:11 (POL-A); the stricter frequency wins: make it quarterly',
    'policies/a.md:11:28-11:37 warning conflicting-frequency: control AC-01: quarterly here, but annual in controls/a.yaml:4 (AC-01); the stricter frequency (this one) wins: align the others',
  ]);
  assert.deepEqual(
    p.findings('controls/a.yaml')[0]!.fixes![0]!.edits.map((e) => [e.range.start.line, e.newText]),
    [[3, 'quarterly']],
  );
});

test('policy controls: an item without an id, and a prescribed frequency that cannot be read', async () => {
  const p = await projectOf({
    'controls/a.yaml': control('AC-01', 'Badge audit', 'annual'),
    'policies/a.md': policy('POL-A', 'Text.', { extra: 'controls:\n  - {frequency: monthly}\n  - {id: AC-01, frequency: sometimes}\n' }),
  });
  assert.deepEqual(brief(p), [
    "policies/a.md:11:5-11:25 error invalid-field: items of 'controls' are control ids, or {id, frequency} to say how often the control operates; this one has no 'id'",
    "policies/a.md:12:28-12:37 warning missing-frequency: 'sometimes' is not a frequency Crosswalk can read: use one of continuous, daily, weekly, biweekly, monthly, quarterly, semiannual, annual, biennial, on-event, or a phrase such as 'every 90 days'",
  ]);
});

test('duplicate-policy: two ids, one title (case and spacing aside); a similar title is not a duplicate', async () => {
  const p = await projectOf({
    'policies/a.md': policy('POL-A', 'x', { title: 'Access Control Policy' }),
    'policies/b.md': policy('POL-B', 'y', { title: 'Access control policy', reviewed: '2026-09-01' }),
    'policies/c.md': policy('POL-C', 'z', { title: 'Access Control Standard' }),
  });
  assert.deepEqual(brief(p), [
    'policies/a.md:3:8-3:29 warning duplicate-policy: policy POL-A has the same title as POL-B (policies/b.md): two documents in force for the same thing; merge this policy into POL-B (reviewed more recently, on 2026-09-01) and retire it',
    'policies/b.md:3:8-3:29 warning duplicate-policy: policy POL-B has the same title as POL-A (policies/a.md): two documents in force for the same thing; merge POL-A into this policy and retire it',
  ]);
  assert.deepEqual(
    p.findings('policies/a.md')[0]!.related?.map((r) => r.path),
    ['policies/b.md'],
  );
});

test('overlapping-policies: the same framework coverage and the same purpose; a partial overlap is fine', async () => {
  const p = await projectOf({
    'policies/a.md': policy('POL-A', 'Alpha text about keys.', { title: 'POL-A Access Control Policy', soc2: 'CC6.1, CC6.2, CC6.3, CC6.6', iso: 'A.5.15, A.5.16, A.5.18, A.8.2' }),
    'policies/b.md': policy('POL-B', 'Different prose about people.', { title: 'Access Management Standard', soc2: 'CC6.1, CC6.2, CC6.3, CC6.6', iso: 'A.5.15, A.5.16, A.5.18, A.8.2' }),
    'policies/c.md': policy('POL-C', 'More prose.', { title: 'Access Logging Policy', soc2: 'CC6.1, CC7.1, CC7.2, CC8.1', iso: 'A.5.15, A.8.8, A.8.16, A.8.32' }),
  });
  assert.deepEqual(brief(p), [
    "policies/a.md:2:5-2:10 warning overlapping-policies: policies POL-A and POL-B cover the same ground: 100% of their framework mappings are the same (CC6.1, CC6.2, CC6.3, CC6.6, A.5.15, A.5.16, ...), and both titles are about 'access'; consolidate POL-B into this policy",
    "policies/b.md:2:5-2:10 warning overlapping-policies: policies POL-B and POL-A cover the same ground: 100% of their framework mappings are the same (CC6.1, CC6.2, CC6.3, CC6.6, A.5.15, A.5.16, ...), and both titles are about 'access'; consolidate this policy into POL-A",
  ]);
});

test('overlapping-policies: a shared handful of mapped ids alone is no overlap (onboarding, access control, authentication)', async () => {
  const cc6 = { soc2: 'CC6.1, CC6.2, CC6.3', iso: 'A.5.15, A.5.18' };
  const p = await projectOf({
    'policies/onboarding.md': policy('POL-ON', 'New starters get accounts on their first day once their manager asks for them.', { ...cc6, title: 'Onboarding and Offboarding Policy' }),
    'policies/access.md': policy('POL-AC', 'Access is granted by role and removed when the role changes.', { ...cc6, title: 'POL-AC Access Control Policy' }),
    'policies/authn.md': policy('POL-AU', 'Every login uses single sign-on with a second factor.', { ...cc6, title: 'Authentication Policy' }),
    'policies/remote.md': policy('POL-RA', 'Remote work uses the company VPN.', { ...cc6, title: 'Remote Working Policy' }),
  });
  assert.deepEqual(brief(p), []);
});

test('overlapping-policies: the same coverage and much of the same text, under different titles; a little of the same text is not enough', async () => {
  const opening = (sentences: number): string =>
    `${LONG.split('. ').slice(0, sentences).join('. ')}. Paper records are shredded on site every week by a contractor under supervision. Visitors sign in at reception and are escorted.`;
  const ids = { soc2: 'CC6.1, CC6.2, CC6.3', iso: 'A.5.15, A.5.18' };
  const a = policy('POL-A', LONG, { ...ids, title: 'Endpoint Policy' });
  assert.deepEqual(brief(await projectOf({ 'policies/a.md': a, 'policies/b.md': policy('POL-B', opening(4), { ...ids, title: 'Device Rules' }) })), [
    'policies/a.md:2:5-2:10 warning overlapping-policies: policies POL-A and POL-B cover the same ground: 100% of their framework mappings are the same (CC6.1, CC6.2, CC6.3, A.5.15, A.5.18), and their text is about 59% the same; consolidate POL-B into this policy',
    'policies/b.md:2:5-2:10 warning overlapping-policies: policies POL-B and POL-A cover the same ground: 100% of their framework mappings are the same (CC6.1, CC6.2, CC6.3, A.5.15, A.5.18), and their text is about 59% the same; consolidate this policy into POL-A',
  ]);
  assert.deepEqual(brief(await projectOf({ 'policies/a.md': a, 'policies/b.md': policy('POL-B', opening(2), { ...ids, title: 'Device Rules' }) })), []);
});

const LONG =
  'All laptops must use full disk encryption. Keys are stored in the corporate key management service and rotated every year by the security team. Lost devices are reported to the service desk within one hour so that they can be wiped remotely. Removable media is blocked on managed devices unless an exception is approved by the CISO. Encryption status is reported to the endpoint management console every day.';
const LONG2 =
  'All laptops must use full disk encryption. Keys are stored in the corporate key management service and rotated every year by the security team. Lost devices are reported to the service desk within one hour so they can be wiped remotely. Removable media is blocked on managed devices unless an exception is approved by the CISO. Encryption status is reported to the endpoint management console daily.';
test('overlapping-policies: near-identical text, with a configurable threshold', async () => {
  const files = { 'policies/a.md': policy('POL-A', LONG, { soc2: 'CC6.7', iso: 'A.8.24' }), 'policies/b.md': policy('POL-B', LONG2, { soc2: 'CC6.8', iso: 'A.8.1' }) };
  assert.deepEqual(brief(await projectOf(files)), [
    'policies/a.md:2:5-2:10 warning overlapping-policies: policies POL-A and POL-B cover the same ground: their text is about 81% the same; consolidate POL-B into this policy',
    'policies/b.md:2:5-2:10 warning overlapping-policies: policies POL-B and POL-A cover the same ground: their text is about 81% the same; consolidate this policy into POL-A',
  ]);
  assert.deepEqual(brief(await projectOf({ ...files, 'crosswalk.yaml': 'duplicates:\n  overlap_threshold: 0.9\n' })), []);
});

test('conflicting-definition: a definitions list against "X means"; the same definition in another case is fine', async () => {
  const p = await projectOf({
    'policies/a.md': policy('POL-A', '## Definitions\n\n- **Confidential data**: customer data and source code.\n- **Asset**: anything of value.\n'),
    'policies/b.md': policy(
      'POL-B',
      '"Confidential data" means any information marked confidential by its owner.\n\n## Definitions\n\n| Term | Definition |\n|---|---|\n| Asset | Anything of value. |\n',
    ),
  });
  assert.deepEqual(brief(p), [
    `policies/a.md:15:5-15:22 warning conflicting-definition: 'Confidential data' is defined differently in policies/b.md:13 (POL-B): "customer data and source code." here, "any information marked confidential by its owner." there; keep one definition (a shared glossary) and refer to it`,
    `policies/b.md:13:2-13:19 warning conflicting-definition: 'Confidential data' is defined differently in policies/a.md:15 (POL-A): "any information marked confidential by its owner." here, "customer data and source code." there; keep one definition (a shared glossary) and refer to it`,
  ]);
});

test('stale-review: past its cadence, quarterly cadence, a date in the future; within the cadence is fine', async () => {
  const p = await projectOf({
    'policies/a.md': policy('POL-A', 'x', { reviewed: '2025-02-10' }),
    'policies/b.md': policy('POL-B', 'x', { reviewed: '2026-07-01', freq: 'quarterly' }),
    'policies/c.md': policy('POL-C', 'x', { reviewed: '2027-01-01' }),
    'policies/d.md': policy('POL-D', 'x', { reviewed: '2025-12-01' }),
  });
  assert.deepEqual(brief(p), [
    'policies/a.md:6:16-6:26 warning stale-review: policy POL-A was last reviewed on 2025-02-10, 652 days ago; its review frequency is annual (365 days): review it and update last_reviewed',
    'policies/b.md:6:16-6:26 warning stale-review: policy POL-B was last reviewed on 2026-07-01, 146 days ago; its review frequency is quarterly (91 days): review it and update last_reviewed',
    'policies/c.md:6:16-6:26 warning stale-review: last_reviewed 2027-01-01 is in the future (today is 2026-11-24)',
  ]);
});

test('stale-review and stale-crosswalk follow the injected date', async () => {
  const files = { 'crosswalk.yaml': 'version: 1\n', 'policies/a.md': policy('POL-A', 'x') };
  assert.deepEqual(brief(await projectOf(files, '2027-05-31')), []);
  assert.deepEqual(brief(await projectOf(files, '2027-12-31')), [
    'crosswalk.yaml:1:1-1:1 warning stale-crosswalk: crosswalk soc2-iso27001 was last reviewed on 2026-12-02, 394 days ago: review its pairs against both frameworks and update last_reviewed',
    'policies/a.md:6:16-6:26 warning stale-review: policy POL-A was last reviewed on 2026-06-01, 578 days ago; its review frequency is annual (365 days): review it and update last_reviewed',
  ]);
});

test('scope-mismatch: SOC 2 boundary outside the ISMS, a policy scope outside the ISMS; wildcards match', async () => {
  const p = await projectOf({
    'crosswalk.yaml': 'scope:\n  isms: [Production platform, Corporate IT, "Support *"]\n  soc2_boundary: [Production platform, Data warehouse]\n',
    'policies/a.md': policy('POL-A', 'x', { extra: 'scope: [Production platform, Support desk, Marketing site]\n' }),
  });
  assert.deepEqual(brief(p), [
    "crosswalk.yaml:3:40-3:54 warning scope-mismatch: 'Data warehouse' is inside the SOC 2 system boundary but not in the ISMS scope: ISO 27001 certification will not cover it; add it to scope.isms or explain the difference",
    "policies/a.md:10:44-10:58 warning scope-mismatch: policy POL-A applies to 'Marketing site', which is outside the ISMS scope declared in crosswalk.yaml (scope.isms)",
  ]);
});

test('conflicting-frequency names three of many clashing places, then how many more', async () => {
  const files: Record<string, string> = { 'policies/q.md': policy('POL-Q', 'Access reviews are performed quarterly.') };
  for (let i = 1; i <= 5; i++) files[`policies/a${i}.md`] = policy(`POL-A${i}`, 'Access reviews are performed annually.');
  const p = await projectOf(files);
  const f = p.findings('policies/q.md')[0]!;
  assert.equal(
    f.message,
    'access review: quarterly here, but annual in policies/a1.md:13 (POL-A1); annual in policies/a2.md:13 (POL-A2); annual in policies/a3.md:13 (POL-A3); and 2 more; the stricter frequency (this one) wins: align the others',
  );
  assert.equal(f.related?.length, 5);
});

// One template copied into many files: each finding stays short, and the work stays linear.
const many = <T>(n: number, make: (i: number) => [string, T]): Record<string, T> => Object.fromEntries(Array.from({ length: n }, (_, i) => make(i)));
const num = (i: number): string => String(i).padStart(2, '0');

test('duplicate-id and duplicate-policy name a few of many copies, and how many more', async () => {
  const p = await projectOf({
    ...many(25, (i) => [`controls/c${num(i)}.yaml`, 'id: C-1\ntitle: T\n']),
    ...many(6, (i) => [`policies/p${num(i)}.md`, policy(`POL-${num(i)}`, 'x', { title: 'Access Control Policy' })]),
  });
  const first = p.findings('controls/c00.yaml').find((f) => f.rule === 'duplicate-id')!;
  assert.equal(first.message, 'control id C-1 is also defined at controls/c01.yaml:1, controls/c02.yaml:1, controls/c03.yaml:1 and 21 more: give each control its own id');
  assert.equal(first.related?.length, 20);
  assert.deepEqual(brief(p, 'policies/p00.md'), [
    'policies/p00.md:3:8-3:29 warning duplicate-policy: policy POL-00 has the same title as POL-01 (policies/p01.md), POL-02 (policies/p02.md), POL-03 (policies/p03.md) and 2 more: two documents in force for the same thing; merge POL-01, POL-02, POL-03 and 2 more into this policy and retire them',
  ]);
});

/** A policy from a template: only the front matter differs. */
const copy = (id: string, body: string): string => policy(id, body).replace(`# ${id}\n`, '# Encryption\n');

test('overlapping-policies: one text in 40 policies is one cluster, not 780 pairs', async () => {
  const p = await projectOf(many(40, (i) => [`policies/p${num(i)}.md`, copy(`POL-${num(i)}`, LONG)]));
  const all = p.allFindings();
  assert.equal(all.length, 40);
  assert.deepEqual(brief(p, 'policies/p00.md'), [
    'policies/p00.md:2:5-2:11 warning overlapping-policies: policy POL-00 and 39 others cover the same ground (POL-01, POL-02, POL-03 and 36 more): with POL-01, their text is about 100% the same; consolidate them into this policy',
  ]);
  assert.equal(p.findings('policies/p00.md')[0]!.related?.length, 20);
  assert.deepEqual(brief(p, 'policies/p39.md'), [
    'policies/p39.md:2:5-2:11 warning overlapping-policies: policies POL-39 and POL-00 cover the same ground: their text is about 100% the same; consolidate this policy into POL-00',
  ]);
});

test('overlapping-policies: 40 near copies (each with its own heading) get a few findings each, not 39', async () => {
  const p = await projectOf(many(40, (i) => [`policies/p${num(i)}.md`, policy(`POL-${num(i)}`, LONG)]));
  const counts = Array.from({ length: 40 }, (_, i) => p.findings(`policies/p${num(i)}.md`).length);
  assert.ok(
    counts.every((n) => n >= 1 && n <= 3),
    counts.join(' '),
  );
});

test('overlapping-policies: a large band still tells different texts apart', async () => {
  // 35 copies of one text and 2 of another that share its opening: the copies form one cluster, the pair its own.
  const other = `${LONG.split('. ').slice(0, 2).join('. ')}. Paper records are shredded on site every week by a contractor under supervision. Visitors sign in at reception and are escorted at all times by a member of staff. Cameras cover every entrance and the footage is kept for ninety days.`;
  const p = await projectOf({
    ...many(35, (i) => [`policies/p${num(i)}.md`, copy(`POL-${num(i)}`, LONG)]),
    'policies/x1.md': copy('POL-X1', other),
    'policies/x2.md': copy('POL-X2', other),
  });
  assert.equal(p.allFindings().length, 37);
  assert.deepEqual(brief(p, 'policies/x2.md'), [
    'policies/x2.md:2:5-2:11 warning overlapping-policies: policies POL-X2 and POL-X1 cover the same ground: their text is about 100% the same; consolidate this policy into POL-X1',
  ]);
});

test('conflicting-definition: one glossary in 300 policies against one other wording', async () => {
  const glossary = (meaning: string): string => `## Definitions\n\n- **Personnel**: ${meaning}\n`;
  const p = await projectOf({
    ...many(300, (i) => [`policies/p${String(i).padStart(3, '0')}.md`, policy(`POL-${i}`, glossary('all employees and contractors.'))]),
    'policies/z.md': policy('POL-Z', glossary('employees only.')),
  });
  assert.equal(p.allFindings().length, 301);
  assert.deepEqual(brief(p, 'policies/z.md'), [
    `policies/z.md:15:5-15:14 warning conflicting-definition: 'Personnel' is defined differently in policies/p000.md:15 (POL-0), policies/p001.md:15 (POL-1), policies/p002.md:15 (POL-2) and 297 more: "employees only." here, "all employees and contractors." there; keep one definition (a shared glossary) and refer to it`,
  ]);
  assert.equal(
    brief(p, 'policies/p123.md')[0],
    `policies/p123.md:15:5-15:14 warning conflicting-definition: 'Personnel' is defined differently in policies/z.md:15 (POL-Z): "all employees and contractors." here, "employees only." there; keep one definition (a shared glossary) and refer to it`,
  );
});
