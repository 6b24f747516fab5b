// Deterministic synthetic catalogues for the benchmark: N policies and M
// controls (one control per file), realistic sizes, with injected mistakes
// whose expected findings are returned as ground truth (path + rule).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same catalogue. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const frameworksDir = join(import.meta.dirname, '..', '..', 'frameworks');
const soc2Ids = parse(readFileSync(join(frameworksDir, 'soc2-tsc-2017.yaml'), 'utf8'))
  .requirements.map((r) => r.id)
  .filter((id) => id.startsWith('CC'));
const isoIds = parse(readFileSync(join(frameworksDir, 'iso27001-2022.yaml'), 'utf8'))
  .requirements.filter((r) => r.kind === 'control')
  .map((r) => r.id);

// No word that completes an activity name (review, audit, test...): frequencies are injected on purpose only.
const WORDS =
  'system data customer platform service team access record owner change incident vendor backup network device account key log asset staff contract policy process tool report request approval storage cloud region service-level ticket release pipeline repository endpoint laptop token secret certificate database cluster queue region tenant'.split(
    ' ',
  );
const VERBS =
  'must be approved|is documented|is signed off by the owner|is recorded in the tracker|is limited to named staff|is encrypted|is monitored|is retained for one year|is checked before release|is handed over at offboarding|is escalated to the security team|is kept in the inventory'.split(
    '|',
  );

export function generate(dir, { policies, controls, seed = 1 }) {
  const rand = prng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const some = (xs, n) => Array.from({ length: n }, () => pick(xs)).filter((x, i, a) => a.indexOf(x) === i);
  const sentence = () => {
    const n = 4 + Math.floor(rand() * 6);
    const words = Array.from({ length: n }, () => pick(WORDS));
    return `Each ${words.join(' ')} ${pick(VERBS)} within ${1 + Math.floor(rand() * 90)} days.`;
  };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'policies'), { recursive: true });
  mkdirSync(join(dir, 'controls'), { recursive: true });
  writeFileSync(join(dir, 'crosswalk.yaml'), 'version: 1\norganization: Synthetic Ltd\nframeworks:\n  soc2:\n    categories: [security]\n  iso27001:\n    edition: "2022"\n');
  const truth = [];
  const expect = (path, rule) => truth.push({ path, rule });
  const pid = (i) => `POL-${String(i).padStart(5, '0')}`;
  const cid = (i) => `C-${String(i).padStart(6, '0')}`;

  // Wording real policies use ("by means of", "refers to"), which must not cost a Markdown parse.
  const SCOPE = 'This policy applies to every system the company runs, by means of the controls it refers to.';
  let previousBody = '';
  for (let i = 0; i < policies; i++) {
    const path = `policies/p${String(i).padStart(5, '0')}.md`;
    let reviewed = `2026-${String(1 + Math.floor(rand() * 10)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    let title = `Policy ${i}: ${pick(WORDS)} ${pick(WORDS)} handling`;
    let body = Array.from({ length: 18 }, sentence).join(' ');
    if (i % 40 === 7) {
      reviewed = '2024-03-15';
      expect(path, 'stale-review');
    }
    if (i % 100 === 10) {
      body += ' Penetration tests are performed annually.';
      expect(path, 'conflicting-frequency');
    }
    if (i % 100 === 11) {
      body += ' Penetration tests are performed quarterly.';
      expect(path, 'conflicting-frequency');
    }
    if (i % 250 === 21) {
      body = previousBody;
      expect(path, 'overlapping-policies');
      expect(`policies/p${String(i - 1).padStart(5, '0')}.md`, 'overlapping-policies');
    }
    previousBody = body;
    // Control indices whose id is taken by an injected duplicate are not referenced.
    const existing = (k) => (k % 200 === 9 && k > 0 ? k - 1 : k);
    const ctl =
      controls > 0
        ? some(
            Array.from({ length: 3 }, () => cid(existing(Math.floor(rand() * controls)))),
            3,
          )
        : [];
    const text = `---\nid: ${pid(i)}\ntitle: "${title}"\nowner: Policy owner ${i % 17}\nversion: "1.${i % 9}"\nreview_frequency: annual\nlast_reviewed: ${reviewed}\nsatisfies:\n  soc2: [${some(soc2Ids, 3).join(', ')}]\n  iso27001: [${some(isoIds, 4).join(', ')}]\ncontrols: [${ctl.join(', ')}]\n---\n# ${title}\n\n## Purpose\n\n${body}\n\n## Scope\n\n${SCOPE}\n`;
    writeFileSync(join(dir, path), text);
  }

  for (let i = 0; i < controls; i++) {
    const path = `controls/c${String(i).padStart(6, '0')}.yaml`;
    let id = cid(i);
    let owner = `owner: Team ${i % 23}\n`;
    let soc2 = some(soc2Ids, 2);
    let iso = some(isoIds, 2);
    let policy = pid(Math.floor(rand() * Math.max(1, policies)));
    if (i % 50 === 3) {
      soc2 = [...soc2, 'CC9.9'];
      expect(path, 'unknown-id');
    }
    if (i % 70 === 5) {
      iso = [...iso, 'A.9.2.3'];
      expect(path, 'legacy-id');
    }
    if (i % 200 === 9 && i > 0) {
      id = cid(i - 1);
      expect(path, 'duplicate-id');
      expect(`controls/c${String(i - 1).padStart(6, '0')}.yaml`, 'duplicate-id');
    }
    if (i % 90 === 13) {
      policy = `POL-MISSING-${i}`;
      expect(path, 'unresolved-reference');
    }
    if (i % 120 === 17) {
      owner = '';
      expect(path, 'missing-owner');
    }
    // Every other file starts with the `---` line yamllint asks for.
    const text = `${i % 2 === 0 ? '---\n' : ''}id: ${id}\ntitle: Control ${i} for ${pick(WORDS)} ${pick(WORDS)}\ndescription: ${sentence()}\n${owner}frequency: ${pick(['continuous', 'daily', 'weekly', 'monthly', 'on-event'])}\npolicies: [${policy}]\nevidence:\n  - id: EV-${i}\n    description: Export of ${pick(WORDS)} records\n    source: ${pick(['Okta', 'GitHub', 'AWS', 'Jira'])}\nmappings:\n  soc2: [${soc2.join(', ')}]\n  iso27001: [${iso.join(', ')}]\n`;
    writeFileSync(join(dir, path), text);
  }
  return truth;
}

// `node scripts/bench/generate.mjs <dir> [policies] [controls]` writes one, for a look by hand.
if (process.argv[1] === import.meta.filename) {
  const [dir, p = '200', c = '1000'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node scripts/bench/generate.mjs <dir> [policies] [controls]');
    process.exit(2);
  }
  const truth = generate(dir, { policies: Number(p), controls: Number(c) });
  console.log(`wrote ${p} policies and ${c} controls to ${dir} with ${truth.length} expected findings`);
}
