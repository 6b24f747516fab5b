// Crosswalk's own requests and notifications between the language server and
// its clients: one definition of each name and of the shapes they carry.
// No runtime imports, so the VS Code client can bundle it without the engine.
export type { CoverageReport, FrameworkCoverage, GroupCoverage, RequirementCoverage, CoveringEntity } from '../core/queries/coverage.ts';

/** Coverage of the folder holding `uri` (or the first folder). */
export const COVERAGE_REQUEST = 'crosswalk/coverage';
/** The Statement of Applicability as Markdown or CSV text. */
export const SOA_REQUEST = 'crosswalk/soa';
/** The readiness report as HTML or Markdown text. */
export const REPORT_REQUEST = 'crosswalk/report';
/** Every file's autofixes (what `check --fix` applies) as one WorkspaceEdit, with the number applied and deferred. */
export const FIX_ALL_REQUEST = 'crosswalk/fixAll';
/** Each folder's state, for a status item: FolderStatus[]. */
export const STATUS_REQUEST = 'crosswalk/status';
/** What `crosswalk init` proposes for a folder, with the person's choice: InitAnswer. */
export const INIT_REQUEST = 'crosswalk/init';
/** Sent after a load or an edit changed a folder's findings, with the folder's root uri. */
export const CHANGED_NOTIFICATION = 'crosswalk/changed';

/**
 * The command of a "referenced by N" code lens, with the arguments of VS Code's
 * `editor.action.showReferences` in protocol form: [uri: string, position: Position, locations: Location[]].
 * The VS Code client registers it and converts them; other clients can map it to their own list of references.
 */
export const SHOW_REFERENCES_COMMAND = 'crosswalk.showReferences';

/** Reveals a requirement in the coverage view: arguments [framework: string, id: string]. */
export const REVEAL_REQUIREMENT_COMMAND = 'crosswalk.revealRequirement';
/** The only commands the readiness report's page may run (its webview's enableCommandUris). */
export const REPORT_COMMANDS: readonly string[] = [REVEAL_REQUIREMENT_COMMAND];

/** The link of a requirement id in the report shown in the editor: a command URI with its arguments as JSON. */
export function revealRequirementUri(framework: string, id: string): string {
  return `command:${REVEAL_REQUIREMENT_COMMAND}?${encodeURIComponent(JSON.stringify([framework, id]))}`;
}

export interface FolderParams {
  uri?: string;
}

export interface SoaParams extends FolderParams {
  format?: 'markdown' | 'csv';
}

export interface ReportParams extends FolderParams {
  format?: 'html' | 'markdown';
  /** 'editor': requirement ids in the HTML link to REVEAL_REQUIREMENT_COMMAND (the CLI's page has no links). */
  links?: 'editor';
}

export interface ChangedParams {
  root: string;
}

/** One folder's state, from crosswalk/status. */
export type FolderStatus = { root: string; state: 'analysing' } | { root: string; state: 'ready'; files: number; findings: number };

export interface InitParams {
  uri: string;
  choice: { frameworks: Array<'soc2' | 'iso27001'>; soc2Categories: string[] };
}

export interface InitAnswer {
  config: string;
  files: Array<{ path: string; text: string }>;
}
