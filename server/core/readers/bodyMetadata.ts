// What a Markdown policy without front matter says about itself in its body:
// a "document control" table (| Owner | Jane |), or "**Owner:** Jane" lines,
// and its first heading as the title. A field is taken only when the
// document states it once: two owners, or two review dates, are left unread.
import type { Entity, Field } from '../model/facts.ts';
import type { LineIndex } from '../text/lineIndex.ts';
import { isoDay, writtenDay } from '../text/dates.ts';

type Key = 'id' | 'owner' | 'version' | 'lastReviewed';

const LABELS: Array<[RegExp, Key]> = [
  [/^(?:document|policy|doc)[ -]?(?:id|number|no\.?|reference|ref)$/, 'id'],
  [/^(?:(?:document|policy|process) )?owner(?:ship)?$|^approver$|^approved by$|^owned by$/, 'owner'],
  [/^(?:document |policy )?version(?: number)?$|^revision$/, 'version'],
  [/^(?:last )?review(?:ed)?(?: date| on)?$|^date (?:of )?(?:last )?review(?:ed)?$|^last reviewed$/, 'lastReviewed'],
];

/** Only the top of a body holds its document control; a long policy is not read for it to the end. */
const SCAN_CHARS = 8192;

/** The entity the body describes, or undefined when it states none of these fields. */
export function readBodyMetadata(text: string, lines: LineIndex, bodyStart: number): Entity | undefined {
  const found = new Map<Key, Field[]>();
  let title: Field | undefined;
  const end = Math.min(text.length, bodyStart + SCAN_CHARS);
  const line = /[^\n]*\n?/g;
  line.lastIndex = bodyStart;
  for (let m = line.exec(text); m && m.index < end && m[0] !== ''; m = line.exec(text)) {
    const raw = m[0].replace(/\r?\n$/, '');
    const at = m.index;
    const heading = title ? undefined : levelOneHeading(raw);
    if (heading) {
      title = { text: heading.text, range: lines.range(at + heading.at, at + heading.at + heading.text.length) };
      continue;
    }
    const pair = labelled(raw);
    if (!pair) continue;
    const key = LABELS.find(([re]) => re.test(pair.label))?.[1];
    if (!key || pair.value === '') continue;
    const start = at + pair.offset;
    (found.get(key) ?? found.set(key, []).get(key)!).push({ text: pair.value, range: lines.range(start, start + pair.value.length) });
  }
  const once = (k: Key): Field | undefined => {
    const all = found.get(k);
    return all && all.length === 1 ? all[0] : undefined;
  };
  const fields = { id: once('id'), owner: once('owner'), version: once('version'), lastReviewed: dated(once('lastReviewed')) };
  if (!fields.id && !fields.owner && !fields.version && !fields.lastReviewed) return undefined;
  const start = lines.range(bodyStart, bodyStart);
  const entity: Entity = { kind: 'policy', idRange: fields.id?.range ?? title?.range ?? start, range: start, evidence: [], mappings: [], refs: [], style: 'body' };
  if (fields.id) entity.id = fields.id.text;
  if (title) entity.title = title;
  if (fields.owner) entity.owner = fields.owner;
  if (fields.version) entity.version = fields.version;
  if (fields.lastReviewed) entity.lastReviewed = fields.lastReviewed;
  return entity;
}

/** `| Label | value |` or `**Label:** value` / `Label: value`, with the value's offset in the line. */
function labelled(raw: string): { label: string; value: string; offset: number } | undefined {
  const row = /^\|\s*\**([^|*]{1,40}?)\**\s*\|\s*([^|]*?)\s*\|?\s*$/.exec(raw);
  const line = row ? undefined : /^[-*]?\s*\**([A-Za-z][A-Za-z .]{0,38}?)\**\s*:\s*\**\s*(.*?)\s*$/.exec(raw);
  const m = row ?? line;
  if (!m) return undefined;
  const value = m[2]!.replace(/^\*+|\*+$/g, '').trim();
  if (/^[-:\s]*$/.test(value)) return undefined; // a table's |---| separator
  return { label: m[1]!.trim().toLowerCase(), value, offset: raw.lastIndexOf(value) };
}

/** A review date as YYYY-MM-DD when it reads as one date ("2026-03-14", "14 March 2026", "March 2026" is too vague). */
function dated(f: Field | undefined): Field | undefined {
  if (!f) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(f.text)) return f;
  if (!/\b\d{1,2}\b/.test(f.text.replace(/\b\d{4}\b/, '')) || !/\b\d{4}\b/.test(f.text)) return undefined;
  const t = writtenDay(f.text);
  return t === undefined ? undefined : { text: isoDay(t), range: f.range };
}

/**
 * A policy without front matter that states none of those fields is still a document of the catalogue:
 * its first `#` heading (outside code) is its title, so citations of it resolve, and coverage names it by its file.
 */
export function headerlessDocument(text: string, lines: LineIndex): Entity {
  const start = lines.range(0, 0);
  const entity: Entity = { kind: 'policy', idRange: start, range: start, evidence: [], mappings: [], refs: [], style: 'body' };
  const end = Math.min(text.length, SCAN_CHARS);
  let fence: string | undefined;
  for (let at = 0; at < end;) {
    const nl = text.indexOf('\n', at);
    const lineEnd = nl === -1 ? text.length : nl;
    const raw = text.slice(at, lineEnd).replace(/\r$/, '');
    const open = /^ {0,3}(```|~~~)/.exec(raw);
    if (fence !== undefined) {
      if (open?.[1] === fence) fence = undefined;
    } else if (open) {
      fence = open[1];
    } else {
      const heading = levelOneHeading(raw);
      if (heading) {
        entity.title = { text: heading.text, range: lines.range(at + heading.at, at + heading.at + heading.text.length) };
        entity.idRange = entity.title.range;
        break;
      }
    }
    at = lineEnd + 1;
  }
  return entity;
}

/** A `# Title` line's title, without a closing run of #s, and where it starts; a line too long to be a title has none. */
function levelOneHeading(raw: string): { text: string; at: number } | undefined {
  if (raw.length > MAX_TITLE_LINE) return undefined;
  const m = /^#[ \t]+(\S(?:.*\S)?)/.exec(raw);
  const text = m?.[1]!.replace(/(?:[ \t]+#+)+$|^#+$/, '');
  return m && text ? { text, at: m.index + m[0].length - m[1]!.length } : undefined;
}

/** Heading lines longer than this are no title (and a pattern over a line of a million #s must not take minutes). */
const MAX_TITLE_LINE = 400;
