// Incremental analysis agrees with a fresh one: after any sequence of edits,
// creates, deletes and renames, the findings equal those of analysing the
// same files from scratch (what `crosswalk check` does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import fc from 'fast-check';
import { brief, MemoryFiles, projectOf, TODAY } from './helpers/memory.ts';
import { Workspace, type WorkspaceHost } from '../server/core/engine/workspace.ts';
import { readBundled } from '../server/host/bundled.ts';
import { LspClient } from './helpers/lspClient.ts';

const control = (id: string, soc2: string, iso: string, policy: string, freq = 'quarterly', title = 'Access review'): string =>
  `id: ${id}\ntitle: ${title}\nowner: IT\nfrequency: ${freq}\nevidence: [x]\npolicies: [${policy}]\nmappings:\n  soc2: [${soc2}]\n  iso27001: [${iso}]\n`;
const policy = (id: string, title: string, body: string, controls: string): string =>
  `---\nid: ${id}\ntitle: ${title}\nowner: CISO\nlast_reviewed: 2026-06-01\nsatisfies:\n  soc2: [CC6.1, CC6.2, CC6.3]\n  iso27001: [A.5.15, A.5.18]\ncontrols: [${controls}]\n---\n# ${title}\n\n${body}\n`;

// Variants chosen so that files interact: shared ids (duplicates), references that resolve or not,
// the same activity at different frequencies, the same title, the same defined term.
const VARIANTS = [
  control('AC-01', 'CC6.1', 'A.5.15', 'POL-A'),
  control('AC-01', 'CC9.9', 'A.9.2.3', 'POL-B', 'annual', 'User access review'),
  control('AC-02', 'CC6.2', 'A.5.18', 'POL-MISSING', 'monthly', 'User access review'),
  control('AC-03', 'CC7.2', 'CC7.2', 'POL-A'),
  'id: AC-04\ntitle: [broken\n',
  policy('POL-A', 'Access Policy', 'User access reviews are performed quarterly.\n\n## Definitions\n\n- **Asset**: anything of value.', 'AC-01'),
  policy('POL-B', 'Access Policy', 'Access reviews are performed annually.\n\n## Definitions\n\n- **Asset**: a laptop.', 'AC-02, AC-09'),
  policy('POL-A', 'Other Policy', 'Backups are tested monthly.', 'AC-03'),
  '---\nid: POL-C\n',
  policy('POL-D', 'Datacenter Policy', 'See the Access Policy, the Other Policy, the Backup Standard and [a](./a.md#access-policy), [c](c.md), [b](./b.md#other-policy).', 'AC-01'),
  // What a group reads of a member unchanged (only the SOC 2 id differs), and the same moved down a line.
  control('AC-01', 'CC6.2', 'A.5.15', 'POL-A'),
  `# moved\n${control('AC-01', 'CC6.1', 'A.5.15', 'POL-A')}`,
  control('AC-05', 'CC6.1', 'A.5.15', 'POL-A', 'quarterly', 'Restore test'),
  // What overlapping-policies and conflicting-definition read of a policy: unchanged (an unknown id), moved down a
  // line (the id and the definition), and a definition reworded in the same meaning.
  policy('POL-A', 'Access Policy', 'User access reviews are performed quarterly.\n\n## Definitions\n\n- **Asset**: anything of value.', 'AC-01').replace('soc2: [CC6.1', 'soc2: [CC9.9, CC6.1'),
  policy('POL-A', 'Access Policy', 'User access reviews are performed quarterly.\n\n## Definitions\n\n- **Asset**: anything of value.', 'AC-01').replace('---\nid:', '---\n# moved\nid:'),
  policy('POL-B', 'Access Policy', 'Access reviews are performed annually.\n\n## Definitions\n\n- **Asset**: anything of value to us.', 'AC-02'),
  // Only the title in the front matter renamed (the heading stays): POL-D's "Access Policy" names no document unless POL-B is there.
  policy('POL-A', 'Access Policy', 'User access reviews are performed quarterly.\n\n## Definitions\n\n- **Asset**: anything of value.', 'AC-01').replace(
    'title: Access Policy',
    'title: Access Review Policy',
  ),
  // A title of a kind no other title is (a Standard): POL-D's "Backup Standard" is checked from then on.
  policy('POL-E', 'Access Standard', 'Cites the Access Standard and the Other Standard.', 'AC-02'),
  // Mappings declared in the text: a sentence that cites CC7.1, a heading that maps it, a mappings section, and an SoA
  // table row that excludes A.5.18 (which AC-02 maps), then the same heading as a sentence.
  policy('POL-G', 'Review Policy', 'We look at CC7.1 when alerts fire.', 'AC-01'),
  policy(
    'POL-H',
    'Applicability',
    "### CC7.1 Detection\n\n## Applicable Controls\n\n- CC7.3\n\n| Control | Applicable | Justification |\n|---|---|---|\n| A.5.18 | No | Access rights are the provider's |",
    'AC-02',
  ),
  policy('POL-H', 'Applicability', 'We detect what CC7.1 asks.\n\n| Control | Applicable | Justification |\n|---|---|---|\n| A.5.18 | Yes | |', 'AC-02'),
];
const SOA = 'version: 1\nstatement_of_applicability:\n  exclusions:\n    - id: A.5.15\n      justification: Not applicable here.\n';
const PATHS = ['controls/a.yaml', 'controls/b.yaml', 'controls/c.yaml', 'policies/a.md', 'policies/b.md', 'policies/c.md'];
const kindOk = (path: string, text: string): boolean => (path.endsWith('.md') ? text.startsWith('---') : !text.startsWith('---'));

type Op = { kind: 'set'; path: string; variant: number } | { kind: 'delete'; path: string } | { kind: 'rename'; from: string; to: string };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...PATHS), variant: fc.nat(VARIANTS.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...PATHS) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('rename' as const), from: fc.constantFrom(...PATHS), to: fc.constantFrom(...PATHS) }) },
);

test('incremental findings equal a fresh analysis after any sequence of changes', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 15 }), fc.boolean(), async (ops, batched) => {
      // A.5.15 excluded from the SoA: the controls mapping it are one excluded-but-implemented group.
      const files: Record<string, string> = { 'crosswalk.yaml': SOA, 'controls/a.yaml': VARIANTS[0]!, 'policies/a.md': VARIANTS[5]! };
      const p = await projectOf({ ...files });
      const pending: Array<{ path: string; text: string | undefined }> = [];
      const apply = (path: string, text: string | undefined): void => {
        if (text === undefined) delete files[path];
        else files[path] = text;
        if (batched) pending.push({ path, text });
        else p.setText(path, text);
      };
      for (const o of ops) {
        if (o.kind === 'set') {
          const text = VARIANTS[o.variant]!;
          if (kindOk(o.path, text)) apply(o.path, text);
        } else if (o.kind === 'delete') {
          if (files[o.path] !== undefined) apply(o.path, undefined);
        } else if (files[o.from] !== undefined && o.from !== o.to && kindOk(o.to, files[o.from]!)) {
          const text = files[o.from]!;
          apply(o.from, undefined);
          apply(o.to, text);
        }
      }
      // A branch switch arrives as one batch; typing as one change at a time.
      if (batched) p.setTexts(pending);
      const fresh = await projectOf({ ...files });
      assert.deepEqual(brief(p), brief(fresh));
    }),
    { numRuns: 150, seed: 424242 },
  );
});

test('after a branch switch touching hundreds of files, the server publishes what crosswalk check reports', async () => {
  const root = mkdtempSync(nodePath.join(tmpdir(), 'crosswalk-branch-'));
  const write = (p: string, text: string): void => {
    mkdirSync(nodePath.dirname(nodePath.join(root, p)), { recursive: true });
    writeFileSync(nodePath.join(root, p), text);
  };
  const before = (i: number): string => control(`C-${i}`, 'CC6.1', 'A.5.15', `POL-${i % 10}`);
  const after = (i: number): string =>
    i % 7 === 0
      ? control(`C-${i - 1}`, 'CC9.9', 'A.9.2.3', `POL-${i % 13}`)
      : control(`C-${i}`, 'CC6.2', 'A.5.18', `POL-${i % 10}`, i % 5 === 0 ? 'annual' : 'quarterly', i % 5 === 0 ? 'User access review' : 'Access review');
  for (let i = 0; i < 300; i++) write(`controls/c${i}.yaml`, before(i));
  for (let i = 0; i < 10; i++) write(`policies/p${i}.md`, policy(`POL-${i}`, `Policy ${i}`, 'User access reviews are performed quarterly.', `C-${i}`));
  // The server's first scan and the check read the files' YAML on a second thread, though there are few.
  const client = await LspClient.start(root, { CROSSWALK_WORKERS: '1' });
  try {
    // The switch: 250 files change, 30 disappear, 20 appear, one policy is renamed.
    const changes: Array<{ path: string; type: 1 | 2 | 3 }> = [];
    for (let i = 0; i < 250; i++) {
      write(`controls/c${i}.yaml`, after(i));
      changes.push({ path: `controls/c${i}.yaml`, type: 2 });
    }
    for (let i = 250; i < 280; i++) {
      unlinkSync(nodePath.join(root, `controls/c${i}.yaml`));
      changes.push({ path: `controls/c${i}.yaml`, type: 3 });
    }
    for (let i = 300; i < 320; i++) {
      write(`controls/c${i}.yaml`, after(i));
      changes.push({ path: `controls/c${i}.yaml`, type: 1 });
    }
    unlinkSync(nodePath.join(root, 'policies/p3.md'));
    write('policies/renamed.md', policy('POL-3', 'Policy 3', 'Access reviews are performed annually.', 'C-3'));
    changes.push({ path: 'policies/p3.md', type: 3 }, { path: 'policies/renamed.md', type: 1 });
    client.watched(changes);

    const cli = spawnSync(process.execPath, [nodePath.resolve(import.meta.dirname, '../dist/cli.cjs'), 'check', root, '--format', 'json', '--today', '2026-11-24'], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      env: { ...process.env, CROSSWALK_WORKERS: '1' },
    });
    assert.equal(cli.stderr, '');
    const expected = (JSON.parse(cli.stdout) as { findings: Array<{ path: string; line: number; column: number; rule: string; message: string }> }).findings
      .map((f) => `${f.path}:${f.line}:${f.column} ${f.rule}: ${f.message}`)
      .sort();
    assert.ok(expected.length > 100, `the switch produces findings (${expected.length})`);
    const published = (): string[] =>
      [...client.diagnostics]
        .flatMap(([uri, diags]) => diags.map((d) => `${nodePath.relative(root, new URL(uri).pathname)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}: ${d.message}`))
        .sort();
    await client.until(() => JSON.stringify(published()) === JSON.stringify(expected), 'the server to agree with crosswalk check', 20000);
  } finally {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  }
});

// A band of 40 policies made from one template is read as clusters, and an edit to one of them is
// re-checked from that policy alone where it can be: any edits must still give what a fresh scan gives.
const BODY =
  'Access to production systems is granted on the principle of least privilege. Managers approve every request in the ticketing system before an administrator grants it, and access is removed within one business day of a role change or departure. Administrators review all accounts with elevated rights every quarter and record the outcome. Shared accounts are not allowed; service accounts have a named owner who answers for them.';
const member = (
  i: number,
  { id = `POL-${String(i).padStart(2, '0')}`, title = `Access Policy ${i}`, soc2 = 'CC6.1, CC6.2, CC6.3', above = '', body = BODY, asset = 'anything of value to the company.' } = {},
): string =>
  `---\n${above}id: ${id}\ntitle: ${title}\nowner: CISO\nlast_reviewed: 2026-06-01\nsatisfies:\n  soc2: [${soc2}]\n  iso27001: [A.5.15, A.5.18]\n---\n# Access\n\n${body}\n\n## Definitions\n\n- **Asset**: ${asset}\n`;
const MEMBER_VARIANTS: Array<(i: number) => string> = [
  (i) => member(i),
  (i) => member(i, { soc2: 'CC9.9, CC6.1, CC6.2, CC6.3' }), // an unknown id: nothing the rules read changes
  (i) => member(i, { soc2: 'CC6.1, CC6.2, CC6.3, CC7.1, CC7.2' }), // maps more: comes first in its clusters
  (i) => member(i, { soc2: 'CC6.1' }),
  (i) => member(i, { body: BODY.replace('every quarter', 'every month') }), // some bands left, some kept
  (i) =>
    member(i, {
      body: 'Backups of every production database run each night and are kept for thirty days in a second region. A restore of one backup is tested each month by the on-call engineer, who records how long it took and whether the data was whole.',
    }),
  (i) => member(i, { above: '# moved\n' }),
  () => member(0, { title: 'Access Policy copy' }), // the id of another member
  (i) => member(i, { title: 'Backup Policy' }),
  (i) => member(i, { asset: 'a laptop.' }),
  (i) => member(i, { body: `${BODY}\n` }), // the definition a line down
];
const BAND = 40;
const bandPath = (i: number): string => `policies/p${String(i).padStart(2, '0')}.md`;
type BandOp = { path: number; variant: number | undefined };

test('incremental findings equal a fresh analysis in a band of 40 policies from one template, whatever its members become', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ path: fc.nat(BAND - 1), variant: fc.option(fc.nat(MEMBER_VARIANTS.length - 1), { nil: undefined, freq: 8 }) }), { minLength: 1, maxLength: 10 }),
      fc.boolean(),
      async (ops: BandOp[], batched) => {
        const files: Record<string, string> = {};
        for (let i = 0; i < BAND; i++) files[bandPath(i)] = member(i);
        const p = await projectOf({ ...files });
        const pending: Array<{ path: string; text: string | undefined }> = [];
        for (const o of ops) {
          const path = bandPath(o.path);
          const text = o.variant === undefined ? undefined : MEMBER_VARIANTS[o.variant]!(o.path);
          if (text === undefined) delete files[path];
          else files[path] = text;
          if (batched) pending.push({ path, text });
          else p.setText(path, text);
        }
        if (batched) p.setTexts(pending);
        const fresh = await projectOf({ ...files });
        assert.deepEqual(brief(p), brief(fresh));
      },
    ),
    { numRuns: 80, seed: 424243 },
  );
});

// JupiterOne's config.json is read at load, as crosswalk.yaml is: a change to it is a reload. Whatever
// the edits to it and to the documents, and whenever the reloads come, the session ends where a fresh scan is.
const listing = (names: Record<string, string>): string => JSON.stringify({ procedures: Object.entries(names).map(([id, name]) => ({ id, name })) });
const LIST_VARIANTS = [
  listing({ 'cp-a': 'Notices and Consent' }),
  listing({ 'cp-a': 'Privacy Statement', 'cp-b': 'Cookie Notices' }),
  listing({ 'cp-b': 'Privacy Statement', 'ref-privacy': 'Statement of Privacy' }),
  '{"procedures": [',
  '{"procedures": {"id": "cp-a"}}',
];
const DOC_VARIANTS = ['### Privacy Statement\n\nPublished at {{privacyURL}}.\n', '### Cookie Notices\n\nSee the Cookie Notices Policy.\n', 'No heading at all.\n'];
const J1_LIST = 'templates/config.json';
const J1_DOCS = ['templates/procedures/cp-a.md.tmpl', 'templates/procedures/cp-b.md.tmpl', 'templates/ref/privacy.md.tmpl'];
type ListOp = { path: string; variant: number | undefined; settle: boolean };

test("incremental findings equal a fresh analysis after any edits to config.json's names and to the documents", async () => {
  const listOp: fc.Arbitrary<ListOp> = fc.oneof(
    fc.record({ path: fc.constant(J1_LIST), variant: fc.nat(LIST_VARIANTS.length - 1), settle: fc.boolean() }),
    fc.record({ path: fc.constantFrom(...J1_DOCS), variant: fc.option(fc.nat(DOC_VARIANTS.length - 1), { nil: undefined, freq: 4 }), settle: fc.boolean() }),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(listOp, { minLength: 1, maxLength: 10 }), async (ops) => {
      const files: Record<string, string> = {
        [J1_LIST]: LIST_VARIANTS[0]!,
        'templates/policies/people.md.tmpl': '# People Policy\n\nCookies follow the Cookie Notices Policy.\n',
        'templates/standards/controls-mapping.json': '{"procedures": [{"id": "cp-a", "implements": [{"standard": "SOC 2", "requirements": ["CC2.3"]}]}]}\n',
        // Never deleted: with no procedure left, the folder would no longer be found as JupiterOne templates.
        'templates/procedures/cp-keys.md.tmpl': '### Key Handling\n\nKeys are rotated.\n',
        [J1_DOCS[0]!]: DOC_VARIANTS[0]!,
        [J1_DOCS[2]!]: DOC_VARIANTS[0]!,
      };
      const disk = Object.assign(new MemoryFiles(files), { exists: async (p: string) => disk.files.has(p) });
      let reload = false;
      const host: WorkspaceHost = { publish: () => {}, editsWaiting: () => {}, reloadWanted: () => (reload = true), loaded: () => {}, changed: () => {}, log: () => {} };
      const ws = new Workspace(disk, { bundled: readBundled(), today: TODAY }, host);
      await ws.load();
      const settle = async (): Promise<void> => {
        await ws.applyEdits();
        if (reload) {
          reload = false;
          await ws.reload();
        }
      };
      for (const o of ops) {
        const text = o.path === J1_LIST ? LIST_VARIANTS[o.variant!]! : o.variant === undefined ? undefined : DOC_VARIANTS[o.variant]!;
        if (text === undefined) {
          if (!disk.files.delete(o.path)) continue;
        } else disk.files.set(o.path, text);
        await ws.diskChanged(o.path, text === undefined);
        if (o.settle) await settle();
      }
      await settle();
      assert.deepEqual(brief(await ws.project()), brief(await projectOf(Object.fromEntries(disk.files))));
    }),
    { numRuns: 60, seed: 424244 },
  );
});
