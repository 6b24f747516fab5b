// Every rule, in the order docs/rules.md lists them.
import type { FileRule, Rule, WorkspaceRule } from './rule.ts';
import { parseRules } from './parseRules.ts';
import { unknownId } from './unknownId.ts';
import { wrongFramework } from './wrongFramework.ts';
import { legacyId } from './legacyId.ts';
import { nonCanonicalId } from './nonCanonicalId.ts';
import { familyId } from './familyId.ts';
import { headingId } from './headingId.ts';
import { pointOfFocusId } from './pointOfFocusId.ts';
import { outOfScopeId } from './outOfScopeId.ts';
import { missingId } from './missingId.ts';
import { missingOwner } from './missingOwner.ts';
import { missingFrequency } from './missingFrequency.ts';
import { missingMapping } from './missingMapping.ts';
import { missingEvidence } from './missingEvidence.ts';
import { invalidDate } from './invalidDate.ts';
import { singleFramework } from './singleFramework.ts';
import { soaExclusion } from './soaExclusion.ts';
import { duplicateId } from './duplicateId.ts';
import { unresolvedReference } from './unresolvedReference.ts';
import { excludedButImplemented } from './excludedButImplemented.ts';
import { conflictingFrequency } from './conflictingFrequency.ts';
import { duplicatePolicy } from './duplicatePolicy.ts';
import { overlappingPolicies } from './overlappingPolicies.ts';
import { conflictingDefinition } from './conflictingDefinition.ts';
import { staleReview } from './staleReview.ts';
import { staleCrosswalk } from './staleCrosswalk.ts';
import { scopeMismatch } from './scopeMismatch.ts';
import { missingFrontMatter } from './missingFrontMatter.ts';
import { wrongTitle } from './wrongTitle.ts';
import { unknownDocument } from './unknownDocument.ts';
import { brokenLink } from './brokenLink.ts';
import { citedOnly } from './citedOnly.ts';

export const fileRules: FileRule[] = [
  unknownId,
  wrongFramework,
  legacyId,
  nonCanonicalId,
  familyId,
  headingId,
  pointOfFocusId,
  outOfScopeId,
  wrongTitle,
  missingId,
  missingOwner,
  missingFrequency,
  missingMapping,
  missingEvidence,
  invalidDate,
  singleFramework,
  soaExclusion,
  staleReview,
  staleCrosswalk,
  scopeMismatch,
];

export const workspaceRules: WorkspaceRule[] = [
  missingFrontMatter,
  duplicateId,
  unresolvedReference,
  excludedButImplemented,
  duplicatePolicy,
  overlappingPolicies,
  conflictingFrequency,
  conflictingDefinition,
  unknownDocument,
  brokenLink,
  citedOnly,
];

export const allRules: Rule[] = [...parseRules, ...fileRules, ...workspaceRules];

export function ruleInfo(code: string): Rule | undefined {
  return allRules.find((r) => r.code === code);
}
