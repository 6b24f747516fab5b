// Repository text in every human and CI output (text, Markdown, CSV, SARIF):
// control characters shown as escapes, no workflow command at a line start,
// no forged compiler line, no live link, image or HTML.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as nodePath from 'node:path';
import fc from 'fast-check';
import { removeScratch, scratchDir, writeFiles } from './helpers/gitRepo.ts';
import { findingsText } from '../server/format/findingsText.ts';
import { findingsMarkdown } from '../server/format/findingsMarkdown.ts';
import { soaCsv, soaMarkdown } from '../server/format/soaFormats.ts';
import { mdCell } from '../server/format/tables.ts';
import { guardMarkdownLines, plainText, textLines } from '../server/format/neutralise.ts';
import type { Finding } from '../server/core/types.ts';

const CLI = nodePath.resolve(import.meta.dirname, '../dist/cli.cjs');
after(removeScratch);

// An id for each trick: a workflow command after a line end, ANSI clear screen and an OSC-8 hyperlink,
// a carriage return that overwrites the line with a forged finding, an old-style runner command, a bidi override.
const HOSTILE_CONTROL =
  'id: C-1\ntitle: T\nowner: IT\nfrequency: annual\nevidence: [E]\npolicies: ["POL\\n::error file=a.yaml::forged", "P\\u202eX"]\nmappings:\n  soc2: ["CC9.9\\e[2J\\e]8;;http://x\\e\\\\", "x\\rcontrols/b.yaml:1:1: error fake: forged", "##[warning]w"]\n  iso27001: [A.5.15]\n';

function check(format: string): { code: number | null; stdout: string } {
  const dir = scratchDir('crosswalk-escape-');
  writeFiles(dir, { 'controls/a.yaml': HOSTILE_CONTROL });
  const r = spawnSync(process.execPath, [CLI, 'check', dir, '--format', format, '--today', '2026-11-24'], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout };
}

test('check text output: ids with line ends, escape sequences and runner commands are shown escaped, one finding a line', () => {
  const r = check('text');
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    [
      "controls/a.yaml:6:12: error unresolved-reference: 'policies' names policy POL\\u000a::error file=a.yaml::forged, but no policy has the id POL\\u000a::error file=a.yaml::forged",
      "controls/a.yaml:6:48: error unresolved-reference: 'policies' names policy P\\u202eX, but no policy has the id P\\u202eX",
      "controls/a.yaml:8:10: error unknown-id: unknown SOC 2 id 'CC9.9\\u001b[2J\\u001b]8;;http://x\\u001b\\'",
      "controls/a.yaml:8:42: error unknown-id: unknown SOC 2 id 'x\\u000dcontrols/b.yaml:1:1: error fake: forged'",
      "controls/a.yaml:8:88: error unknown-id: unknown SOC 2 id '#\\u0023[warning]w'",
      '5 errors in 1 of 1 file',
      '',
    ].join('\n'),
  );
});

test('check markdown and sarif: the same ids stay literal', () => {
  const md = check('markdown').stdout;
  assert.equal(
    md
      .split('\n')
      .filter((l) => l.includes('unknown-id'))
      .join('\n'),
    [
      "- line 8: **error** `unknown-id`: unknown SOC 2 id 'CC9.9\\\\u001b\\[2J\\\\u001b\\]8;;http:\u2060//x\\\\u001b\\\\'",
      "- line 8: **error** `unknown-id`: unknown SOC 2 id 'x\\\\u000dcontrols/b.yaml:1:1: error fake: forged'",
      "- line 8: **error** `unknown-id`: unknown SOC 2 id '\\#\\#\\[warning\\]w'",
    ].join('\n'),
  );
  assert.doesNotMatch(md, /[\u0000-\u0009\u000b-\u001f\u202e]/);
  const sarif = JSON.parse(check('sarif').stdout) as { runs: Array<{ results: Array<{ message: { text: string } }> }> };
  assert.deepEqual(sarif.runs[0]!.results.map((x) => x.message.text).slice(2), [
    "unknown SOC 2 id 'CC9.9\\u001b[2J\\u001b]8;;http://x\\u001b\\'",
    "unknown SOC 2 id 'x\\u000dcontrols/b.yaml:1:1: error fake: forged'",
    "unknown SOC 2 id '#\\u0023[warning]w'",
  ]);
});

const at = (path: string, message: string): Finding => ({ rule: 'unknown-id', severity: 'error', path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message });

test('a path or a message that would start a line with "::" is guarded in text and Markdown', () => {
  assert.equal(findingsText([at('::error file=x::y.yaml', 'm')], 1), '\\u003a:error file=x::y.yaml:1:1: error unknown-id: m\n1 error in 1 of 1 file\n');
  assert.equal(textLines(['  ::add-mask::secret', 'a ::b']), '  \\u003a:add-mask::secret\na ::b\n');
  // A framework's short name from a custom framework file starts the coverage headline in Markdown.
  assert.equal(guardMarkdownLines('## T\n\n::error::x: 0 of 1\n\t::stop-commands::y\n'), '## T\n\n&#58;:error::x: 0 of 1\n\t&#58;:stop-commands::y\n');
});

test('SoA Markdown and CSV: links, javascript: URLs, images and HTML from the repository are not live', () => {
  const row = {
    id: 'A.5.1',
    title: '![x](https://e.invalid/p.png)',
    theme: 'Organizational',
    applicable: false,
    status: 'excluded' as const,
    justification: '[click](javascript:alert(1)) <img src=x>\u001b[31m',
    controls: ['C-1\n::error::x'],
    policies: ['=HYPERLINK("http://e.invalid")'],
  };
  const md = soaMarkdown([row]);
  assert.equal(
    md.split('\n').at(-2),
    '| A.5.1 | !\\[x\\](https:\u2060//e.invalid/p.png) | Organizational | No | excluded | \\[click\\](javascript:alert(1)) &lt;img src=x&gt;\\\\u001b\\[31m | C-1 ::error::x | =HYPERLINK(&quot;http:\u2060//e.invalid&quot;) |',
  );
  assert.equal(
    soaCsv([row]).split('\r\n')[1],
    `A.5.1,![x](https://e.invalid/p.png),Organizational,no,excluded,[click](javascript:alert(1)) <img src=x>\\u001b[31m,C-1\\u000a::error::x,"'=HYPERLINK(""http://e.invalid"")"`,
  );
  assert.equal(
    soaCsv([{ ...row, id: '::warning::x' }])
      .split('\r\n')[1]!
      .slice(0, 14),
    '\\u003a:warning',
  );
});

test('fuzz: no output line of text, Markdown or CSV starts a workflow command or holds a control character', () => {
  const nasty = fc.string({ unit: fc.constantFrom('\n', '\r', '\u001b', '\u0085', '\u2028', '\u202e', '\u200b', ':', '#', '[', ']', '(', ')', '!', 'a', ' ', '\t', '`', '<'), maxLength: 24 });
  fc.assert(
    fc.property(nasty, nasty, (path, message) => {
      const outputs = [
        findingsText([at(path, message)], 1),
        findingsMarkdown([at(path, message)], 1),
        soaCsv([{ id: path, title: message, theme: '', applicable: true, status: 'implemented', justification: message, controls: [path], policies: [] }]),
        soaMarkdown([{ id: path, title: message, theme: '', applicable: true, status: 'implemented', justification: message, controls: [path], policies: [] }], message),
      ];
      for (const out of outputs) {
        for (const l of out.split(/\r?\n/)) {
          assert.doesNotMatch(l, /^\s*::/, JSON.stringify(l));
          assert.doesNotMatch(l, /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202e\u200b]/, JSON.stringify(l));
        }
      }
      // The finding stays on the one line that names its path, and the summary follows.
      assert.equal(outputs[0]!.split('\n').length, 3);
      assert.doesNotMatch(mdCell(message), /(?<!\\)\[|(?<!\\)`|</);
      assert.equal(plainText(message).includes('##['), false);
    }),
    { numRuns: 2000, seed: 5 },
  );
});

test('check json: what JSON.stringify leaves raw (bidi override, C1 CSI, zero-width) is escaped in the bytes and decodes to the same message', () => {
  const dir = scratchDir('crosswalk-escape-');
  writeFiles(dir, { 'controls/a.yaml': 'id: C-1\ntitle: T\nowner: IT\nfrequency: annual\nevidence: [E]\nmappings:\n  soc2: ["CC9.9\\u202eX", "CC9.8\\u009b2J\\u200b"]\n' });
  const r = spawnSync(process.execPath, [CLI, 'check', dir, '--format', 'json', '--today', '2026-11-24'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(/[\u007f-\u009f\u200b\u202e]/.test(r.stdout), false);
  assert.ok(r.stdout.includes('CC9.9\\u202eX'), r.stdout);
  const messages = (JSON.parse(r.stdout) as { findings: Array<{ rule: string; message: string }> }).findings.filter((f) => f.rule === 'unknown-id').map((f) => f.message);
  assert.deepEqual(messages, ["unknown SOC 2 id 'CC9.9\u202eX'", "unknown SOC 2 id 'CC9.8\u009b2J\u200b'"]);
});
