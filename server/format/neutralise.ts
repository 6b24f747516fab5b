// The one place repository text is made safe for the outputs a person or a CI
// runner reads: text, Markdown, CSV and SARIF (the HTML report's escapeHtml uses the same escapes). Control and invisible
// characters (ANSI escape sequences, OSC-8 hyperlinks, carriage returns, line
// ends, bidirectional overrides) are written as \uXXXX escapes, so a value
// stays on its own line and is shown as what it is; no line starts with `::`
// (a GitHub Actions workflow command) and no `##[` or `##vso[` (older runner
// and Azure Pipelines commands) survives. JSON output keeps every value as it
// is, but writes the invisible characters JSON.stringify leaves raw (DEL, C1
// controls, bidi overrides, zero-width) as escapes too, so the bytes are safe
// to print even before a JSON reader decodes them.
import { escapeCode, escapeInvisible, INVISIBLE } from '../core/text/controls.ts';

/** What JSON.stringify leaves raw: INVISIBLE less the C0 controls it escapes itself (its own line ends are layout). */
const RAW_IN_JSON = new RegExp(INVISIBLE.source.replace('\\u0000-\\u001f', ''), 'g');

/** JSON output, indented, with no character a terminal would act on or hide; decodes to the same value. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(RAW_IN_JSON, escapeCode)}\n`;
}

/** A value for plain-text output: on one line, with nothing a terminal or a CI runner acts on. */
export function plainText(value: string): string {
  return escapeInvisible(value).replace(/##(?=\[|vso\[)/gi, '#\\u0023');
}

/** A line of output that starts with `::` (after blanks) would be a workflow command: its first colon is escaped. */
export function guardLineStart(line: string, colon = '\\u003a'): string {
  return /^\s*::/.test(line) ? line.replace(':', colon) : line;
}

/** Plain-text output from its lines: each neutralised and guarded, then joined. */
export function textLines(lines: readonly string[]): string {
  return `${lines.map((l) => guardLineStart(plainText(l))).join('\n')}\n`;
}

/** Markdown output: a line that would start with `::` gets its first colon as an entity. */
export function guardMarkdownLines(text: string): string {
  return text.replace(/^[ \t]*::/gm, (m) => m.replace(':', '&#58;'));
}
