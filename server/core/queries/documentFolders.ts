// Where a repository keeps Markdown policies that the default globs miss:
// with nothing under policies/, `crosswalk init` reads the repository's
// Markdown files and proposes globs for the folders whose documents name
// framework ids (docs/compliance/soc2 and docs/compliance/iso27001 make
// docs/compliance/**/*.md), and the SOC 2 categories those documents map.
import type { Project } from '../engine/project.ts';
import type { FileFacts } from '../model/facts.ts';
import { MAX_TEXT_CHARS } from '../engine/project.ts';
import { parsePolicyFile } from '../readers/policyFile.ts';
import { directYaml } from '../syntax/yamlTree.ts';
import { looksBinary, stripBom } from '../syntax/text.ts';

export interface FoundDocuments {
  /** Globs for the folders found, `folder/**\/*.md` each. */
  policies: string[];
  /** SOC 2 categories the documents map, in a field or in their text (security is not listed). */
  soc2Categories: string[];
}

/** Markdown files read at most: a repository of thousands of pages is not read whole to write a first configuration. */
const MAX_FILES = 2000;
/** Documents naming framework ids, in all the folders found, below which none is proposed. */
const MIN_NAMING = 2;
/** README and index pages describe their folder. */
const NOT_A_DOCUMENT = /(?:^|\/)(?:readme[^/]*|_?index\.md)$/i;

/**
 * The folders to propose, when the repository has no policies where its configuration looks (and is not a
 * comply or JupiterOne layout, whose folders are fixed); undefined when there are none or no Markdown file names an id.
 */
export async function findDocumentFolders(project: Project): Promise<FoundDocuments | undefined> {
  const config = project.config;
  if (config.complyRoot !== undefined || config.documentIds === 'file-stem') return undefined;
  for (const f of project.catalogue.files()) if (f.kind === 'policy') return undefined;
  const markdown = (await project.source.list()).filter((p) => /\.md$/i.test(p) && !NOT_A_DOCUMENT.test(p) && !p.split('/').some((s) => s.startsWith('.') || s === 'node_modules'));
  const ctx = { registry: project.registry, config, yaml: directYaml };
  const byFolder = new Map<string, { documents: number; naming: number }>();
  const categories = new Set<string>();
  for (const path of markdown.sort().slice(0, MAX_FILES)) {
    let text: string;
    try {
      text = stripBom(await project.source.read(path));
    } catch {
      continue;
    }
    if (text.length > MAX_TEXT_CHARS || looksBinary(text)) continue;
    const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    const counts = byFolder.get(folder) ?? byFolder.set(folder, { documents: 0, naming: 0 }).get(folder)!;
    counts.documents++;
    let facts: FileFacts;
    try {
      facts = parsePolicyFile(path, text, ctx);
    } catch {
      continue;
    }
    if (!namesIds(facts)) continue;
    counts.naming++;
    for (const category of mappedCategories(project, facts)) categories.add(category);
  }
  // A folder most of whose documents name framework ids holds policies; one page that does among many notes does not.
  const holding = [...byFolder].filter(([, c]) => c.naming > 0 && c.naming * 2 >= c.documents);
  // Nor does a lone page in the repository that mentions an id (a setup note in docs/).
  if (holding.reduce((n, [, c]) => n + c.naming, 0) < MIN_NAMING) return undefined;
  const folders = mergeSiblings(holding.map(([f]) => f));
  if (folders.length === 0) return undefined;
  return { policies: folders.map((f) => (f === '' ? '*.md' : `${f}/**/*.md`)), soc2Categories: [...categories].filter((c) => c !== 'security') };
}

function namesIds(facts: FileFacts): boolean {
  const named = (kind: string): boolean => kind === 'valid' || kind === 'legacy';
  return facts.prose.some((r) => named(r.resolution.kind)) || facts.entities.some((e) => e.mappings.some((m) => m.ids.some((r) => named(r.resolution.kind))));
}

/** The SOC 2 categories of the criteria a document maps, in a field or in its text. */
function mappedCategories(project: Project, facts: FileFacts): string[] {
  const ids = [...facts.entities.flatMap((e) => e.mappings.flatMap((m) => m.ids)), ...facts.prose.filter((r) => r.declaredIn !== undefined)].flatMap((r) =>
    r.resolution.kind === 'valid' && r.resolution.framework === 'soc2' ? [r.resolution.id] : [],
  );
  return ids.flatMap((id) => project.registry.groupChain('soc2', id)[0]?.id ?? []);
}

/**
 * Folders that share a parent (not the repository's root) become that parent, whose own documents then
 * count too; a folder inside another one found is covered by it.
 */
function mergeSiblings(folders: readonly string[]): string[] {
  const parent = (f: string): string | undefined => (f.includes('/') ? f.slice(0, f.lastIndexOf('/')) : undefined);
  let set = new Set(folders);
  for (let changed = true; changed;) {
    changed = false;
    const children = new Map<string, string[]>();
    for (const f of set) {
      const p = parent(f);
      if (p !== undefined) children.set(p, [...(children.get(p) ?? []), f]);
    }
    for (const [p, kids] of children) {
      if (kids.length < 2) continue;
      set = new Set([...[...set].filter((f) => !kids.includes(f)), p]);
      changed = true;
      break;
    }
  }
  const list = [...set].sort();
  return list.filter((f) => !list.some((o) => o !== f && (o === '' ? false : f.startsWith(`${o}/`))));
}
