// The shapes of the server's custom requests, as the client sees them.
// Type-only imports: the client bundle carries none of the analysis code.
export type { CoverageReport, FrameworkCoverage, GroupCoverage, RequirementCoverage, CoveringEntity } from '../server/core/queries/coverage.ts';

export const COVERAGE_REQUEST = 'crosswalk/coverage';
export const SOA_REQUEST = 'crosswalk/soa';
export const REPORT_REQUEST = 'crosswalk/report';
export const FIX_ALL_REQUEST = 'crosswalk/fixAll';
export const STATUS_REQUEST = 'crosswalk/status';
export const INIT_REQUEST = 'crosswalk/init';

/** One folder's state, from crosswalk/status. */
export type FolderStatus = { root: string; state: 'analysing' } | { root: string; state: 'ready'; files: number; findings: number };
export const CHANGED_NOTIFICATION = 'crosswalk/changed';
