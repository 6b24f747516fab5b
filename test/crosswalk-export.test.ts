// `crosswalk crosswalk`: the pairs the tool reasons with, bundled and the
// repository's own, as Markdown, CSV and JSON; exact heads and exit codes.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');
const FIXTURE = nodePath.resolve(import.meta.dirname, 'fixtures/ciso-library');

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];
after(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-export-'));
  made.push(dir);
  return dir;
}

test("markdown (the default): one section per crosswalk, bundled first, then the repository's own", () => {
  const r = run(['crosswalk', FIXTURE]);
  assert.deepEqual([r.code, r.stderr], [0, '']);
  const lines = r.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 8), [
    '# Crosswalks',
    '',
    '## SOC 2 Trust Services Criteria to ISO/IEC 27001:2022',
    '',
    "SOC 2 → ISO 27001: 254 pairs (55 strong, 9 net-new), 6 declared without counterpart. Bundled with Crosswalk (crosswalk-soc2-iso27001.yaml), last reviewed 2026-12-02. The relationship is the SOC 2 requirement's relative to the ISO 27001 one.",
    '',
    'Evidence names:',
    '',
  ]);
  assert.ok(lines.includes('| SOC 2 | title | ISO 27001 | title | relationship | strength | net-new | evidence | rationale | reviewed |'));
  assert.ok(
    lines.includes(
      '| CC1.2 | Board independence and oversight of internal control | 9.3 | Management review | intersect | partial | yes | scf, cisco-ccf | Board oversight of internal control touches the same ground as management review, yet the review with its defined inputs and recorded decisions is still work to set up. | 2026-12-02 |',
    ),
  );
  assert.ok(lines.includes('| ISO 27001 | A.7.7 | Clear desk and clear screen | No criterion or point of focus asks for clear desk or clear screen rules. |'));
  const own = lines.indexOf('## HCB 2026 -&gt; ISO 27001');
  assert.deepEqual(lines.slice(own, own + 13), [
    '## HCB 2026 -&gt; ISO 27001',
    '',
    "HCB 2026 → ISO 27001: 5 pairs (1 strong, 0 net-new), 1 declared without counterpart. Read from frameworks/mapping-hcb-2026-to-iso27001-2022.yaml, last reviewed 2026-04-15. The relationship is the HCB 2026 requirement's relative to the ISO 27001 one.",
    '',
    'Evidence names:',
    '',
    '- mapping-hcb-2026-to-iso27001-2022: Harbour Cloud Baseline 2026 -&gt; ISO/IEC 27001:2022',
    '',
    '| HCB 2026 | title | ISO 27001 | title | relationship | strength | net-new | evidence | rationale | reviewed |',
    '|---|---|---|---|---|---|---|---|---|---|',
    '| ID-1 | Named accounts | A.5.16 | Identity management | subset | partial | no | mapping-hcb-2026-to-iso27001-2022 | Semantic mapping in Harbour Cloud Baseline 2026 -&gt; ISO/IEC 27001:2022. | 2026-04-15 |',
    '| ID-2 | Second factor | A.8.5 | Secure authentication | subset | partial | no | mapping-hcb-2026-to-iso27001-2022 | Mapped in Harbour Cloud Baseline 2026 -&gt; ISO/IEC 27001:2022. | 2026-04-15 |',
    '| ID-3 | Access reviewed | A.5.18 | Access rights | equal | strong | no | mapping-hcb-2026-to-iso27001-2022 | Both ask for a periodic review of who can reach what. | 2026-04-15 |',
  ]);
  assert.deepEqual(lines.slice(-6), [
    '### No counterpart',
    '',
    '| framework | id | title | note |',
    '|---|---|---|---|',
    '| HCB 2026 | GOV-2 | Yearly tabletop exercise | An exercise is practice; the baseline asks for no incident plan of its own. |',
    '',
  ]);
});

test('csv: one RFC 4180 row per pair and per declared no-counterpart entry', () => {
  const r = run(['crosswalk', FIXTURE, '--format', 'csv']);
  assert.deepEqual([r.code, r.stderr], [0, '']);
  const rows = r.stdout.split('\r\n');
  assert.deepEqual(rows.slice(0, 3), [
    'crosswalk,source_framework,source_id,source_title,target_framework,target_id,target_title,relationship,strength,net_new,evidence,rationale,reviewed',
    'soc2-iso27001,soc2,CC1.1,Commitment to integrity and ethical values,iso27001,5.1,Leadership and commitment,intersect,partial,no,ciso-assistant scf cisco-ccf,"Top management showing commitment to the ISMS is one expression of the tone at the top, which the criterion applies to ethics across the whole entity.",2026-12-02',
    'soc2-iso27001,soc2,CC1.1,Commitment to integrity and ethical values,iso27001,7.3,Awareness,intersect,partial,no,scf cisco-ccf,Staff awareness of the security policy and of the consequences of breaching it is one channel through which conduct standards reach people.,2026-12-02',
  ]);
  assert.deepEqual(rows.slice(-3), [
    'hcb-iso,hcb-2026,RUN-2,Logs kept,iso27001,A.8.15,Logging,superset,partial,no,mapping-hcb-2026-to-iso27001-2022,Mapped in Harbour Cloud Baseline 2026 -> ISO/IEC 27001:2022.,2026-04-15',
    'hcb-iso,hcb-2026,GOV-2,Yearly tabletop exercise,iso27001,,,no-counterpart,,,,An exercise is practice; the baseline asks for no incident plan of its own.,',
    '',
  ]);
  assert.equal(rows.length, 1 + 254 + 6 + 5 + 1 + 1);
});

test('json, and --output writes the file instead of stdout', () => {
  const out = nodePath.join(temp(), 'crosswalk.json');
  const r = run(['crosswalk', FIXTURE, '--format=json', '--output', out]);
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', '']);
  const json = JSON.parse(readFileSync(out, 'utf8')) as { crosswalks: Array<{ id: string; bundled: boolean; file: string; rows: Array<Record<string, unknown>> }> };
  assert.deepEqual(
    json.crosswalks.map((c) => [c.id, c.bundled, c.file, c.rows.length]),
    [
      ['soc2-iso27001', true, 'crosswalk-soc2-iso27001.yaml', 260],
      ['hcb-iso', false, 'frameworks/mapping-hcb-2026-to-iso27001-2022.yaml', 6],
    ],
  );
  assert.deepEqual(json.crosswalks[1]!.rows[2], {
    sourceId: 'ID-3',
    sourceTitle: 'Access reviewed',
    targetId: 'A.5.18',
    targetTitle: 'Access rights',
    relationship: 'equal',
    strength: 'strong',
    netNew: false,
    evidence: ['mapping-hcb-2026-to-iso27001-2022'],
    rationale: 'Both ask for a periodic review of who can reach what.',
    reviewed: '2026-04-15',
  });
});

test('a folder without crosswalk.yaml exports the bundled crosswalk alone', () => {
  const r = run(['crosswalk', temp()]);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('## ')).length, 1);
});

test('repository text cannot break the table or become markup', () => {
  const dir = temp();
  writeFileSync(nodePath.join(dir, 'crosswalk.yaml'), 'custom_crosswalks: [own.yaml]\n');
  writeFileSync(
    nodePath.join(dir, 'own.yaml'),
    'format: 1\nid: own\ntitle: "Ours | <b>bold</b>"\nfrom: soc2\nto: iso27001\nlast_reviewed: "2026-10-01"\npairs:\n  - { from: CC6.1, to: A.5.15, rationale: "a | b\\nsecond line, \\"quoted\\"" }\n',
  );
  const md = run(['crosswalk', dir]).stdout.split('\n');
  assert.ok(md.includes('## Ours \\| &lt;b&gt;bold&lt;/b&gt;'));
  assert.ok(
    md.includes(
      '| CC6.1 | Logical access security software, infrastructure and architecture over protected assets | A.5.15 | Access control | intersect | partial | no |  | a \\| b second line, &quot;quoted&quot; |  |',
    ),
  );
  const csv = run(['crosswalk', dir, '--format', 'csv']).stdout.split('\r\n');
  assert.ok(
    csv.includes(
      'own,soc2,CC6.1,Logical access security software, infrastructure and architecture over protected assets,iso27001,A.5.15,Access control,intersect,partial,no,,"a | b\\u000asecond line, ""quoted""",'.replace(
        'Logical access security software, infrastructure and architecture over protected assets',
        '"Logical access security software, infrastructure and architecture over protected assets"',
      ),
    ),
  );
});

test('exit codes: 1 when a crosswalk file has problems (on stderr, the rest still printed), 2 for bad usage', () => {
  const dir = temp();
  cpSync(FIXTURE, dir, { recursive: true });
  const mapping = nodePath.join(dir, 'frameworks/mapping-hcb-2026-to-iso27001-2022.yaml');
  writeFileSync(mapping, readFileSync(mapping, 'utf8').replace('relationship: superset', 'relationship: broader'));
  const bad = run(['crosswalk', dir, '--format', 'csv']);
  assert.equal(bad.code, 1);
  assert.equal(
    bad.stderr,
    "crosswalk.yaml:7:21: error config-invalid: crosswalk file 'frameworks/mapping-hcb-2026-to-iso27001-2022.yaml': frameworks/mapping-hcb-2026-to-iso27001-2022.yaml:34: relationship 'broader' is not one of equal, subset, superset, intersect, not_related; this mapping is skipped\n",
  );
  assert.equal(bad.stdout.split('\r\n').filter((l) => l.startsWith('hcb-iso,')).length, 5);
  writeFileSync(mapping, readFileSync(mapping, 'utf8').replace('relationship: broader', 'relationship: "\\e[31mred"'));
  assert.match(run(['crosswalk', dir]).stderr, /relationship '\\u001b\[31mred' is not one of/);
  const format = run(['crosswalk', FIXTURE, '--format', 'html']);
  assert.deepEqual([format.code, format.stderr.split('\n')[0]], [2, "crosswalk: 'crosswalk' has no format 'html' (formats: markdown, csv, json)"]);
  // A usage error asked for as JSON is also a JSON error object on stdout, as with the other commands.
  const unknown = run(['crosswalk', FIXTURE, '--format', 'json', '--bogus']);
  assert.deepEqual(
    [unknown.code, JSON.parse(unknown.stdout), unknown.stderr.split('\n')[0]],
    [2, { error: { code: 'usage', message: "unknown option '--bogus'" } }, "crosswalk: unknown option '--bogus'"],
  );
  const missing = run(['crosswalk', nodePath.join(dir, 'nowhere')]);
  assert.deepEqual([missing.code, missing.stderr], [2, `crosswalk: error: directory '${nodePath.join(dir, 'nowhere')}' does not exist\n`]);
  const help = run(['crosswalk', '--help']);
  assert.deepEqual([help.code, help.stdout.split('\n')[0]], [0, 'Usage: crosswalk crosswalk [dir] [--format markdown|csv|json] [--output file]']);
  assert.match(run(['--help']).stdout, /\n {2}crosswalk \[dir\] {2}the crosswalk pairs the tool reasons with/);
});
