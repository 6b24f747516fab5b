// With no crosswalk.yaml, where the catalogue is, from the repository's file
// list alone: a strongdm/comply project (policies/ beside narratives/,
// procedures/ or standards/, with a narratives/ folder, YAML standards or a
// comply.yml to tell it from other layouts that use those names), a set of
// JupiterOne policy templates (config.json beside policies/, procedures/ and
// standards/, with .md.tmpl documents) or a plain policies/ and controls/
// layout, at the root or in a sub-folder. Nothing is guessed when two places qualify.
import { DEFAULT_CONTROLS, DEFAULT_POLICIES, defaultConfig, type Config, type DetectedLayout } from './config.ts';
import { DOCUMENT_LIST_FILE, emptyTitles } from './documentList.ts';

const COMPLY_SIBLINGS = ['narratives', 'procedures', 'standards'];
const JUPITERONE_FOLDERS = ['policies', 'procedures', 'standards'];
/** Folders deeper than this are not searched for a catalogue. */
const MAX_DEPTH = 3;

export interface Detection {
  layout?: DetectedLayout;
  /** Why nothing was chosen, when several folders qualify. */
  ambiguous?: string[];
}

export function detectLayout(listing: readonly string[]): Detection {
  const dirs = new Set<string>();
  for (const p of listing) {
    const parts = p.split('/');
    for (let i = 1; i < parts.length && i <= MAX_DEPTH + 1; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const parentOf = (d: string): string => (d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '');
  const join = (root: string, name: string): string => (root === '' ? name : `${root}/${name}`);
  const roots = (test: (root: string) => boolean, names: string[]): string[] => {
    const found = new Set<string>();
    for (const d of dirs) {
      const base = d.slice(d.lastIndexOf('/') + 1);
      if (names.includes(base) && test(parentOf(d))) found.add(parentOf(d));
    }
    return [...found].sort();
  };
  // comply's own marks: a narratives/ folder, YAML standards, or its comply.yml; policies/ beside procedures/ alone is common elsewhere.
  const complyMarked = (r: string): boolean =>
    dirs.has(join(r, 'narratives')) ||
    listing.some(
      (p) => p === join(r, 'comply.yml') || p === join(r, 'comply.yml.example') || (p.startsWith(`${join(r, 'standards')}/`) && /^[^/]+\.ya?ml$/.test(p.slice(join(r, 'standards').length + 1))),
    );
  const comply = roots((r) => dirs.has(join(r, 'policies')) && COMPLY_SIBLINGS.some((s) => dirs.has(join(r, s))) && complyMarked(r), ['policies']);
  if (comply.length === 1) {
    const root = comply[0]!;
    return { layout: { kind: 'comply', root, summary: `comply project${root ? ` in ${root}/` : ''} (policies, narratives, procedures, standards)` } };
  }
  if (comply.length > 1) return { ambiguous: comply.map((r) => r || '.') };
  // JupiterOne's templates (psp): config.json lists the documents, standards/*.json map them to frameworks.
  const isTemplate = (r: string): boolean => ['policies', 'procedures'].some((n) => listing.some((p) => p.startsWith(`${join(r, n)}/`) && p.endsWith('.md.tmpl')));
  const jupiterone = roots((r) => listing.includes(join(r, 'config.json')) && JUPITERONE_FOLDERS.every((n) => dirs.has(join(r, n))) && isTemplate(r), ['policies']);
  if (jupiterone.length === 1) {
    const root = jupiterone[0]!;
    return { layout: { kind: 'jupiterone', root, summary: `JupiterOne policy templates${root ? ` in ${root}/` : ''} (policies, procedures, standards)` } };
  }
  if (jupiterone.length > 1) return { ambiguous: jupiterone.map((r) => r || '.') };
  const plain = roots(() => true, ['policies', 'controls']);
  // The shallowest wins when one folder nests another catalogue's copy (templates, examples).
  const depth = (r: string): number => (r === '' ? 0 : r.split('/').length);
  const shallowest = Math.min(...plain.map(depth));
  const top = plain.filter((r) => depth(r) === shallowest);
  if (top.length === 1) {
    const root = top[0]!;
    const has = ['policies', 'controls'].filter((n) => dirs.has(join(root, n)));
    return { layout: { kind: 'plain', root, summary: `${has.join(' and ')} folder${has.length > 1 ? 's' : ''}${root ? ` in ${root}/` : ''}` } };
  }
  if (top.length > 1) return { ambiguous: top.map((r) => r || '.') };
  return {};
}

/** The configuration a detected layout implies (everything else at its default). */
export function configFor(layout: DetectedLayout): Config {
  const config = defaultConfig();
  const at = (p: string): string => (layout.root === '' ? p : `${layout.root}/${p}`);
  config.detected = layout;
  if (layout.kind === 'comply') {
    // comply reads the top-level *.md files of these folders, and standards/*.yml.
    config.policies = [at('policies/*.md')];
    config.narratives = [at('narratives/*.md')];
    config.procedures = [at('procedures/*.md')];
    config.standards = [at('standards/*.yml')];
    config.controls = [];
    config.complyRoot = layout.root;
  } else if (layout.kind === 'jupiterone') {
    // psp renders policies/, procedures/ and ref/ (reference documents) *.md.tmpl; standards/ holds the framework mappings.
    config.policies = [at('policies/*.md.tmpl'), at('ref/*.md.tmpl')];
    config.procedures = [at('procedures/*.md.tmpl')];
    config.mappings = [at('standards/**/*.json')];
    config.controls = [];
    config.documentIds = 'file-stem';
    config.documentList = { path: at(DOCUMENT_LIST_FILE), titles: emptyTitles(), findings: [] };
  } else {
    // The default globs, under the folder found.
    config.policies = DEFAULT_POLICIES.map(at);
    config.controls = DEFAULT_CONTROLS.map(at);
  }
  return config;
}

/**
 * Where a JupiterOne layout written down in crosswalk.yaml keeps config.json: beside the folder its
 * first policies glob starts in (`templates/policies/*.md.tmpl`: templates/config.json).
 */
export function documentListPath(policies: readonly string[]): string {
  const parts = (policies[0] ?? '').split('/');
  const glob = parts.findIndex((p) => /[*?[\]{}]/.test(p));
  // The documents' folder: the parts before the first glob, or the folder of the one file named.
  const folder = glob === -1 ? parts.slice(0, -1) : parts.slice(0, glob);
  return [...folder.slice(0, -1), DOCUMENT_LIST_FILE].join('/');
}

/** The folders comply reads documents from, for the files it would silently skip. */
export function complyFolders(root: string): string[] {
  return ['policies', 'narratives', 'procedures'].map((n) => (root === '' ? n : `${root}/${n}`));
}
