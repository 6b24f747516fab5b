// SARIF 2.1.0 for code-scanning uploads: pull-request annotations from CI.
import type { Finding, Range, Severity } from '../core/types.ts';
import type { Rule } from '../core/rules/rule.ts';
import { FINGERPRINT_KEY } from '../core/review/fingerprint.ts';
import { jsonText, plainText } from './neutralise.ts';
import { repositoryWebUrl, ruleDocsUrl } from '../core/queries/ruleDocs.ts';
import pkg from '../../package.json' with { type: 'json' };

const REPOSITORY = repositoryWebUrl(pkg.repository.url);

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function region(r: Range): Record<string, number> {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

function location(path: string, r: Range): Record<string, unknown> {
  return { physicalLocation: { artifactLocation: { uri: encodeURI(path), uriBaseId: 'SRCROOT' }, region: region(r) } };
}

/** `fingerprints` (one per finding, see core/review/fingerprint.ts) become partialFingerprints, which code scanning de-duplicates by. */
export function findingsSarif(findings: readonly Finding[], rules: readonly Rule[], version: string, fingerprints?: readonly string[]): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'crosswalk',
            version,
            rules: rules.map((r) => ({
              id: r.code,
              shortDescription: { text: r.summary },
              defaultConfiguration: { level: LEVEL[r.severity] },
              // The rule's section of Crosswalk's documentation on the web, not a path in the checked repository.
              helpUri: ruleDocsUrl(REPOSITORY, r.code),
            })),
          },
        },
        originalUriBaseIds: { SRCROOT: { description: { text: 'The catalogue repository that was checked.' } } },
        results: findings.map((f, i) => ({
          ruleId: f.rule,
          ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule)! } : {}),
          level: LEVEL[f.severity],
          message: { text: plainText(f.message) },
          locations: [location(f.path, f.range)],
          ...(fingerprints?.[i] !== undefined ? { partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i] } } : {}),
          ...(f.related ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, ...location(r.path, r.range), message: { text: plainText(r.message) } })) } : {}),
          ...(f.fixes
            ? {
                fixes: f.fixes.map((x) => ({
                  description: { text: plainText(x.title) },
                  artifactChanges: [...new Set(x.edits.map((e) => e.path))].map((p) => ({
                    artifactLocation: { uri: encodeURI(p), uriBaseId: 'SRCROOT' },
                    replacements: x.edits.filter((e) => e.path === p).map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                  })),
                })),
              }
            : {}),
        })),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return jsonText(log);
}
