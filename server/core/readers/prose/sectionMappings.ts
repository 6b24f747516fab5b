// Where a policy's text declares that it maps a framework id, rather than
// mentioning it in a sentence: a heading about the requirement ("### CC6.1 –
// Logical access"), an item of a section that lists the policy's mappings
// ("## Applicable Controls", then "- **SOC 2**: CC6.1, CC6.2"), or a row of a
// Statement of Applicability table, whose header has a column saying whether
// each control applies. A row that says it does not, with a justification,
// excludes the control. Code blocks declare nothing.
import type { IdRef } from '../../model/facts.ts';
import type { LineIndex } from '../../text/lineIndex.ts';

const FENCE = /^ {0,3}(```|~~~)/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]|$)/;
const LIST_ITEM = /^[ \t]{0,12}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const TABLE_ROW = /^[ \t]{0,3}\|/;
const DELIMITER_ROW = /^[ \t]{0,3}\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?$/;

/** Framework names as headings write them, lower case. */
const FRAMEWORK = String.raw`(?:soc ?2|iso(?:\/iec)? ?27001(?::20\d\d)?|tsc)`;
const SUBJECT = String.raw`(?:${FRAMEWORK}|frameworks?|compliance|controls?|requirements?|regulatory|standards?|criteria)`;
const JOIN = String.raw`(?: ?[\/&] ?| and | )`;
/**
 * Headings of sections that list mappings, numbering, emphasis and a closing remark in brackets
 * left out: "Applicable Controls", "Mapped Requirements", "Control Mapping", "Framework Mappings",
 * "Compliance Mapping", "Requirements Mapping", "SOC 2 Mapping", "Mapping to ISO 27001",
 * "ISO 27001 Controls", "Controls". Not "References", "Compliance" or "Requirements": those sections
 * name ids they rely on or discuss.
 */
const MAPPING_HEADING = new RegExp(
  String.raw`^(?:(?:${SUBJECT}${JOIN})*mappings?(?: to ${SUBJECT}(?:${JOIN}${SUBJECT})*)?|(?:applicable|mapped) (?:controls|requirements|criteria)|controls|${FRAMEWORK}(?:${JOIN}${FRAMEWORK})* (?:controls|criteria|requirements))$`,
);

/** An applicability column: "Applicable", "Applicable (Y/N)", "Applicability", "Included", "In scope". */
const APPLIES_COLUMN = /^(?:applicab|applies|included|inclusion|in[ -]scope|selected)/;
const JUSTIFICATION_COLUMN = /justif|reason|rationale/;
const APPLIES = /^(?:y|yes|applicable|included|include|in scope|required|true|x|✓|✔|✔️|☑|☑️|✅)$/;
const DOES_NOT_APPLY = /^(?:n|no|not applicable|n\/a|na|excluded|exclude|not included|out of scope|false|✗|✘|❌)$/;
/** A justification cell that says nothing. */
const EMPTY_REASON = /^(?:-+|—|–|n\/?a|none|tbd|tbc|todo|\?+|…|\.\.\.)?$/i;

/** Marks the body ids (from `bodyStart`) that the document declares it maps or, in an SoA table, excludes. Ids must be in text order. */
export function markTextMappings(lines: LineIndex, bodyStart: number, prose: readonly IdRef[]): void {
  const first = lines.position(bodyStart).line;
  const walker = new Walker(lines, first);
  for (let i = 0; i < prose.length;) {
    const line = prose[i]!.range.start.line;
    let j = i + 1;
    while (j < prose.length && prose[j]!.range.start.line === line) j++;
    if (line >= walker.next) declare(walker.place(line), prose.slice(i, j), lines);
    i = j;
  }
}

/** One line of the body as far as declaring goes. */
interface Place {
  line: number;
  text: string;
  kind: 'heading' | 'list' | 'row' | 'text' | 'other';
  /** In a section whose heading says it lists mappings. */
  inSection: boolean;
  /** For a table row: the table's columns. */
  table?: Table;
}

interface Table {
  /** The applicability column of a Statement of Applicability table. */
  applies?: number;
  justification?: number;
  /** The delimiter row has been read: rows from here on are the table's body. */
  body: boolean;
}

/** Reads the body's lines in order, once: the code fences, sections, tables and lists it is in. */
class Walker {
  /** The first line not yet read. */
  next: number;
  private fence: string | undefined;
  /** The level of the heading of the mappings section the walk is in. */
  private section: number | undefined;
  private table: Table | undefined;
  private list = false;

  constructor(
    private readonly lines: LineIndex,
    first: number,
  ) {
    this.next = first;
  }

  place(line: number): Place {
    let place: Place | undefined;
    while (this.next <= line) place = this.read(this.next++);
    return place!;
  }

  private read(line: number): Place {
    const text = this.lines.lineText(line);
    const place: Place = { line, text, kind: 'other', inSection: false };
    if (this.fence !== undefined) {
      if (FENCE.exec(text)?.[1] === this.fence) this.fence = undefined;
      return place;
    }
    const fence = FENCE.exec(text);
    if (fence) {
      this.fence = fence[1];
      this.table = undefined;
      this.list = false;
      return place;
    }
    const heading = HEADING.exec(text);
    if (heading) {
      const level = heading[1]!.length;
      this.table = undefined;
      this.list = false;
      if (this.section !== undefined && level <= this.section) this.section = undefined;
      if (this.section === undefined && listsMappings(text.slice(heading[0].length))) this.section = level;
      place.kind = 'heading';
      return place;
    }
    place.inSection = this.section !== undefined;
    if (TABLE_ROW.test(text)) {
      this.list = false;
      if (this.table?.body) {
        place.kind = 'row';
        place.table = this.table;
      } else if (this.table && DELIMITER_ROW.test(text)) {
        this.table.body = true;
      } else if (line + 1 < this.lines.lineCount && DELIMITER_ROW.test(this.lines.lineText(line + 1))) {
        this.table = header(text);
      } else {
        this.table = undefined;
        place.kind = 'text';
      }
      return place;
    }
    this.table = undefined;
    if (LIST_ITEM.test(text)) {
      this.list = true;
      place.kind = 'list';
    } else if (text.trim() === '') {
      // A blank line between items keeps the list going.
    } else if (this.list && /^(?: {2,}|\t)\S/.test(text)) {
      place.kind = 'list';
    } else {
      this.list = false;
      place.kind = 'text';
    }
    return place;
  }
}

function declare(place: Place, refs: readonly IdRef[], lines: LineIndex): void {
  if (place.kind === 'heading') {
    for (const r of refs) r.declaredIn = 'heading';
    return;
  }
  if (place.kind === 'row' && place.table?.applies !== undefined) {
    soaRow(place, place.table, refs, lines);
    return;
  }
  if (!place.inSection) return;
  if (place.kind === 'row' || place.kind === 'list' || (place.kind === 'text' && onlyIds(place, refs))) for (const r of refs) r.declaredIn = 'section';
}

/** An id that leads its cell before the applicability column is the row's control: the row says whether it applies. */
function soaRow(place: Place, table: Table, refs: readonly IdRef[], lines: LineIndex): void {
  const cells = cellsOf(place.text);
  const applies = table.applies!;
  if (applies >= cells.length) return;
  // Ids in text order, cells in text order: one walk over both, however many a row holds.
  let index = 0;
  let judged = -1;
  for (const ref of refs) {
    const at = ref.range.start.character;
    while (index < cells.length && cells[index]!.end <= at) index++;
    if (index >= applies) return;
    // Only the first id of a cell can lead it.
    if (judged === index) continue;
    judged = index;
    if (cells[index]!.start > at || !/^[\s*_`]*$/.test(place.text.slice(cells[index]!.start, at))) continue;
    const value = cellText(place.text, cells[applies]).text.toLowerCase().replace(/[.!]$/, '');
    if (APPLIES.test(value)) {
      ref.declaredIn = 'soa';
      continue;
    }
    if (!DOES_NOT_APPLY.test(value) || table.justification === undefined) continue;
    const reason = cellText(place.text, cells[table.justification]);
    if (EMPTY_REASON.test(reason.text)) continue;
    const lineStart = lines.lineStart(place.line);
    ref.excludedBecause = { text: reason.text, range: lines.range(lineStart + reason.start, lineStart + reason.start + reason.text.length) };
  }
}

/** A header row's columns: which says whether a control applies, and which gives the reason. */
function header(text: string): Table {
  const table: Table = { body: false };
  cellsOf(text).forEach((c, i) => {
    const name = cellText(text, c).text.toLowerCase();
    if (table.applies === undefined && APPLIES_COLUMN.test(name)) table.applies = i;
    else if (table.justification === undefined && JUSTIFICATION_COLUMN.test(name)) table.justification = i;
  });
  return table;
}

interface Cell {
  start: number;
  end: number;
}

/** The cells of a table row, between unescaped pipes; the pipes at either end close no cell. */
function cellsOf(text: string): Cell[] {
  const cells: Cell[] = [];
  let start = text.indexOf('|') + 1;
  for (let k = start; k <= text.length; k++) {
    if (k < text.length && (text[k] !== '|' || text[k - 1] === '\\')) continue;
    cells.push({ start, end: k });
    start = k + 1;
  }
  const last = cells.at(-1);
  if (last && text.slice(last.start, last.end).trim() === '') cells.pop();
  return cells;
}

/** A cell's text without the spaces and emphasis around it, and where that text starts in the row. */
function cellText(text: string, cell: Cell | undefined): { text: string; start: number } {
  if (!cell) return { text: '', start: 0 };
  const raw = text.slice(cell.start, cell.end);
  const lead = /^[\s*_`]*/.exec(raw)![0].length;
  const trimmed = raw.slice(lead).replace(/[\s*_`]+$/, '');
  return { text: trimmed, start: cell.start + lead };
}

/** Whether a heading's text (after its #s) names a section that lists mappings. */
function listsMappings(rest: string): boolean {
  // Most headings name none of these words: one test, not six rewrites and a match, per heading.
  if (rest.length > 160 || !/mapping|controls|applicable|mapped|criteria|requirements/i.test(rest)) return false;
  const name = rest
    .replace(/[*_`]/g, '')
    .replace(/[ \t#]+$/, '')
    .trim()
    .toLowerCase()
    .replace(/^(?:\d{1,3}(?:\.\d{1,3})*\.?|[a-z]\.|[ivx]{1,5}\.)\s+/, '')
    .replace(/\s*:$/, '')
    .replace(/\s*\([^()]*\)$/, '')
    .replace(/\s+/g, ' ');
  return MAPPING_HEADING.test(name);
}

/** A line of a mappings section that holds ids and nothing else but a label: "SOC 2: CC6.1, CC6.2". */
function onlyIds(place: Place, refs: readonly IdRef[]): boolean {
  let rest = '';
  let at = 0;
  for (const r of refs) {
    rest += `${place.text.slice(at, r.range.start.character)}\u0000`;
    at = r.range.end.line === place.line ? r.range.end.character : place.text.length;
  }
  rest += place.text.slice(at);
  const unlabelled = rest.replace(/^[\s>]*[*_]*[A-Za-z][^:.!?|\u0000]{0,40}:[*_]*/, '').replace(/\b(?:and|or)\b/g, '');
  return /^[\s\u0000,;/&*_()[\].]*$/.test(unlabelled);
}
