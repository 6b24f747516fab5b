// The readiness report: the example's figures, the self-contained HTML, and
// escaping of repository text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as nodePath from 'node:path';
import { projectOf } from './helpers/memory.ts';
import { computeReadiness } from '../server/core/queries/readiness.ts';
import { readinessHtml } from '../server/format/readinessText.ts';

const ROOT = nodePath.resolve(import.meta.dirname, '..');
const run = (...args: string[]): { code: number; stdout: string } => {
  const r = spawnSync(process.execPath, [nodePath.join(ROOT, 'dist/cli.cjs'), ...args, '--today', '2026-11-24'], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout };
};

test('examples/acme: how far SOC 2 controls reach ISO 27001, and the reverse', () => {
  const r = run('report', 'examples/acme');
  assert.equal(r.code, 0);
  const lines = r.stdout.split('\n');
  assert.deepEqual(
    lines.filter((l) => l.startsWith('Holding ')),
    [
      'Holding SOC 2 and going for ISO 27001: 89 of 121 applicable ISO 27001 requirements (73.6%) are already covered: 83 mapped, 6 through the crosswalk. 21 have only a partial match, 4 are net-new management-system work, 7 are gaps.',
      'Holding ISO 27001 and going for SOC 2: 34 of 38 applicable SOC 2 requirements (89.5%) are already covered: 34 mapped, 0 through the crosswalk. 4 have only a partial match, 0 are net-new management-system work, 0 are gaps.',
    ],
  );
  assert.ok(lines.includes('| 7.2 | Competence | CC1.4 | HR-01, HR-02, POL-HR |'));
  // Net-new: the overlap is named, but only strong pairs that are not net-new count as met.
  assert.ok(lines.includes('- 6.3 Planning of changes (overlaps SOC 2 CC3.4; the artefact is still to be built)'));
  // A clause the crosswalk declares without SOC 2 counterpart carries the crosswalk's note.
  assert.ok(
    lines.includes(
      '- 7.1 Resources (no SOC 2 counterpart by design: Providing resources for the ISMS is a management-system duty; SOC 2 assesses controls, not the resourcing of a management system.)',
    ),
  );
  assert.ok(lines.includes('- 4.1 Understanding the organization and its context (partial match: CC3.2, CC3.4)'));
  assert.ok(lines.includes('40 evidence items belong to controls mapped to both frameworks: collect once, show to both auditors.'));
  assert.ok(lines.includes('5 of 45 controls are mapped to one framework only.'));
});

test('the HTML report is one self-contained file: no script, nothing fetched, charts inline', () => {
  const html = run('report', 'examples/acme', '--format', 'html').stdout;
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">/);
  assert.doesNotMatch(html, /<script|<link|<img|<iframe|https?:\/\//i);
  assert.equal(html.match(/<svg class="bar"/g)?.length, 16);
  // Readable in a dark theme: the editor's colours in its webview, the system's dark scheme in a browser.
  assert.match(html, /@media \(prefers-color-scheme: dark\)\{:root\{--fg:#ddd;--bg:#1e1e1e;/);
  assert.match(html, /body\{[^}]*color:var\(--vscode-editor-foreground,var\(--fg\)\);background:var\(--vscode-editor-background,var\(--bg\)\)\}/);
  assert.doesNotMatch(html.replace(/:root\{[^}]*\}/g, ''), /color:#|background:#fff/);
  const json = JSON.parse(run('report', 'examples/acme', '--format', 'json').stdout) as { directions: Array<{ counts: Record<string, number> }> };
  assert.deepEqual(json.directions[0]!.counts, { mapped: 83, crosswalk: 6, partial: 21, 'net-new': 4, gap: 7 });
});

test('repository text in the report is escaped', async () => {
  const p = await projectOf({
    'crosswalk.yaml': 'organization: "<script>alert(1)</script> & Co"\n',
    'controls/a.yaml':
      'id: "<img src=x onerror=alert(1)>"\ntitle: x\nowner: IT\nfrequency: daily\nevidence:\n  - id: E-1\n    description: "<b>bold</b>"\n    source: "a\\"b"\nmappings:\n  soc2: [CC6.1]\n  iso27001: [A.5.15]\n',
  });
  const html = readinessHtml(computeReadiness(p));
  assert.doesNotMatch(html, /<script>|<img src=x|<b>bold/);
  assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; Co/);
  assert.match(html, /<td>&lt;img src=x onerror=alert\(1\)&gt;<\/td><td>E-1: &lt;b&gt;bold&lt;\/b&gt;<\/td><td>a&quot;b<\/td>/);
});

test('control and invisible characters in the report are written as escapes', async () => {
  const p = await projectOf({
    'crosswalk.yaml': 'organization: "Acme\\e]8;;http://x\\e\\\\ \\u202e Co"\n',
    'controls/a.yaml': 'id: C-1\ntitle: x\nowner: IT\nfrequency: daily\nevidence:\n  - id: E-1\n    description: "red \\e[31mtext"\nmappings:\n  soc2: [CC6.1]\n  iso27001: [A.5.15]\n',
  });
  const html = readinessHtml(computeReadiness(p));
  assert.doesNotMatch(html, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
  assert.match(html, /Acme\\u001b\]8;;http:\/\/x\\u001b\\ \\u202e Co/);
  assert.match(html, /<td>E-1: red \\u001b\[31mtext<\/td>/);
});

const CITED = {
  'controls/a.yaml': 'id: C-1\ntitle: x\nowner: IT\nfrequency: daily\nevidence: [x]\nmappings:\n  soc2: [CC6.1]\n  iso27001: [A.5.15]\n',
  'policies/p.md': '---\nid: "POL-<i>1</i>"\ntitle: P\nowner: CISO\nlast_reviewed: 2026-10-01\nsatisfies:\n  soc2: [CC6.1]\n---\nWe meet A.8.5 and CC6.6 | and A.5.16.\n',
  'policies/q.md': '---\nid: POL-2\ntitle: Q\nowner: CISO\nlast_reviewed: 2026-10-01\n---\nAlso A.8.5.\n',
};

test('requirements policies cite but nothing maps are listed apart as cited only, with the citing policies, escaped', async () => {
  const { readinessMarkdown } = await import('../server/format/readinessText.ts');
  const r = computeReadiness(await projectOf(CITED));
  assert.deepEqual(
    r.directions.map((d) => [d.pursued.short, d.citedOnly]),
    [
      ['ISO 27001', 2],
      ['SOC 2', 1],
    ],
  );
  const md = readinessMarkdown(r);
  const section = (from: string): string[] => md.slice(md.indexOf(from)).split('\n').slice(0, 7);
  assert.deepEqual(section('### Cited only'), [
    '### Cited only',
    '',
    "2 requirements are cited in policies' text but mapped by no control or policy: they count for nothing until a field maps them (add them to the citing policy's mappings).",
    '',
    '| ISO 27001 | title | cited in | stands as |',
    '|---|---|---|---|',
    '| A.5.16 | Identity management | POL-&lt;i&gt;1&lt;/i&gt; | met through the crosswalk (review) |',
  ]);
  assert.ok(md.includes('| A.8.5 | Secure authentication | POL-2, POL-&lt;i&gt;1&lt;/i&gt; | met through the crosswalk (review) |\n\n## ISO 27001 → SOC 2'));
  assert.ok(md.includes('| CC6.6 | Logical security measures against threats from outside system boundaries | POL-&lt;i&gt;1&lt;/i&gt; | gap |\n'));
  // Listed once: not again under the crosswalk's matches or the gaps.
  assert.equal(md.match(/\| A\.5\.16 \|/g)?.length, 1);
  assert.doesNotMatch(md, /^- CC6\.6 /m);
  const html = readinessHtml(r);
  assert.ok(
    html.includes(
      '<h3>Cited only</h3><p>1 requirement is cited in policies&#39; text but mapped by no control or policy: it counts for nothing until a field maps it (add it to the citing policy&#39;s mappings).</p><table><thead><tr><th>SOC 2</th><th>title</th><th>cited in</th><th>stands as</th></tr></thead><tbody><tr><td>CC6.6</td><td>Logical security measures against threats from outside system boundaries</td><td>POL-&lt;i&gt;1&lt;/i&gt;</td><td>gap</td></tr></tbody></table>',
    ),
  );
  assert.doesNotMatch(html, /<i>1/);
});

test('in the editor, requirement ids link to crosswalk.revealRequirement and to no other command; the CLI page has no links', async () => {
  const { revealRequirementUri, REPORT_COMMANDS } = await import('../server/lsp/protocol.ts');
  const r = computeReadiness(await projectOf(CITED));
  assert.doesNotMatch(readinessHtml(r), /<a |command:/);
  // An id from a repository's own framework can hold anything: it stays text, in the link and beside it.
  const hostile = '"><img src=x onerror=alert(1)> command:workbench.action.terminal.new';
  r.directions[0]!.items.find((i) => i.citedBy !== undefined)!.id = hostile;
  const html = readinessHtml(r, { requirementHref: revealRequirementUri });
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
  assert.ok(hrefs.length > 100, String(hrefs.length));
  assert.deepEqual(
    hrefs.filter((h) => !h.startsWith('command:crosswalk.revealRequirement?')),
    [],
  );
  assert.deepEqual(REPORT_COMMANDS, ['crosswalk.revealRequirement']);
  // Outside the links, only the id's own text says "command:".
  assert.deepEqual(html.replace(/href="command:crosswalk\.revealRequirement\?[^"]*"/g, '').match(/command:\S*/g), ['command:workbench.action.terminal.new</a></td><td>Identity']);
  assert.doesNotMatch(html, /<img/);
  const link = `<a href="command:crosswalk.revealRequirement?${encodeURIComponent(JSON.stringify(['iso27001', hostile]))}">&quot;&gt;&lt;img src=x onerror=alert(1)&gt; command:workbench.action.terminal.new</a>`;
  assert.ok(html.includes(`<tr><td>${link}</td><td>Identity management</td>`), html.slice(html.indexOf('Cited only'), html.indexOf('Cited only') + 600));
  assert.ok(html.includes('<li><a href="command:crosswalk.revealRequirement?%5B%22iso27001%22%2C%224.1%22%5D">4.1</a> Understanding the organization and its context'));
});
