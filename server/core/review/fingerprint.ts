// Fingerprints of findings: what says "the same finding" across two versions
// of a repository. Built from the rule, the file, the control or policy the
// finding is in, the YAML key of its line and the offending text, never the
// line number or the neighbouring words, so that lines added above, items
// added to the same list and edits elsewhere keep it. Identical findings are
// told apart by their order in the file. Baselines, `diff` and SARIF's
// partialFingerprints all use these values.
import type { Finding, Range } from '../types.ts';
import type { FileFacts } from '../model/facts.ts';

/** Offending text longer than this is cut: a finding over a whole paragraph is identified by its start. */
const MAX_TOKEN = 200;

/** The version of the scheme, in SARIF's partialFingerprints key and the baseline file. */
export const FINGERPRINT_KEY = 'crosswalk/v1';

/** The id of the control or policy a finding is in, when known. */
export type OwnerOf = (finding: Finding) => string | undefined;

/**
 * One fingerprint per finding, in the order given. `textOf` gives each file's text as analysed
 * (undefined: not known), `ownerOf` the entity a finding belongs to (see ownersFromFacts).
 */
export function fingerprintFindings(findings: readonly Finding[], textOf: (path: string) => string | undefined, ownerOf: OwnerOf = () => undefined): string[] {
  const lines = new Map<string, string[] | undefined>();
  const linesOf = (path: string): string[] | undefined => {
    if (!lines.has(path)) lines.set(path, textOf(path)?.split(/\r?\n/));
    return lines.get(path);
  };
  const keys = findings.map((f) => keyOf(f, linesOf(f.path), ownerOf(f)));
  // Occurrences are counted in file order, whatever order the findings came in.
  const order = findings.map((_, i) => i).sort((a, b) => comparePlace(findings[a]!, findings[b]!));
  const seen = new Map<string, number>();
  const out: string[] = new Array<string>(findings.length);
  for (const i of order) {
    const n = seen.get(keys[i]!) ?? 0;
    seen.set(keys[i]!, n + 1);
    out[i] = hash64(`${keys[i]!}\u0000${n}`);
  }
  return out;
}

/**
 * The owner of a finding from the analysed files: the control or policy whose range holds it,
 * else, in a policy's body, that policy.
 */
export function ownersFromFacts(factsOf: (path: string) => FileFacts | undefined): OwnerOf {
  return (f) => {
    const facts = factsOf(f.path);
    if (!facts) return undefined;
    const holder = facts.entities.find((e) => e.id !== undefined && contains(e.range, f.range));
    if (holder) return `${holder.kind}:${holder.id}`;
    const policies = facts.entities.filter((e) => e.kind === 'policy' && e.id !== undefined);
    return policies.length === 1 ? `policy:${policies[0]!.id}` : undefined;
  };
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function keyOf(f: Finding, lines: string[] | undefined, owner: string | undefined): string {
  const { token, key } = lines ? tokenAndKey(f, lines) : { token: '', key: '' };
  return [f.rule, f.path, owner ?? '', key, token].join('\u0000');
}

/** The offending text (whitespace collapsed) and the YAML key its line starts with, if any. */
function tokenAndKey(f: Finding, lines: string[]): { token: string; key: string } {
  const { start, end } = f.range;
  const line = lines[start.line] ?? '';
  const token =
    end.line === start.line
      ? line.slice(start.character, end.character)
      : [line.slice(start.character), ...lines.slice(start.line + 1, end.line), (lines[end.line] ?? '').slice(0, end.character)].join('\n');
  const key = /^\s*(?:-\s+)?([\w.-]+)\s*:/.exec(line)?.[1] ?? '';
  return {
    token: token
      .split(/\s+/)
      .filter((w) => w !== '')
      .join(' ')
      .slice(0, MAX_TOKEN),
    key,
  };
}

function comparePlace(a: Finding, b: Finding): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}

/** 64 bits as 16 hex digits: two FNV-1a hashes with different offsets (no crypto in the core, none needed). */
export function hash64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 15);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
