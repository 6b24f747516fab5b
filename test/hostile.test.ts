// One hostile file against the whole analysis: the inputs that once crashed
// it, hung it, or forged output, each with the finding it must give instead.
// How their cost grows is measured in scripts/bench/hostile.mjs, not here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, projectOf } from './helpers/memory.ts';

const POLICY_HEAD = '---\nid: POL-1\ntitle: Access\nowner: CISO\nreview_frequency: annual\nlast_reviewed: 2026-06-01\n---\n# Access\n\n';

test('a file with 130,000 findings of one rule lists 1,000 and one summary, and the other files are still checked', async () => {
  const ids = Array(130000).fill('x').join(',');
  const p = await projectOf({
    'controls/x.yaml': `id: C-X\nmappings:\n  soc2: [${ids}]\n`,
    'controls/y.yaml': 'id: C-Y\ntitle: T\nowner: IT\nfrequency: annual\nevidence: [E]\nmappings:\n  soc2: [CC9.9]\n  iso27001: [A.5.1]\n',
  });
  const x = brief(p, 'controls/x.yaml').filter((f) => f.includes(' unknown-id: '));
  assert.equal(x.length, 1001);
  assert.equal(x[0], "controls/x.yaml:3:10-3:11 error unknown-id: unknown SOC 2 id 'x'");
  assert.equal(x[999], "controls/x.yaml:3:2008-3:2009 error unknown-id: unknown SOC 2 id 'x'");
  assert.equal(
    x[1000],
    'controls/x.yaml:3:2010-3:2011 error unknown-id: and 129,000 more unknown-id findings in this file, not listed (at most 1,000 per rule and file are): fix the ones listed and check again',
  );
  assert.deepEqual(brief(p, 'controls/y.yaml'), ["controls/y.yaml:7:10-7:15 error unknown-id: unknown SOC 2 id 'CC9.9'; did you mean CC9.2, CC9.1 or CC6.8?"]);
});

test('a policy naming ids 130,000 times is read, and keeps its id', async () => {
  const p = await projectOf({
    'policies/p.md': `${POLICY_HEAD}${'CC6.1 '.repeat(130000)}\n`,
    'controls/c.yaml': 'id: C-1\ntitle: T\nowner: IT\nfrequency: annual\nevidence: [E]\npolicies: [POL-1]\nmappings:\n  soc2: [CC6.1]\n  iso27001: [A.5.15]\n',
  });
  assert.deepEqual(brief(p), []);
  assert.equal(p.catalogue.definitions('policy', 'POL-1').length, 1);
});

// A hang fails these through the runner's timeout; how long they take is measured in the benchmark.
const HANG = { timeout: 60_000 };

test('scope.isms wildcards match in linear time: "*a*a*...*b" against a long name finishes with its finding', HANG, async () => {
  const name = 'a'.repeat(60);
  const p = await projectOf({
    'crosswalk.yaml': `scope:\n  isms: ["${'*a'.repeat(12)}*b", "support *"]\n  soc2_boundary: ["Support desk"]\n`,
    'policies/p.md': POLICY_HEAD.replace('owner: CISO\n', `owner: CISO\nscope: [${name}, Support tools]\n`),
  });
  assert.deepEqual(
    brief(p).filter((f) => f.includes('scope-mismatch')),
    [`policies/p.md:5:9-5:69 warning scope-mismatch: policy POL-1 applies to '${name}', which is outside the ISMS scope declared in crosswalk.yaml (scope.isms)`],
  );
});

test('the wildcard matcher agrees with a regular expression on random patterns', async () => {
  const fc = (await import('fast-check')).default;
  const { wildcardMatch } = await import('../server/core/text/wildcard.ts');
  const alpha = fc.string({ unit: fc.constantFrom('a', 'b', '*', '.'), maxLength: 8 });
  fc.assert(
    fc.property(alpha, fc.string({ unit: fc.constantFrom('a', 'b', '.'), maxLength: 10 }), (pattern, text) => {
      const re = new RegExp(
        `^${pattern
          .split('*')
          .map((s) => s.replace(/\./g, '\\.'))
          .join('.*')}$`,
        's',
      );
      assert.equal(wildcardMatch(pattern, text), re.test(text), `${pattern} ~ ${text}`);
    }),
    { numRuns: 3000, seed: 20 },
  );
});

test('10,000 custom activity phrases are one word trie: their activity is still found, and an over-long phrase is refused', HANG, async () => {
  const phrases = Array.from({ length: 10000 }, (_, i) => `"control drill ${i}"`).join(', ');
  const prose = `${'The team meets and talks about many things. '.repeat(600)}Control drill 9999 is performed quarterly.\n`;
  const p = await projectOf({
    'crosswalk.yaml': `activities:\n  control drill: [${phrases}, "${'w '.repeat(17).trim()}"]\n`,
    'policies/a.md': `${POLICY_HEAD}${prose}`,
    'policies/b.md': `${POLICY_HEAD.replace('POL-1', 'POL-2')}The control drill (9999) is performed annually.\n`,
  });
  assert.deepEqual(
    brief(p).filter((f) => !f.includes('duplicate-policy')),
    [
      'crosswalk.yaml:2:218909-2:218944 error config-invalid: an activity phrase has at most 16 words; this one is not used',
      'policies/a.md:10:26433-10:26442 warning conflicting-frequency: control drill: quarterly here, but annual in policies/b.md:10 (POL-2); the stricter frequency (this one) wins: align the others',
      'policies/b.md:10:39-10:47 warning conflicting-frequency: control drill: annual here, but quarterly in policies/a.md:10 (POL-1); the stricter frequency wins: make it quarterly',
    ],
  );
});

test('a 24,000-term glossary is checked term by term, not against every term: the one conflict is found', HANG, async () => {
  const terms = Array.from({ length: 24000 }, (_, i) => `- **Term ${i}**: the thing numbered ${i} in the register.`).join('\n');
  const p = await projectOf({
    'policies/a.md': `${POLICY_HEAD}## Definitions\n\n${terms}\n`,
    'policies/b.md': `${POLICY_HEAD.replace('POL-1', 'POL-2').replace('Access', 'Other')}## Definitions\n\n- **Term 7**: a completely unrelated colour of paint.\n`,
  });
  assert.deepEqual(
    brief(p).filter((f) => f.includes('conflicting-definition')),
    [
      `policies/a.md:19:5-19:11 warning conflicting-definition: 'Term 7' is defined differently in policies/b.md:12 (POL-2): "the thing numbered 7 in the register." here, "a completely unrelated colour of paint." there; keep one definition (a shared glossary) and refer to it`,
      `policies/b.md:12:5-12:11 warning conflicting-definition: 'Term 7' is defined differently in policies/a.md:19 (POL-1): "a completely unrelated colour of paint." here, "the thing numbered 7 in the register." there; keep one definition (a shared glossary) and refer to it`,
    ],
  );
});

test('40,000 copies of one id in one file: each copy names three others and a count, the file lists 1,000', HANG, async () => {
  const copies = Array.from({ length: 40000 }, () => '- id: C-1\n  title: T\n').join('');
  const p = await projectOf({ 'controls/many.yaml': copies, 'controls/one.yaml': 'id: C-1\ntitle: T\n' });
  const d = brief(p).filter((f) => f.includes('duplicate-id'));
  assert.equal(d.length, 1002);
  assert.equal(
    d[1],
    'controls/many.yaml:3:7-3:10 error duplicate-id: control id C-1 is also defined at controls/many.yaml:1, controls/many.yaml:5, controls/many.yaml:7 and 39997 more: give each control its own id',
  );
  assert.equal(
    d[1000],
    'controls/many.yaml:2001:7-2001:10 error duplicate-id: and 39,000 more duplicate-id findings in this file, not listed (at most 1,000 per rule and file are): fix the ones listed and check again',
  );
  assert.equal(
    d[1001],
    'controls/one.yaml:1:5-1:8 error duplicate-id: control id C-1 is also defined at controls/many.yaml:1, controls/many.yaml:3, controls/many.yaml:5 and 39997 more: give each control its own id',
  );
  assert.equal(p.findings('controls/one.yaml')[0]!.related!.length, 20);
  // An edit of the large file removes its 40,000 entries at once, not one list scan per copy.
  p.setText('controls/many.yaml', '- id: C-2\n  title: T\n');
  assert.deepEqual(
    brief(p).filter((f) => f.includes('duplicate-id')),
    [],
  );
});

test('YAML garbage over 64 KiB: error recovery stops at 64 KiB with a finding that says so', HANG, async () => {
  const garbage = Array.from({ length: 70000 }, (_, i) => (i % 2 ? '- a\n' : 'b: c\n')).join('');
  const p = await projectOf({ 'controls/g.yaml': `id: C-G\n${garbage}` });
  const g = brief(p, 'controls/g.yaml');
  assert.equal(g.length, 22);
  assert.equal(g[0], 'controls/g.yaml:3:1-3:2 error yaml-syntax: YAML syntax error: Implicit keys need to be on a single line');
  assert.equal(g.filter((f) => f.includes('more from here on, not listed')).length, 1);
  assert.equal(
    g[21],
    'controls/g.yaml:14563:1-14563:2 error yaml-syntax: YAML syntax error: this YAML is not plain (a syntax error, an anchor or a tag) and is over 64 KiB: only its first 64 KiB are checked and the rest is not read; fix the errors, or split the file',
  );
  // What lies before the first error still declares the control.
  assert.equal(p.catalogue.definitions('control', 'C-G').length, 1);
});

test('a line of 20,000 code spans between cited names and links is read in linear time, with its findings capped', HANG, async () => {
  const line = '`x` Aaa Policy [a](gone.md) | CC6.1 | Physical security | '.repeat(20000);
  const p = await projectOf({ 'policies/p.md': `${POLICY_HEAD}${line}\n` });
  const rules = new Map<string, number>();
  for (const f of p.findings('policies/p.md')) rules.set(f.rule, (rules.get(f.rule) ?? 0) + 1);
  // The names are not checked (no title ends in Policy); one link group, capped; the ids are in no table row, and cited once.
  assert.deepEqual(
    [...rules],
    [
      ['broken-link', 1001],
      ['cited-only', 1],
    ],
  );
});

test('a history heading padded with 200,000 spaces, and a table header of 100,000 cells, are read in linear time; the names after them are read', HANG, async () => {
  const heading = `## Change log${' \t'.repeat(100000)}#x\n\nSee the Vendor Rules Policy.\n\n`;
  const table = `| Version |${' Date |'.repeat(100000)}\n${'|---'.repeat(100000)}|\n| 1.0 | Initial Policy |\n\nSee the Supplier Rules Policy.\n`;
  const p = await projectOf({ 'policies/p.md': `${POLICY_HEAD}${heading}${table}`, 'policies/v.md': POLICY_HEAD.replace('POL-1', 'POL-2').replace('Access', 'Vendor Policy') });
  assert.deepEqual(
    brief(p, 'policies/p.md').map((l) => l.replace(/;.*/, '')),
    [
      "policies/p.md:12:9-12:28 warning unknown-document: no document in the repository is titled 'Vendor Rules Policy'",
      "policies/p.md:18:9-18:30 warning unknown-document: no document in the repository is titled 'Supplier Rules Policy'",
    ],
  );
});

test('hover Markdown: an id with a blank line stays inside its code span, bare URLs do not link, a lone carriage return and ESC are shown escaped', async () => {
  const { entityHover } = await import('../server/core/queries/hover.ts');
  const { code, escapeMarkdown } = await import('../server/core/queries/markdown.ts');
  const p = await projectOf({
    'controls/a.yaml':
      'id: C-1\ntitle: "see https://e.invalid/x and www.e.invalid, ask a@e.invalid\\rX\\e[2J"\nowner: IT\nfrequency: annual\nevidence: [E]\npolicies: ["P\\n\\n[run](command:workbench.action.terminal.new) <img src=x>"]\nmappings:\n  soc2: [CC6.1]\n  iso27001: [A.5.15]\n',
  });
  const lines = entityHover(p, 'control', 'C-1').split('\n');
  assert.equal(lines[0], '**C-1** · control · see https:\u2060//e.invalid/x and www\u2060.e.invalid, ask a@\u2060e.invalid\\u000dX\\u001b\\[2J');
  assert.equal(
    lines.find((l) => l.startsWith('**Policies:**')),
    '**Policies:** `P\\u000a\\u000a[run](command:workbench.action.terminal.new) <img src=x>`',
  );
  // Every code span opens and closes on its own line.
  for (const l of lines) assert.equal((l.match(/`/g) ?? []).length % 2, 0, l);
  assert.equal(code('a\r\n\u202eb`'), '`a\\u000d\\u000a\\u202eb`');
  assert.equal(escapeMarkdown('a\r\nb\rc'), 'a b\\u000dc');
});

test('fuzz: hover escaping never leaves a line end, a control character, an unescaped bracket or a bare URL', async () => {
  const fc = (await import('fast-check')).default;
  const { code, escapeMarkdown } = await import('../server/core/queries/markdown.ts');
  const nasty = fc.string({ unit: fc.constantFrom('\n', '\r', '\u001b', '\u0085', '\u2028', '\u202e', '`', '[', ']', '(', ')', '<', ':', '/', 'h', 't', 'p', 's', 'w', '.', '@', 'a'), maxLength: 30 });
  fc.assert(
    fc.property(nasty, (text) => {
      for (const out of [escapeMarkdown(text), code(text)]) assert.doesNotMatch(out, /[\u0000-\u001f\u007f-\u009f\u2028\u202e]/, JSON.stringify(out));
      assert.doesNotMatch(escapeMarkdown(text), /(?<!\\)[[\]`<]|:\/\/|www\.|@(?!\u2060)/);
      assert.match(code(text), /^`[^`]*`$/);
    }),
    { numRuns: 3000, seed: 4 },
  );
});

test('a YAML error that quotes a 60,000-character block scalar header quotes 40 characters and the length; single-framework names a few ids and a count', async () => {
  const header = `|${'x'.repeat(60000)}`;
  const ids = Array.from({ length: 5000 }, (_, i) => `CC${(i % 9) + 1}.1`).join(', ');
  const p = await projectOf({
    'controls/t.yaml': `id: C-T\ntitle: ${header}\n  text\n`,
    'controls/s.yaml': `id: C-S\ntitle: T\nowner: IT\nfrequency: annual\nevidence: [E]\nmappings:\n  soc2: [${ids}]\n`,
  });
  const t = brief(p, 'controls/t.yaml').filter((f) => f.includes('yaml-syntax'));
  assert.deepEqual(t, [`controls/t.yaml:2:9-2:10 error yaml-syntax: YAML syntax error: Block scalar header includes extra characters: ${header.slice(0, 40)}… (60,001 characters)`]);
  assert.deepEqual(
    brief(p, 'controls/s.yaml').filter((f) => f.includes('single-framework')),
    [
      'controls/s.yaml:1:5-1:8 warning single-framework: control C-S is mapped to SOC 2 only, but ISO 27001 is in scope; the crosswalk pairs CC1.1, CC2.1, CC3.1, CC4.1, CC5.1, CC6.1, CC7.1, CC8.1 and 1 more with 9.1, A.5.15, A.5.16, A.5.17, A.5.35, A.5.36, A.8.3, A.8.5 and 4 more',
    ],
  );
  assert.equal(
    p.findings('controls/s.yaml').find((f) => f.rule === 'single-framework')!.fixes![0]!.title,
    'Add ISO 27001 strong counterparts: 9.1, A.5.15, A.5.16, A.5.17, A.5.35, A.5.36, A.8.3, A.8.5 and 4 more',
  );
});

test('an id with a zero-width, bidirectional or control character is not a valid id: a finding says which character', async () => {
  const control = (id: string): string => `id: "${id}"\ntitle: T\nowner: IT\nfrequency: annual\nevidence: [E]\nmappings:\n  soc2: [CC6.1]\n  iso27001: [A.5.15]\n`;
  const p = await projectOf({
    'controls/a.yaml': control('C-1\\u200b'),
    'controls/b.yaml': control('C-\\u202e2'),
    'controls/c.yaml': control('C-3\\e[2J'),
    'controls/d.yaml': control('C-4'),
    'policies/p.md': POLICY_HEAD.replace('id: POL-1', 'id: "POL\\u20661"'),
  });
  assert.deepEqual(
    brief(p).filter((f) => f.includes('invalid-field')),
    [
      "controls/a.yaml:1:5-1:16 error invalid-field: the control id holds an invisible or control character (U+200B) that makes it look like another id: use letters, digits, '.', '_' and '-'",
      "controls/b.yaml:1:5-1:16 error invalid-field: the control id holds an invisible or control character (U+202E) that makes it look like another id: use letters, digits, '.', '_' and '-'",
      "controls/c.yaml:1:5-1:15 error invalid-field: the control id holds an invisible or control character (U+001B) that makes it look like another id: use letters, digits, '.', '_' and '-'",
      "policies/p.md:2:5-2:17 error invalid-field: the policy id holds an invisible or control character (U+2066) that makes it look like another id: use letters, digits, '.', '_' and '-'",
    ],
  );
});

test('a Statement of Applicability row of 100,000 ids, and a first heading of 100,000 #s, are read in linear time', HANG, async () => {
  const soa = `| Control | Applicable | Reason |\n|---|---|---|\n| ${'A.5.15 '.repeat(100000)}| Yes | |\n| ${'A.5.16 | '.repeat(100000)}\n`;
  const p = await projectOf({
    'crosswalk.yaml': 'frameworks:\n  iso27001: {}\n',
    'policies/soa.md': `# SoA\n\n${soa}`,
    'policies/h.md': `# ${' #'.repeat(100000)}x\n\n## Controls\n\n- A.5.17\n`,
  });
  const prose = p.catalogue.file('policies/soa.md')!.prose;
  // The first id leads its cell and the row applies; the rest of that cell, and the second row (no applicability), decide nothing.
  assert.deepEqual([prose.length, prose.filter((r) => r.declaredIn === 'soa').length, prose[0]!.declaredIn], [200000, 1, 'soa']);
  // A heading that long is no title; the mappings section after it is read.
  assert.equal(p.catalogue.file('policies/h.md')!.entities[0]!.title, undefined);
  assert.deepEqual(
    p.catalogue.file('policies/h.md')!.prose.map((r) => r.declaredIn),
    ['section'],
  );
});
