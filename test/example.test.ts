// The bundled examples, checked as a user would from the README: the exact
// findings (each deliberate mistake of examples/acme/README.md, nothing else)
// and the coverage figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as nodePath from 'node:path';

const ROOT = nodePath.resolve(import.meta.dirname, '..');
const CLI = nodePath.join(ROOT, 'dist/cli.cjs');

function run(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args, '--today', '2026-11-24'], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('examples/acme: exactly the documented mistakes', () => {
  const r = run('check', 'examples/acme');
  assert.equal(r.stderr, '');
  assert.equal(r.code, 1);
  assert.deepEqual(r.stdout.split('\n'), [
    'controls/access.yaml:8:16: warning conflicting-frequency: access review: quarterly here, but annual in policies/information-security.md:30 (POL-SEC); the stricter frequency (this one) wins: align the others',
    'controls/access.yaml:61:18: warning legacy-id: A.9.2.3 is an ISO 27001:2013 id (Management of privileged access rights); in ISO 27001 it is A.8.2 (Privileged access rights)',
    "controls/access.yaml:75:14: warning non-canonical-id: write CC6.1, not 'CC 6.1'",
    'controls/continuity.yaml:18:9: error duplicate-id: control id BC-02 is also defined at controls/disaster-recovery.yaml:2: give each control its own id',
    "controls/crypto.yaml:9:16: error unresolved-reference: 'policies' names policy POL-ENCRYPTION, but no policy has the id POL-ENCRYPTION",
    'controls/disaster-recovery.yaml:2:5: error duplicate-id: control id BC-02 is also defined at controls/continuity.yaml:18: give each control its own id',
    'controls/governance.yaml:75:9: warning single-framework: control GOV-06 is mapped to SOC 2 only, but ISO 27001 is in scope; the crosswalk pairs CC2.3 with 7.4',
    "controls/governance.yaml:179:9: info missing-evidence: control GOV-13 names no evidence: add 'evidence:' items (id, description, source)",
    "controls/operations.yaml:106:25: error wrong-framework: CC7.2 is a SOC 2 id (Monitoring system components for anomalies indicating security events), listed under 'iso27001' (ISO 27001); move it to soc2",
    "controls/people.yaml:48:9: warning missing-owner: control HR-04 has no owner: add 'owner:' with the role that operates it",
    "controls/vendors.yaml:45:21: error unknown-id: unknown SOC 2 id 'CC9.9'; did you mean CC9.2, CC9.1 or CC6.8?",
    'policies/acceptable-use.md:28:5: warning conflicting-definition: \'Confidential data\' is defined differently in policies/data-classification.md:34 (POL-DATA): "customer data, source code and any information marked confidential." here, "information classified Confidential by its owner, such as customer content, c..." there; keep one definition (a shared glossary) and refer to it',
    "policies/acceptable-use.md:33:131: info cited-only: A.5.32 (Intellectual property rights) is cited here, but no control or policy maps it: coverage counts it as a gap; if this policy meets it, add it to the policy's mappings",
    "policies/access-control.md:10:14: warning non-canonical-id: write A.5.15, not 'Annex A.5.15'",
    'policies/access-control.md:25:37: warning conflicting-frequency: access review: quarterly here, but annual in policies/information-security.md:30 (POL-SEC); the stricter frequency (this one) wins: align the others',
    'policies/backup.md:7:16: warning stale-review: policy POL-BACKUP was last reviewed on 2025-02-10, 652 days ago; its review frequency is annual (365 days): review it and update last_reviewed',
    'policies/data-classification.md:34:5: warning conflicting-definition: \'Confidential data\' is defined differently in policies/acceptable-use.md:28 (POL-AUP): "information classified Confidential by its owner, such as customer content, c..." here, "customer data, source code and any information marked confidential." there; keep one definition (a shared glossary) and refer to it',
    'policies/information-security.md:30:32: warning conflicting-frequency: access review: annual here, but quarterly in controls/access.yaml:8 (AC-01); quarterly in policies/access-control.md:25 (POL-ACCESS); the stricter frequency wins: make it quarterly',
    "policies/logging-monitoring.md:32:12: warning wrong-title: 'Clock synchronization' is not the title of A.8.16 (Monitoring activities): it is that of A.8.17; did you mean A.8.17, or the title 'Monitoring activities'?",
    "policies/vendor-management.md:25:45: warning unknown-document: no document in the repository is titled 'Incident Response and Escalation Policy'; did you mean 'Incident Response Policy' (policies/incident-response.md)?",
    "policies/vendor-management.md:26:52: warning broken-link: link to './vendor-review-checklist.md': there is no policies/vendor-review-checklist.md in the repository",
    "policies/vulnerability-management.md:23:24: error unknown-id: unknown SOC 2 id 'CC6.9'; did you mean CC6.8, CC6.7 or CC6.6?",
    '6 errors, 14 warnings, 2 infos in 16 of 24 files',
    '',
  ]);
});

test('examples/acme: coverage per framework, management-system clauses apart', () => {
  const r = run('coverage', 'examples/acme');
  assert.equal(r.code, 0);
  assert.deepEqual(r.stdout.split('\n').slice(0, 21), [
    'SOC 2: 34 of 38 applicable requirements covered (89.5%); 23 out of scope',
    '  group                                 covered    gap  excluded  out of scope',
    '  Security (Common Criteria)                 29      4         0             0',
    '  Availability                                3      0         0             0',
    '  Confidentiality                             2      0         0             0',
    '  Processing Integrity                        0      0         0             5',
    '  Privacy                                     0      0         0            18',
    '',
    "ISO 27001: 83 of 121 applicable requirements covered (68.6%); 2 excluded; 1 gap cited only in policies' text",
    '  group                                 covered    gap  excluded  out of scope',
    '  Clause 4 Context of the organization        1      3         0             0',
    '  Clause 5 Leadership                         3      0         0             0',
    '  Clause 6 Planning                           3      2         0             0',
    '  Clause 7 Support                            1      6         0             0',
    '  Clause 8 Operation                          2      1         0             0',
    '  Clause 9 Performance evaluation             5      1         0             0',
    '  Clause 10 Improvement                       2      0         0             0',
    '  A.5 Organizational controls                29      8         0             0',
    '  A.6 People controls                         8      0         0             0',
    '  A.7 Physical controls                       3      9         2             0',
    '  A.8 Technological controls                 26      8         0             0',
  ]);
  assert.match(r.stdout, /^Gaps \(42\):$/m);
  assert.match(r.stdout, /^ {2}ISO 27001 6\.3 Planning of changes -- management-system requirement: net-new work \(SOC 2 CC3\.4 is covered and overlaps in topic only\)$/m);
  assert.match(
    r.stdout,
    /^ {2}ISO 27001 7\.1 Resources -- management-system requirement: net-new work; no SOC 2 counterpart by design: Providing resources for the ISMS is a management-system duty; SOC 2 assesses controls, not the resourcing of a management system\.$/m,
  );
  assert.match(
    r.stdout,
    /^ {2}ISO 27001 7\.4 Communication -- crosswalk: SOC 2 CC2\.2 \(overlapping, strong\), SOC 2 CC2\.3 \(overlapping, strong\) covered; review whether those controls also meet it$/m,
  );
  assert.match(
    r.stdout,
    /^ {2}ISO 27001 A\.5\.32 Intellectual property rights -- cited only, in POL-AUP \(map it to count it\); no SOC 2 counterpart by design: No criterion or point of focus concerns intellectual property or software licensing; pairs through multi-purpose policies do not show it is met\.$/m,
  );
});

test('examples/acme: the Statement of Applicability has 93 rows with the justified exclusions', () => {
  const r = run('soa', 'examples/acme', '--format', 'csv');
  assert.equal(r.code, 0);
  const rows = r.stdout.trimEnd().split('\r\n'); // RFC 4180 line ends
  assert.equal(rows.length, 94);
  assert.equal(rows[0], 'control,title,theme,applicable,status,justification,implementing_controls,policies');
  assert.equal(
    rows.find((l) => l.startsWith('A.8.2,')),
    'A.8.2,Privileged access rights,A.8 Technological controls,yes,implemented,Applicable: implemented by AC-01,AC-01,POL-ACCESS',
  );
  assert.equal(
    rows.find((l) => l.startsWith('A.5.15,')),
    'A.5.15,Access control,A.5 Organizational controls,yes,documented,Applicable: stated in POL-ACCESS; no control implements it yet,,POL-ACCESS',
  );
  assert.deepEqual(
    rows.filter((l) => l.includes(',no,excluded,')).map((l) => l.split(',')[0]),
    ['A.7.11', 'A.7.12'],
  );
  const md = run('soa', 'examples/acme');
  assert.match(md.stdout, /^ISO\/IEC 27001:2022 Annex A: 93 controls; 91 applicable \(54 implemented, 12 documented only, 25 not yet implemented\), 2 excluded\.$/m);
});

test('examples/comply: a comply repository is read as it is, with no crosswalk.yaml', () => {
  const r = run('check', 'examples/comply');
  assert.deepEqual(
    [r.code, r.stdout, r.stderr],
    [
      0,
      [
        'policies/retired/remote.md:1:1: warning unread-document: comply does not read policies/retired/remote.md: it is in a sub-folder of policies/, and comply reads only the .md files directly in policies/. Move or rename it, or it is left out of the published documents',
        '1 warning in 1 of 8 files',
        '',
      ].join('\n'),
      'crosswalk: no crosswalk.yaml; read the comply project (policies, narratives, procedures, standards)\n',
    ],
  );
  const cov = run('coverage', 'examples/comply', '--format', 'json');
  const report = JSON.parse(cov.stdout) as { frameworks: Array<{ framework: string; inScope: boolean; totals: { covered: number; gap: number } }> };
  // Only SOC 2 has a standard here, so only SOC 2 is in scope; the narrative's claims count too.
  assert.deepEqual(
    report.frameworks.filter((f) => f.inScope).map((f) => [f.framework, f.totals.covered, f.totals.gap]),
    [['soc2', 9, 24]],
  );
});
