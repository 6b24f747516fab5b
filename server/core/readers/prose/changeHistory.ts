// Revision and change histories: a "## Revision History" section, or a table
// headed | Version | Date | Changes |. They record what a document was
// ("Initial Policy", "Moved the key rules out of the Data Policy"), so the
// names in them are not today's documents and are not read as citations.

/** A heading's text that opens a history section: "Version History", "Change log", "Document Revisions". */
const HISTORY_TITLE = /^[*_]*(?:(?:document|policy|version|revision|change|amendment|modification|review|update)s?[ \t]+(?:history|log|record)s?|change[ -]?log|(?:document[ \t]+)?revisions)[*_:]*$/i;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;

/** The text of a heading line, without its marks ("## Change log ##" is "Change log"). */
function headingText(line: string, marks: number): string {
  const text = line.slice(marks).trim();
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  return text.slice(0, end).trimEnd();
}

/** Header cells of a history table: a version column, or a date and a change column. */
const VERSION_CELL = /^(?:version|ver\.?|v|rev\.?|revision|release)(?:[ \t]+(?:no\.?|number|#))?$/;
const CHANGE_CELL = /^(?:changes?|change description|description(?: of changes?)?|summary(?: of changes?)?|modifications?|amendments?|revisions?)$/;
const OTHER_CELL = /^(?:dates?|author|authors|editor|approvers?|approved by|reviewed by|changed by|modified by|updated by|comments?|notes?|reason|details)$/;

export interface HistoryReader {
  /** Whether a line (not in fenced code) lies in a history section or table; `next` gives the line after it. */
  skips(line: string, next: () => string | undefined): boolean;
}

export function changeHistory(): HistoryReader {
  /** Level of the heading that opened the history section the reader is in. */
  let section: number | undefined;
  let table = false;
  return {
    skips(line, next) {
      const heading = HEADING.exec(line);
      if (heading) {
        table = false;
        const level = heading[1]!.length;
        if (section !== undefined && level <= section) section = undefined;
        if (section === undefined && isHistoryTitle(headingText(line, heading[0].length))) section = level;
        return section !== undefined;
      }
      if (section !== undefined) return true;
      if (table) {
        if (line.includes('|') && line.trim() !== '') return true;
        table = false;
      }
      if (!line.includes('|')) return false;
      const following = next();
      if (following !== undefined && isSeparator(following) && isHistoryHeader(line)) {
        table = true;
        return true;
      }
      return false;
    },
  };
}

/** Short titles only: a heading of a thousand words is not a history's. */
function isHistoryTitle(text: string): boolean {
  return text.length <= 60 && HISTORY_TITLE.test(text);
}

function cellsOf(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
}

/** A table's `|---|:---:|` row. */
function isSeparator(line: string): boolean {
  const cells = cellsOf(line);
  return cells.length >= 2 && cells.every((c) => /^[ \t]*:?-+:?[ \t]*$/.test(c));
}

function isHistoryHeader(line: string): boolean {
  const cells = cellsOf(line).map((c) => c.replace(/[*_`]/g, '').trim().toLowerCase());
  const version = cells.some((c) => VERSION_CELL.test(c));
  const change = cells.some((c) => CHANGE_CELL.test(c));
  const other = cells.some((c) => OTHER_CELL.test(c));
  return (version && (change || other)) || (change && cells.some((c) => /^dates?$/.test(c)));
}
