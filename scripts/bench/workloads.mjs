// Catalogues shaped like a team's first run on a messy repository, made from
// the generator's own catalogue by rewriting its files: many findings, large
// groups, policies from a few templates, and the header styles real
// repositories use. Each returns what the runner needs to drive it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const files = (dir, sub) =>
  readdirSync(join(dir, sub))
    .sort()
    .map((f) => join(dir, sub, f));
const rewrite = (path, fn) => writeFileSync(path, fn(readFileSync(path, 'utf8')));
const index = (path) => Number(/(\d+)\.\w+$/.exec(path)[1]);

/** Half the files with findings: every other control gets an unknown id, a 2013 id and no owner; every other policy a stale review. */
function findingsHeavy(dir) {
  for (const path of files(dir, 'controls')) {
    if (index(path) % 2 !== 0) continue;
    rewrite(path, (t) =>
      t
        .replace(/soc2: \[/, 'soc2: [CC9.8, ')
        .replace(/iso27001: \[/, 'iso27001: [A.9.4.1, ')
        .replace(/^owner: .*\n/m, ''),
    );
  }
  for (const path of files(dir, 'policies')) {
    if (index(path) % 2 === 0) rewrite(path, (t) => t.replace(/^last_reviewed: .*$/m, 'last_reviewed: 2024-01-10'));
  }
}

/**
 * One activity stated by 2,000 controls (one in ten at another frequency, so
 * every one of them clashes with some), and one Annex A control mapped by 5,000.
 */
function largeGroups(dir) {
  for (const path of files(dir, 'controls')) {
    const i = index(path);
    rewrite(path, (t) => {
      let out = t;
      if (i < 2000)
        out = out.replace(/^title: .*$/m, `title: User access reviews for the production platform, set ${i}`).replace(/^frequency: .*$/m, `frequency: ${i % 10 === 0 ? 'monthly' : 'quarterly'}`);
      if (i < 5000) out = out.replace(/iso27001: \[/, 'iso27001: [A.5.15, ');
      return out;
    });
  }
}

/** Policies from five templates: the same body and glossary in 400 policies each, only the front matter their own. */
function fromTemplates(dir) {
  const policies = files(dir, 'policies');
  const bodyAt = (text) => text.indexOf('\n---\n', 4) + 5;
  const templates = policies.slice(0, 5).map((p) => {
    const text = readFileSync(p, 'utf8');
    return `${text.slice(bodyAt(text))}\n## Definitions\n\n- **Personnel**: all employees and contractors.\n- **Asset**: anything of value to the company.\n`;
  });
  policies.forEach((p, i) => rewrite(p, (t) => t.slice(0, bodyAt(t)) + templates[i % templates.length]));
}

/**
 * Header styles of real repositories: half the policies with comply headers
 * (no opening '---': name, acronym, satisfies TSC, closed by '---'), a quarter
 * plain Markdown without front matter naming their ids in prose. References to
 * the plain ones (which define no id) point at a header policy instead.
 */
function realShapes(dir) {
  const policies = files(dir, 'policies');
  const n = policies.length;
  for (const path of policies) {
    const i = index(path);
    rewrite(path, (t) => {
      const end = t.indexOf('\n---\n', 4);
      const head = t.slice(4, end);
      const body = t.slice(end + 5);
      const field = (k) => new RegExp(`^${k}: (.*)$`, 'm').exec(head)?.[1] ?? '';
      const soc2 = /soc2: \[(.*)\]/.exec(head)[1];
      if (i < n / 2)
        return `name: ${field('title')}\nacronym: ${field('id')}\nsatisfies:\n  TSC: [${soc2}]\nmajorRevisions:\n  - date: Oct 1 2026\n    comment: Reviewed by ${field('owner')}\n---\n${body}`;
      if (i >= (3 * n) / 4) return `${body}\nThis policy meets SOC 2 ${soc2.split(', ')[0]}.\n`;
      return t;
    });
  }
  const plainFrom = Math.ceil((3 * n) / 4);
  const shift = Math.ceil(n / 4);
  for (const path of files(dir, 'controls')) {
    rewrite(path, (t) => t.replace(/policies: \[POL-(\d+)\]/, (m, d) => (Number(d) >= plainFrom ? `policies: [POL-${String(Number(d) - shift).padStart(5, '0')}]` : m)));
  }
}

/**
 * Policies that name each other as people write them, for the prose rules: every title ends in
 * "Policy" ("Site-12 Network Access Policy"), and every policy gains a "Related documents" section
 * citing two other policies by title, linking to a third's Purpose heading and listing its first SOC 2
 * criterion with a title. Mistakes, with the rule each must give: one policy in 25 cites a title no
 * policy has (unknown-document), one in 50 links to a file that is not there (broken-link), one in 40
 * writes another criterion's title beside an id (wrong-title). Not among the runner's workloads: its
 * figures come from prose.mjs.
 */
function proseReferences(dir) {
  const policies = files(dir, 'policies');
  const n = policies.length;
  const name = (i) => `p${String(i).padStart(5, '0')}.md`;
  const cap = (w) => w.replace(/(^|-)([a-z])/g, (m, d, c) => d + c.toUpperCase());
  const titles = policies.map((path, i) => {
    const words = /^title: "Policy \d+: (\S+) (\S+) handling"$/m.exec(readFileSync(path, 'utf8'));
    return `Site-${i} ${cap(words[1])} ${cap(words[2])} Policy`;
  });
  const truth = [];
  policies.forEach((path, i) => {
    const a = (i + 1) % n;
    const b = (i + 7) % n;
    const c = (i + 13) % n;
    const cites = i % 25 === 3 ? `the Site-${i} Records Retention Policy` : `the ${titles[b]}`;
    const target = i % 50 === 5 ? 'p99999.md' : `${name(c)}#purpose`;
    if (i % 25 === 3) truth.push({ path: `policies/${name(i)}`, rule: 'unknown-document' });
    if (i % 50 === 5) truth.push({ path: `policies/${name(i)}`, rule: 'broken-link' });
    if (i % 40 === 9) truth.push({ path: `policies/${name(i)}`, rule: 'wrong-title' });
    rewrite(path, (t) => {
      const soc2 = /soc2: \[([^,\]]+)/.exec(t)[1];
      const titled = i % 40 === 9 ? `- CC8.1: Physical access to facilities and sensitive locations` : `- ${soc2}: ${SOC2_TITLES.get(soc2)}`;
      return `${t
        .replace(/^title: .*$/m, `title: "${titles[i]}"`)
        .replace(
          /^# .*$/m,
          `# ${titles[i]}`,
        )}\n## Related documents\n\nThis policy is read with the ${titles[a]} and ${cites}. Each exception is handled as [the procedures](./${target}) describe.\n\n${titled}\n`;
    });
  });
  return truth;
}

const SOC2_TITLES = new Map(parse(readFileSync(join(import.meta.dirname, '..', '..', 'frameworks', 'soc2-tsc-2017.yaml'), 'utf8')).requirements.map((r) => [r.id, r.title]));

export const PROSE_WORKLOAD = { name: 'prose-references', title: 'policies citing and linking each other', make: proseReferences };

/** The runner's workloads: how each is made and where its keystrokes and hovers go (a file in its largest group). */
export const WORKLOADS = [
  { name: 'findings-heavy', title: 'half the files with findings', make: findingsHeavy, edit: 'controls/c000100.yaml', hover: 'soc2' },
  { name: 'large-groups', title: 'an activity stated by 2,000 controls, A.5.15 mapped by 5,000', make: largeGroups, edit: 'controls/c000100.yaml', hover: 'iso27001' },
  { name: 'templates', title: 'policies from five templates', make: fromTemplates, edit: 'policies/p00100.md', hover: 'soc2' },
  { name: 'real-shapes', title: 'comply headers and Markdown without front matter', make: realShapes, edit: 'controls/c000100.yaml', hover: 'soc2' },
];
