// One catalogue repository: its configuration, frameworks, files and
// findings. Both the CLI and the language server drive this class; they only
// differ in where file text comes from.
import picomatch from 'picomatch';
import type { FileSource, Finding } from '../types.ts';
import type { Crosswalk, Framework } from '../knowledge/frameworks/model.ts';
import { FrameworkDataError, knownFrameworks } from '../knowledge/frameworks/model.ts';
import { loadCrosswalk, loadFramework } from '../knowledge/frameworks/load.ts';
import { FrameworkRegistry } from '../knowledge/frameworks/registry.ts';
import { CustomFiles, type CustomRead } from '../knowledge/frameworks/customFiles.ts';
import { ALWAYS_IGNORED, CONFIG_FILE, defaultConfig, type Config } from '../knowledge/config/config.ts';
import { parseConfig } from '../knowledge/config/parseConfig.ts';
import { readDocumentList } from '../knowledge/config/documentList.ts';
import { allRules, fileRules, workspaceRules } from '../rules/index.ts';
import { Catalogue } from './catalogue.ts';
import { compactFacts, type DocumentKind, type FileFacts, type FileKind, type IdRef } from '../model/facts.ts';
import { parseStandardFile } from '../readers/standardFile.ts';
import { parseMappingFile } from '../readers/mappingFile.ts';
import { complyFramework, readComplyStandard } from '../knowledge/frameworks/complyStandard.ts';
import { complyFolders, configFor, detectLayout } from '../knowledge/config/detect.ts';
import { parseControlFile } from '../readers/controlFile.ts';
import { directYaml, yamlWithTrees, type YamlParser } from '../syntax/yamlTree.ts';
import { TreeBatches, type TreeReader } from './treeBatches.ts';
import type { FactsCache, FactsCacheOpener } from './factsCache.ts';
import { parsePolicyFile } from '../readers/policyFile.ts';
import { isFieldName } from '../readers/entityReader.ts';
import { resolveUnder } from '../knowledge/ids/resolve.ts';
import { readInEdition } from '../knowledge/ids/edition.ts';
import { LineIndex } from '../text/lineIndex.ts';
import { looksBinary, stripBom } from '../syntax/text.ts';
import type { RuleContext } from '../rules/rule.ts';
import { normalisePath as normalised } from '../text/paths.ts';

export interface DataFile {
  path: string;
  text: string;
}

/** The framework files shipped with Crosswalk (frameworks/*.yaml), as text. */
export interface BundledData {
  frameworks: DataFile[];
  crosswalks: DataFile[];
  /** The same files already read (the build compiles them): used instead of parsing the text again. */
  loaded?: { frameworks: Framework[]; crosswalks: Crosswalk[] };
}

/** Catalogue files larger than this are reported and skipped (policies and control files are a few KiB). */
export const MAX_TEXT_CHARS = 2 * 1024 * 1024;

/** Why a file of `size` bytes (or characters) is skipped: the one wording for the disk and the editor. */
export function tooLarge(size: number): string {
  return `it is ${(size / 1048576).toFixed(1)} MiB; catalogue files over ${MAX_TEXT_CHARS / 1048576} MiB are skipped`;
}

export interface ProjectOptions {
  /** YYYY-MM-DD. */
  today: string;
  /**
   * A reader of the catalogue's YAML on another thread, for a scan of a catalogue
   * with this many control files; without one (or when it gives none), everything
   * is read on this thread.
   */
  treeReaders?: (controlFiles: number) => TreeReader | undefined;
  /** Facts from an earlier scan, for files whose path and text are unchanged (see factsCache.ts). */
  factsCache?: FactsCacheOpener;
}

/** Files handed to the catalogue at a time during a scan. */
const STAGED_AT_ONCE = 256;

export class Project {
  readonly catalogue: Catalogue;
  private readonly isPolicy: (p: string) => boolean;
  private readonly isControl: (p: string) => boolean;
  private readonly isNarrative: (p: string) => boolean;
  private readonly isProcedure: (p: string) => boolean;
  private readonly isStandard: (p: string) => boolean;
  private readonly isMapping: (p: string) => boolean;
  /** In a comply layout: a file in its document folders that comply itself would not read. */
  private readonly isSkippedByComply: (p: string) => boolean;
  private readonly ctx: RuleContext;
  /** The kind of each listed path, when readAhead classified them for the first scan. */
  private kinds: Array<FileKind | undefined> | undefined;
  /** The texts readAhead read (or why a file could not be read), for the first scan. */
  private ahead: Map<string, string | Error> | undefined;

  /** The date review-age rules and reports use, YYYY-MM-DD. */
  get today(): string {
    return this.ctx.today;
  }

  private constructor(
    readonly source: FileSource,
    readonly config: Config,
    readonly registry: FrameworkRegistry,
    private readonly options: ProjectOptions,
    /** What load() listed, for the scan that follows it (listing a large repository twice costs time). */
    private listing: string[] | undefined,
    /** Everything a file's facts depend on besides its path and text: the keys of the facts cache. */
    readonly readingContext: string,
  ) {
    const ignore = [...ALWAYS_IGNORED, ...config.ignore];
    const opts = { dot: false, ignore };
    const matcher = (globs: string[]): ((p: string) => boolean) => (globs.length === 0 ? () => false : picomatch(globs, opts));
    this.isPolicy = matcher(config.policies);
    this.isControl = matcher(config.controls);
    this.isNarrative = matcher(config.narratives);
    this.isProcedure = matcher(config.procedures);
    this.isStandard = matcher(config.standards);
    this.isMapping = matcher(config.mappings);
    this.isSkippedByComply = config.complyRoot !== undefined ? matcher(complyFolders(config.complyRoot).map((f) => `${f}/**`)) : () => false;
    this.ctx = { registry, config, today: options.today };
    // A rule turned off in crosswalk.yaml is not run at all, so turning it off saves its cost too.
    const on = (rule: { code: string }): boolean => config.severities[rule.code] !== 'off';
    this.catalogue = new Catalogue(this.ctx, fileRules.filter(on), workspaceRules.filter(on));
  }

  /** Reads crosswalk.yaml and any frameworks it names; does not read the catalogue yet (see scan). */
  static async load(source: FileSource, bundled: BundledData, options: ProjectOptions): Promise<Project> {
    const frameworks: Framework[] = bundled.loaded ? [...bundled.loaded.frameworks] : bundled.frameworks.map((f) => loadFramework(f.text, f.path));
    const crosswalks: Crosswalk[] = bundled.loaded ? [...bundled.loaded.crosswalks] : bundled.crosswalks.map((f) => loadCrosswalk(f.text, f.path));
    const codes = allRules.map((r) => r.code);
    let config = defaultConfig();
    let configText: string | undefined;
    const listing = await source.list();
    /** Texts that shape the configuration and the registry (framework files, comply standards), for the reading context. */
    const readTexts: string[] = [];
    if (listing.includes(CONFIG_FILE)) {
      try {
        configText = stripBom(await source.read(CONFIG_FILE));
        config = parseConfig(configText, codes);
      } catch (e) {
        config.path = CONFIG_FILE;
        config.findings.push(unreadable(CONFIG_FILE, e));
      }
    } else {
      // policies/ and controls/ at the root are the defaults already; anything else is announced.
      const found = detectLayout(listing);
      if (found.layout && (found.layout.kind !== 'plain' || found.layout.root !== '')) config = configFor(found.layout);
      else if (found.ambiguous) config.ambiguous = found.ambiguous;
      config.soc2.fromClaims = true;
    }
    const bundledCount = frameworks.length;
    await readDocumentListOf(source, listing, config);
    await readStandards(source, listing, config, frameworks, readTexts);
    // A custom framework may not take a loaded one's id: it would silently replace it (`id: soc2` makes CC6.1 unknown).
    const clash = (loaded: Framework | Crosswalk): string | undefined => {
      if (!('requirements' in loaded)) return undefined;
      const i = frameworks.findIndex((f) => f.id === loaded.id);
      if (i < 0) return undefined;
      const other = i < bundledCount ? `the bundled framework file ${frameworks[i]!.source.split(/[\\/]/).pop()}` : frameworks[i]!.source;
      return `${loaded.source}: framework id '${loaded.id}' is already defined by ${other}: give this framework its own id`;
    };
    const custom = async <T extends Framework | Crosswalk>(entries: Config['customFrameworks'], load: (text: string, path: string) => CustomRead<T>, into: T[], what: string): Promise<void> => {
      for (const entry of entries) {
        const path = normalisePath(entry.text);
        if (path === undefined || !listing.includes(path)) {
          // Files outside the repository are never read: a catalogue cannot make the tool open arbitrary paths.
          const why =
            path === undefined || /^(?:[a-zA-Z]:)?[\\/]/.test(entry.text)
              ? 'is outside the repository: keep custom framework files inside it'
              : 'not found in the repository (paths are relative to crosswalk.yaml)';
          config.findings.push({ rule: 'config-invalid', severity: 'error', path: CONFIG_FILE, range: entry.range, message: `${what} file '${entry.text}' ${why}` });
          continue;
        }
        try {
          const text = stripBom(await source.read(path));
          readTexts.push(path, text);
          const read = load(text, path);
          const taken = read.values.map(clash).find((t) => t !== undefined);
          if (taken !== undefined) {
            config.findings.push({ rule: 'config-invalid', severity: 'error', path: CONFIG_FILE, range: entry.range, message: `${what} file '${entry.text}' cannot be used: ${taken}` });
            continue;
          }
          into.push(...read.values);
          // A library with a few bad nodes is still used: each problem is reported with its line.
          const lines = read.problems.length > 0 ? new LineIndex(text) : undefined;
          for (const p of read.problems)
            config.findings.push({
              rule: 'config-invalid',
              severity: 'error',
              path: CONFIG_FILE,
              range: entry.range,
              message: `${what} file '${entry.text}': ${path}:${lines!.position(p.offset).line + 1}: ${p.message}`,
            });
        } catch (e) {
          const where = e instanceof FrameworkDataError ? `${path}:${new LineIndex(await source.read(path).catch(() => '')).position(e.offset).line + 1}: ` : '';
          config.findings.push({
            rule: 'config-invalid',
            severity: 'error',
            path: CONFIG_FILE,
            range: entry.range,
            message: `${what} file '${entry.text}' cannot be used: ${where}${(e as Error).message}`,
          });
        }
      }
    };
    const files = new CustomFiles(frameworks);
    await custom(config.customFrameworks, (text, path) => files.framework(text, path), frameworks, 'framework');
    await custom(config.customCrosswalks, (text, path) => files.crosswalk(text, path), crosswalks, 'crosswalk');
    const registry = new FrameworkRegistry(frameworks, crosswalks);
    for (const f of config.fieldEntries) {
      const fw = registry.frameworkForKey(f.target);
      if (isFieldName(f.target)) config.fieldNames.fields[f.key] = f.target;
      else if (fw) config.fieldNames.mappings[f.key] = fw.id;
      else
        config.findings.push({
          rule: 'config-invalid',
          severity: 'error',
          path: CONFIG_FILE,
          range: f.range,
          message: `fields: '${f.key}: ${f.target}' names neither a field (owner, title, last_reviewed, review_frequency, ...) nor a framework (${knownFrameworks(frameworks)})`,
        });
    }
    for (const entry of config.customInScope) {
      if (!registry.framework(entry.text)) {
        config.findings.push({
          rule: 'config-invalid',
          severity: 'error',
          path: CONFIG_FILE,
          range: entry.range,
          message: `framework '${entry.text}' is in scope but no framework file defines it: list its file under 'custom_frameworks' (known: ${knownFrameworks(frameworks)})`,
        });
      }
    }
    // Taken before the scan (which completes the SoA exclusions): the configuration as read, and the texts that made the registry.
    const readingContext = JSON.stringify({ config, readTexts });
    return new Project(source, config, registry, options, listing, readingContext);
  }

  kindOf(path: string): FileKind | undefined {
    if (path === CONFIG_FILE || path === this.config.documentList?.path) return 'config';
    if (NOT_A_DOCUMENT.test(path)) return undefined;
    if (this.isControl(path)) return 'controls';
    if (this.isPolicy(path) || this.isNarrative(path) || this.isProcedure(path)) return 'policy';
    if (this.isStandard(path)) return 'standard';
    if (this.isMapping(path)) return 'mapping';
    if (this.isSkippedByComply(path)) return 'unread';
    return undefined;
  }

  /** What a Markdown document is, by the folder its path matches. */
  documentOf(path: string): DocumentKind {
    if (this.isPolicy(path)) return 'policy';
    if (this.isNarrative(path)) return 'narrative';
    if (this.isProcedure(path)) return 'procedure';
    return 'policy';
  }

  /** SOC 2 categories in scope: as configured, or (with none configured) security and those the catalogue maps. */
  soc2Categories(): string[] {
    const soc2 = this.config.soc2;
    if (!soc2.fromClaims) return soc2.categories;
    const out = new Set(soc2.categories);
    const fw = this.registry.framework('soc2');
    for (const req of fw?.requirements ?? []) {
      const category = this.registry.groupChain('soc2', req.id)[0]?.id;
      if (category && !out.has(category) && this.catalogue.mappers('soc2', req.id).length > 0) out.add(category);
    }
    return [...out];
  }

  /**
   * Reads every catalogue file (the first scan uses the listing load() made), then analyses them all.
   * `progress` hears how many of the catalogue's files have been read, as they are handed on, and
   * which: their file-local findings (`Catalogue.localFindings`) are known from then on. The scan waits
   * for the promise it may return (the host's turn to send what it was handed) before going on.
   */
  async scan(progress?: (done: number, total: number, staged: readonly string[]) => void | Promise<void>): Promise<void> {
    const listing = this.listing ?? (await this.source.list());
    this.listing = undefined;
    const kinds = this.kinds ?? listing.map((p) => this.kindOf(p)); // once per path: matching globs costs a few microseconds
    this.kinds = undefined;
    const ahead = this.ahead;
    this.ahead = undefined;
    const total = kinds.reduce((n, k) => (k === undefined || k === 'config' ? n : n + 1), 0);
    this.catalogue.notePaths(listing); // links may point to any file
    const controls = kinds.reduce((n, k) => (k === 'controls' ? n + 1 : n), 0);
    const cache = this.options.factsCache?.(this.readingContext);
    // With a cache, most files are expected to be there: only the rest would be parsed.
    const toParse = Math.max(0, controls - (cache?.size ?? 0));
    const reader = toParse > 0 ? this.options.treeReaders?.(toParse) : undefined;
    // With another thread, every file's YAML is read there, and the rest here once its tree is back.
    // Files are staged as they are read (indexes, file rules), so that work overlaps the other thread's;
    // the groups they touch are re-checked once, at the end. Findings do not depend on the order.
    const ready: Array<{ path: string; facts: FileFacts }> = [this.configFacts(), ...this.documentListFacts(listing)];
    // The facts of crosswalk.yaml (and of config.json) go first and are not among the files counted.
    let done = -ready.length;
    /** The host's turn the last batch asked for, not yet given. */
    let turn: Promise<void> | undefined;
    const stage = (): void => {
      done += ready.length;
      const batch = ready.splice(0);
      this.catalogue.stage(batch);
      turn =
        progress?.(
          Math.min(done, total),
          total,
          batch.map((b) => b.path),
        ) ?? undefined;
    };
    const take = (): Promise<void> | undefined => {
      const t = turn;
      turn = undefined;
      return t;
    };
    try {
      const elsewhere = reader && new TreeBatches(reader);
      // One file at a time: each text can be collected as soon as it is parsed, which keeps the peak memory
      // of a large catalogue down (its texts alone are tens of MiB); those sent elsewhere wait for their trees.
      for (let i = 0; i < listing.length; i++) {
        const p = listing[i]!;
        const kind = kinds[i];
        if (kind === undefined || kind === 'config') continue;
        if (kind === 'unread') {
          ready.push({ path: p, facts: this.unreadFacts(p) });
          continue;
        }
        let text: string;
        try {
          text = ahead?.has(p) ? takeRead(ahead, p) : await this.source.read(p);
        } catch (e) {
          ready.push({ path: p, facts: this.unreadableFacts(p, e) });
          continue;
        }
        const kept = cache?.get(p, text);
        if (kept) ready.push({ path: p, facts: kept });
        else if (elsewhere) elsewhere.add(p, text, kind);
        else ready.push({ path: p, facts: this.parseAndKeep(cache, p, text, kind) });
        if (ready.length === STAGED_AT_ONCE) {
          stage();
          await take();
        }
      }
      await elsewhere?.finishAll((path, text, kind, treeOf) => {
        ready.push({ path, facts: this.parseAndKeep(cache, path, text, kind, treeOf ? yamlWithTrees(treeOf) : directYaml) });
        if (ready.length === STAGED_AT_ONCE) stage();
      }, take);
    } finally {
      reader?.close();
    }
    stage();
    this.catalogue.commit();
  }

  /**
   * Reads the catalogue files the first scan will analyse before it starts, in the order it would, while
   * `wanted()` (the host compares each read with what an earlier scan read, and stops this at the first
   * that differs); the scan then takes those texts from memory, one at a time, and reads the rest itself.
   */
  async readAhead(wanted: () => boolean = () => true): Promise<void> {
    const listing = this.listing;
    if (listing === undefined || this.ahead) return;
    const kinds = (this.kinds = listing.map((p) => this.kindOf(p)));
    const ahead = new Map<string, string | Error>();
    for (let i = 0; i < listing.length && wanted(); i++) {
      const kind = kinds[i];
      if (kind === undefined || kind === 'config' || kind === 'unread') continue;
      const p = listing[i]!;
      try {
        ahead.set(p, await this.source.read(p));
      } catch (e) {
        ahead.set(p, e instanceof Error ? e : new Error(String(e)));
      }
    }
    this.ahead = ahead;
  }

  /** Parses a file and hands its facts to the cache. */
  private parseAndKeep(cache: FactsCache | undefined, path: string, text: string, kind: FileKind, yaml: YamlParser = directYaml): FileFacts {
    const facts = this.parseOrReport(path, text, kind, yaml);
    cache?.put(path, text, facts);
    return facts;
  }

  /** Parses a file; an exception (a bug) becomes a finding on that file rather than failing the scan. */
  private parseOrReport(path: string, text: string, kind: FileKind, yaml: YamlParser = directYaml): FileFacts {
    try {
      return this.parseAs(path, text, kind, yaml);
    } catch (e) {
      return this.unreadableFacts(path, e);
    }
  }

  /** Re-analyses one file from new text (undefined: the file is gone). Returns paths whose findings may have changed. */
  setText(path: string, text: string | undefined): Set<string> {
    return this.setTexts([{ path, text }]);
  }

  /** Re-analyses several files at once (a branch switch): one pass over the affected groups. */
  setTexts(changes: ReadonlyArray<{ path: string; text: string | undefined }>): Set<string> {
    for (const c of changes) this.catalogue.notePaths([c.path], c.text !== undefined); // links may point to any file
    // Configuration files are read at load: a change to one is a reload (engine/workspace.ts), not an edit.
    const relevant = changes.filter((c) => {
      const kind = this.kindOf(c.path);
      return kind !== undefined && kind !== 'config';
    });
    if (relevant.length === 0) return this.catalogue.commit();
    return this.catalogue.update(relevant.map((c) => ({ path: c.path, facts: c.text === undefined ? undefined : this.parse(c.path, c.text) })));
  }

  /** Reports a file that exists but could not be read. */
  setUnreadable(path: string, error: unknown): Set<string> {
    return this.catalogue.update([{ path, facts: this.unreadableFacts(path, error) }]);
  }

  parse(path: string, text: string): FileFacts {
    return this.parseAs(path, text, this.kindOf(path));
  }

  /** A file comply would skip: reported, not read (comply reads only the top-level .md files of its folders). */
  private unreadFacts(path: string): FileFacts {
    const where = path.slice(0, path.lastIndexOf('/'));
    const folder = complyFolders(this.config.complyRoot ?? '').find((f) => path.startsWith(`${f}/`)) ?? where;
    const why = where !== folder ? `it is in a sub-folder of ${folder}/` : `its name does not end in .md`;
    const message = `comply does not read ${path}: ${why}, and comply reads only the .md files directly in ${folder}/. Move or rename it, or it is left out of the published documents`;
    return {
      path,
      kind: 'unread',
      entities: [],
      prose: [],
      findings: [{ rule: 'unread-document', severity: 'warning', path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message }],
      lines: 1,
    };
  }

  private parseAs(path: string, text: string, kind: FileKind | undefined, yaml: YamlParser = directYaml): FileFacts {
    if (looksBinary(text)) return this.unreadableFacts(path, new Error('it holds binary data (NUL bytes), not text'));
    // The same limit as on disk, for text that comes from an editor: one huge buffer must not stall every other file.
    if (text.length > MAX_TEXT_CHARS) return this.unreadableFacts(path, new Error(tooLarge(text.length)));
    const ctx = { registry: this.registry, config: this.config, yaml };
    if (kind === 'unread') return this.unreadFacts(path);
    if (kind === 'standard') return compactFacts(parseStandardFile(path, text, ctx));
    if (kind === 'mapping') return compactFacts(parseMappingFile(path, text, ctx));
    return compactFacts(readInEdition(kind === 'policy' ? parsePolicyFile(path, text, ctx, this.documentOf(path)) : parseControlFile(path, text, ctx), text, ctx));
  }

  private unreadableFacts(path: string, error: unknown): FileFacts {
    return { path, kind: this.kindOf(path) ?? 'controls', entities: [], prose: [], findings: [unreadable(path, error)], lines: 1 };
  }

  /** crosswalk.yaml as a file of the catalogue: its findings and its SoA exclusion ids. */
  private configFacts(): { path: string; facts: FileFacts } {
    const prose: IdRef[] = this.config.soaExclusions.map((x) => {
      const resolution = resolveUnder(this.registry, 'iso27001', x.id);
      if (resolution.kind === 'valid') x.canonical = resolution.id;
      return { raw: x.id, range: x.range, where: 'config', resolution };
    });
    return { path: CONFIG_FILE, facts: { path: CONFIG_FILE, kind: 'config', entities: [], prose, findings: this.config.findings, lines: 1 } };
  }

  /** JupiterOne's config.json as a file of the catalogue: what was wrong with it. */
  private documentListFacts(listing: readonly string[]): Array<{ path: string; facts: FileFacts }> {
    const list = this.config.documentList;
    if (!list || !listing.includes(list.path)) return [];
    return [{ path: list.path, facts: { path: list.path, kind: 'config', entities: [], prose: [], findings: list.findings, lines: 1 } }];
  }

  findings(path: string): Finding[] {
    return this.catalogue.findings(path);
  }

  allFindings(): Finding[] {
    return this.catalogue.allFindings();
  }

  /** How many catalogue files were analysed (crosswalk.yaml not counted). */
  fileCount(): number {
    return this.catalogue.paths().filter((p) => p !== CONFIG_FILE).length;
  }
}

/** README and index pages and placeholders in a document folder describe the folder; they are not documents. */
const NOT_A_DOCUMENT = /(?:^|\/)(?:readme[^/]*|_?index\.md|\.gitkeep|\.keep)$/i;

/** JupiterOne's config.json, when the layout has one: the names its documents are titled by (knowledge/config/documentList.ts). */
async function readDocumentListOf(source: FileSource, listing: readonly string[], config: Config): Promise<void> {
  const list = config.documentList;
  if (!list || !listing.includes(list.path)) return;
  let text: string;
  try {
    text = await source.read(list.path);
  } catch (e) {
    list.findings.push(unreadable(list.path, e));
    return;
  }
  if (looksBinary(text)) list.findings.push(unreadable(list.path, new Error('it holds binary data (NUL bytes), not text')));
  else if (text.length > MAX_TEXT_CHARS) list.findings.push(unreadable(list.path, new Error(tooLarge(text.length))));
  else config.documentList = readDocumentList(list.path, text);
}

/**
 * comply's standards/*.yml: a copy of a bundled framework turns that framework on (and, with no
 * crosswalk.yaml, frameworks without a standard off); any other standard is a framework of its own.
 */
async function readStandards(source: FileSource, listing: string[], config: Config, frameworks: Framework[], readTexts: string[]): Promise<void> {
  if (config.standards.length === 0) return;
  const isStandard = picomatch(config.standards, { dot: false, ignore: [...ALWAYS_IGNORED, ...config.ignore] });
  const bundled = new Set<string>();
  let any = false;
  for (const path of listing) {
    if (!isStandard(path) || NOT_A_DOCUMENT.test(path)) continue;
    let standard;
    try {
      const text = stripBom(await source.read(path));
      readTexts.push(path, text);
      standard = readComplyStandard(text, path);
    } catch {
      continue; // the standard file's own reader reports it
    }
    any = true;
    if (standard.bundled) bundled.add(standard.bundled);
    else {
      const fw = complyFramework(standard, path);
      if (!frameworks.some((f) => f.id === fw.id)) {
        frameworks.push(fw);
        config.customInScope.push({ text: fw.id, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
      }
    }
  }
  if (any && config.detected) {
    config.soc2.enabled = bundled.has('soc2');
    config.iso27001.enabled = bundled.has('iso27001');
  }
}

/** A text read ahead, once: the map lets go of it as the scan takes it. */
function takeRead(ahead: Map<string, string | Error>, path: string): string {
  const read = ahead.get(path)!;
  ahead.delete(path);
  if (read instanceof Error) throw read;
  return read;
}

function unreadable(path: string, error: unknown): Finding {
  const why = error instanceof Error ? error.message : String(error);
  return { rule: 'unreadable-file', severity: 'error', path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: `cannot read ${path}: ${why}` };
}

/** Workspace-relative, '/'-separated, with no way out of the repository; undefined for the root itself. */
export function normalisePath(p: string): string | undefined {
  return normalised(p) || undefined;
}
