// Cell escaping for CSV (RFC 4180) and Markdown tables. Repo text goes into
// both, so neither may break the table or smuggle markup, a formula or a
// workflow command (see neutralise.ts).
import { mdText } from './markdownText.ts';
import { guardLineStart, plainText } from './neutralise.ts';

export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function csvCell(value: string): string {
  // A leading = + - @ makes spreadsheets evaluate the cell: prefix a quote.
  const text = guardLineStart(plainText(value));
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A Markdown table cell: literal text, with `|` escaped so the row keeps its columns. */
export const mdCell = mdText;
