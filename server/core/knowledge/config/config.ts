// crosswalk.yaml: what is in scope and where the catalogue lives. Optional;
// every field has a default. Problems are findings on the file itself.
import type { Finding, Range, Severity } from '../../types.ts';
import type { Field } from '../../model/facts.ts';
import type { DocumentList } from './documentList.ts';

export const CONFIG_FILE = 'crosswalk.yaml';

export const SOC2_CATEGORIES = ['security', 'availability', 'confidentiality', 'processing-integrity', 'privacy'] as const;

export interface SoaExclusion {
  id: string;
  /** Canonical ISO 27001:2022 id when the written one resolves. */
  canonical?: string;
  range: Range;
  justification?: Field;
}

export interface ScopeEntry {
  text: string;
  range: Range;
}

export interface Config {
  /** 'crosswalk.yaml' when the file exists. */
  path?: string;
  organization?: string;
  /** `fromClaims`: no declared categories; those the catalogue's mappings name are in scope (with security). */
  soc2: { enabled: boolean; categories: string[]; fromClaims?: boolean };
  iso27001: { enabled: boolean; edition: string };
  /** Framework ids of a team's own frameworks that are in scope. */
  customInScope: ScopeEntry[];
  policies: string[];
  controls: string[];
  /** comply narratives and procedures: Markdown documents read like policies. */
  narratives: string[];
  procedures: string[];
  /** comply `standards/*.yml`: the repository's own framework catalogues. */
  standards: string[];
  /** JupiterOne `standards/*.json`: framework mappings of the repository's procedures (readers/mappingFile.ts). */
  mappings: string[];
  /** `file-stem`: a document that declares no id is named by its file name without extension (JupiterOne templates). */
  documentIds?: 'file-stem';
  /** JupiterOne's config.json, read at load: the names documents are listed under, its title for each (documentList.ts). */
  documentList?: DocumentList;
  ignore: string[];
  /** Set when there is no crosswalk.yaml and the layout was recognised. */
  detected?: DetectedLayout;
  /** A comply project's folder ('' for the root): `layout: comply` in crosswalk.yaml, or detected. Files comply would skip there are reported. */
  complyRoot?: string;
  /** `comply_folder:` as written. */
  complyFolder?: string;
  /** With no crosswalk.yaml: the folders that each look like a catalogue, when there are several. */
  ambiguous?: string[];
  /** `fields:` as written: a repository's own key for a field (`approver: owner`) or for a framework's ids (`tsc_criteria: soc2`). */
  fieldEntries: Array<{ key: string; target: string; range: Range }>;
  /** The same, resolved once the frameworks are known: key -> framework id, key -> field name. */
  fieldNames: { mappings: Record<string, string>; fields: Record<string, string> };
  customFrameworks: Field[];
  customCrosswalks: Field[];
  soaExclusions: SoaExclusion[];
  severities: Record<string, Severity | 'off'>;
  /** Issue-4 style settings read by the documentation rules. */
  scope: { isms: ScopeEntry[]; soc2Boundary: ScopeEntry[] };
  /** Extra activity names (with synonyms) for the conflicting-frequency rule. */
  activities: Record<string, string[]>;
  /** Overlap threshold (0-1) for the overlapping-policies rule. */
  overlapThreshold: number;
  findings: Finding[];
}

export interface DetectedLayout {
  kind: 'comply' | 'jupiterone' | 'plain';
  /** The folder that holds the catalogue, relative to the repository ('' for the root). */
  root: string;
  /** One line for the user: what was found and how it is read. */
  summary: string;
}

export const DEFAULT_POLICIES = ['policies/**/*.md', 'policies/**/*.md.tmpl'];
export const DEFAULT_CONTROLS = ['controls/**/*.yaml', 'controls/**/*.yml', 'controls/**/*.json'];
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

export function defaultConfig(): Config {
  return {
    soc2: { enabled: true, categories: ['security'] },
    iso27001: { enabled: true, edition: '2022' },
    customInScope: [],
    policies: [...DEFAULT_POLICIES],
    controls: [...DEFAULT_CONTROLS],
    narratives: [],
    procedures: [],
    standards: [],
    mappings: [],
    ignore: [],
    fieldEntries: [],
    fieldNames: { mappings: {}, fields: {} },
    customFrameworks: [],
    customCrosswalks: [],
    soaExclusions: [],
    severities: {},
    scope: { isms: [], soc2Boundary: [] },
    activities: {},
    overlapThreshold: 0.8,
    findings: [],
  };
}

/** Frameworks whose requirements count for coverage and the single-framework rule. */
export function frameworksInScope(config: Config): string[] {
  const out: string[] = [];
  if (config.soc2.enabled) out.push('soc2');
  if (config.iso27001.enabled) out.push('iso27001');
  return [...out, ...config.customInScope.map((c) => c.text)];
}
