// The shapes of the server's custom requests, as the client sees them.
// Type-only imports: the client bundle carries none of the analysis code.
export type { CoverageReport, FrameworkCoverage, GroupCoverage, RequirementCoverage, CoveringEntity } from '../server/core/queries/coverage.ts';

export const COVERAGE_REQUEST = 'crosswalk/coverage';
export const SOA_REQUEST = 'crosswalk/soa';
export const REPORT_REQUEST = 'crosswalk/report';
export const FIX_ALL_REQUEST = 'crosswalk/fixAll';
export const CHANGED_NOTIFICATION = 'crosswalk/changed';
