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
/** Sent after a load or an edit changed a folder's findings, with the folder's root uri. */
export const CHANGED_NOTIFICATION = 'crosswalk/changed';

export interface FolderParams {
  uri?: string;
}

export interface SoaParams extends FolderParams {
  format?: 'markdown' | 'csv';
}

export interface ReportParams extends FolderParams {
  format?: 'html' | 'markdown';
}

export interface ChangedParams {
  root: string;
}
