// A comply `standards/*.yml` file: `name:` and one key per requirement
// (`CC1.1: {family, name, description}`), the OpenControl standard shape.
// A Trust Services Criteria or ISO 27001 standard names a bundled framework;
// any other becomes a framework of the repository's own, keyed by its name,
// which is what comply documents write under `satisfies:`.
import type { Framework, FrameworkGroup, Requirement } from './model.ts';
import { FrameworkDataError } from './model.ts';
import { asMap, entries, parseYaml, scalarText, spanOf, type Entry } from '../../syntax/yamlTree.ts';

export interface ComplyStandard {
  name: string;
  /** The bundled framework the standard is a copy of. */
  bundled?: 'soc2' | 'iso27001';
  /** The requirement keys, with where each is written. */
  keys: Entry[];
}

/** Which bundled framework a standard's name stands for. */
export function bundledStandard(name: string): 'soc2' | 'iso27001' | undefined {
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (/^(?:tsc|soc2|aicpatsc|trustservices)/.test(n)) return 'soc2';
  if (/27001/.test(n)) return 'iso27001';
  return undefined;
}

/** Reads a standard's name and keys; throws FrameworkDataError (with an offset) when it cannot be used. */
export function readComplyStandard(text: string, path: string): ComplyStandard {
  const { root, problems } = parseYaml(text);
  const first = problems[0];
  if (first) throw new FrameworkDataError(path, first.start, `YAML syntax error: ${first.message}`);
  const map = asMap(root);
  if (!map) throw new FrameworkDataError(path, 0, `a standard is a mapping of 'name:' and one key per requirement (CC1.1: {family, name, description})`);
  const all = entries(map);
  const nameEntry = all.find((e) => e.key === 'name');
  const name = scalarText(nameEntry?.value)?.text.trim();
  if (!name) throw new FrameworkDataError(path, nameEntry ? (spanOf(nameEntry.value)?.start ?? nameEntry.keySpan.start) : 0, `the standard has no 'name:': comply documents name it under 'satisfies:'`);
  const keys = all.filter((e) => e !== nameEntry);
  const bundled = bundledStandard(name);
  return bundled ? { name, bundled, keys } : { name, keys };
}

/** A standard that is not a bundled one, as a framework of the repository's own. */
export function complyFramework(standard: ComplyStandard, path: string): Framework {
  const id = `comply-${standard.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'standard'}`;
  const groups = new Map<string, FrameworkGroup>();
  const requirements: Requirement[] = [];
  for (const e of standard.keys) {
    const fields = asMap(e.value);
    const text = (k: string): string | undefined => {
      const f = fields ? entries(fields).find((x) => x.key === k) : undefined;
      return scalarText(f?.value)?.text.trim() || undefined;
    };
    const req: Requirement = { id: e.key, title: text('name') ?? e.key };
    const description = text('description');
    if (description) req.description = description;
    const family = text('family');
    if (family) {
      if (!groups.has(family)) groups.set(family, { id: family, kind: 'family', title: family });
      req.group = family;
    }
    requirements.push(req);
  }
  return { id, title: standard.name, short: standard.name, aliases: [standard.name], legacy: false, groups: [...groups.values()], requirements, source: path };
}
