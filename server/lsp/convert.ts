// Conversions between the core's findings and LSP types. The core speaks in
// workspace-relative paths; LSP in URIs.
import { CodeActionKind, DiagnosticSeverity, DiagnosticTag, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { Finding, Fix, Severity } from '../core/types.ts';
import { repositoryWebUrl, ruleDocsUrl } from '../core/queries/ruleDocs.ts';
import { escapeInvisible } from '../core/text/controls.ts';
import pkg from '../../package.json' with { type: 'json' };

const REPOSITORY = repositoryWebUrl(pkg.repository.url);

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export type ToUri = (path: string) => string;

// Editors show diagnostic messages as plain text: a bidi override or a line end
// quoted from a file would reorder or split what the reader sees, so those are
// shown as escapes, as in every other output.
export function toDiagnostic(f: Finding, toUri: ToUri): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.rule,
    codeDescription: { href: ruleDocsUrl(REPOSITORY, f.rule) },
    source: 'crosswalk',
    message: escapeInvisible(f.message),
  };
  if (f.related) d.relatedInformation = f.related.map((r) => ({ location: { uri: toUri(r.path), range: r.range }, message: escapeInvisible(r.message) }));
  if (f.rule === 'legacy-id') d.tags = [DiagnosticTag.Deprecated];
  return d;
}

export function toWorkspaceEdit(fix: Fix, toUri: ToUri): WorkspaceEdit {
  const changes: NonNullable<WorkspaceEdit['changes']> = {};
  for (const e of fix.edits) (changes[toUri(e.path)] ??= []).push({ range: e.range, newText: e.newText });
  return { changes };
}

export function toCodeAction(f: Finding, fix: Fix, toUri: ToUri): CodeAction {
  const action: CodeAction = { title: escapeInvisible(fix.title), kind: CodeActionKind.QuickFix, diagnostics: [toDiagnostic(f, toUri)], edit: toWorkspaceEdit(fix, toUri) };
  if (fix.preferred) action.isPreferred = true;
  return action;
}

export function uriToFsPath(uri: string): string | undefined {
  const u = URI.parse(uri);
  return u.scheme === 'file' ? u.fsPath : undefined;
}

export function fsPathToUri(path: string): string {
  return URI.file(path).toString();
}
