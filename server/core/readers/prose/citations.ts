// Documents a policy names in its prose: "the Vendor Management Policy",
// "(see Incident Response Plan)". A name is a run of capitalised words ending
// in a document noun; words that open a sentence or a reference ("The",
// "See", "Our"), say which version of a document is meant ("Initial",
// "Draft") or tell the reader what to do with it ("Follow", "Consult") are
// not part of it, and names of a publisher's documents (NIST SP 800-53,
// ISO/IEC 27002) are not the repository's. Headings are left out: they title
// sections of the document itself; so are revision histories, which name
// documents as they were. Code is left out, and so is a noun that another
// name word follows ("the Policy Ledger"). A name that starts a line goes on
// from the capitalised words that end the line before it in the same
// paragraph: prose is wrapped anywhere ("the Media\nDisposal Policy").
import { DOCUMENT_NOUNS } from '../../knowledge/documentNames.ts';
import { codeSpanTest } from './codeSpans.ts';
import { changeHistory } from './changeHistory.ts';

export interface RawCitation {
  name: string;
  start: number;
  end: number;
}

const WORD = String.raw`(?:[A-Z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*|[A-Z]{2,}[0-9]*)`;
// Between words: a space, a joining word, or a slash ("Removable Media/Cloud Storage Policy").
const JOIN = String.raw`(?:(?:[ \t]+(?:and|of|for|&|to|on|the|in)(?=[ \t]+[A-Z]))?[ \t]+|[ \t]*\/[ \t]*(?=[A-Z]))`;
// A document noun and "and" end a name: "the Vendor Policy and Access Policy" names two.
const NOUN_AND = String.raw`(?!(?:${DOCUMENT_NOUNS.join('|')})[ \t]+(?:and|&)[ \t])`;
const NAME = new RegExp(String.raw`(?<![A-Za-z0-9'’-])((?:${NOUN_AND}${WORD}${JOIN}){1,8})(${DOCUMENT_NOUNS.join('|')})(?![A-Za-z0-9'’-])(?![ \t]+[A-Z][a-z])`, 'g');

/**
 * Words before a name that are not part of it: what opens a sentence or a
 * reference; which version of a document is meant ("the Initial Policy", a
 * revision table's "Initial Policy"); and what the reader is told to do with
 * it ("1. Follow Incident Response Plan"). "Initial Policy" alone names nothing.
 */
const OPENERS = new Set(
  [
    'the this that these those our your their its his her a an each every any all see per under in of for to with by refer according as and or if when where while both either no not also please such same other',
    'new current updated existing initial draft revised amended previous prior final approved proposed original former latest',
    'follow read consult review use apply reference invoke activate execute implement initiate update complete adhere comply observe enforce check maintain',
  ]
    .join(' ')
    .split(' '),
);
/** A name that has one of these words is a publisher's document, not the repository's. */
const PUBLISHERS = /\b(?:NIST|ISO|IEC|AICPA|PCI|DSS|CIS|HIPAA|GDPR|SOC|CSA|OWASP|SANS|ENISA|COBIT|ITIL|SP|FedRAMP|CMMC|NIS2|SOX|FIPS|IETF|RFC|NCSC|CISA|FFIEC|HITRUST|EU|Microsoft|Windows)\b|\d{3}-\d/;
/** Names of technical things that end in a document noun but are no one's document here: "Group Policy", "Advanced Encryption Standard". */
const TECHNICAL =
  /\b(?:Group Policy|Content Security Policy|Same[- ]Origin Policy|(?:Advanced|Data) Encryption Standard|(?:Secure Hash|Digital Signature) Standard|(?:Industry )?Data Security Standard)$/;
/** A publisher's acronym in brackets right after the name: "... Data Security Standard (PCI DSS)". */
const PUBLISHER_AFTER = /^[ \t]*\((?:NIST|ISO|PCI|AES|FIPS|DES|SHS|DSS|CSP)\b/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
/** The capitalised words a line ends with: the start of a name wrapped onto the next line. */
const TAIL = new RegExp(String.raw`(?<![A-Za-z0-9'’{}-])(?:${WORD}[ \t]+){0,7}${WORD}[ \t]*$`);
const FENCE = /^ {0,3}(```|~~~)/;

export function findCitations(text: string, bodyStart: number): RawCitation[] {
  const out: RawCitation[] = [];
  if (!/Policy|Procedure|Standard|Plan|Narrative/.test(text.slice(bodyStart))) return out;
  let fence: string | undefined;
  const history = changeHistory();
  let at = bodyStart;
  // The line before, while it is prose of the same paragraph.
  let before: { line: string; at: number } | undefined;
  while (at < text.length) {
    const nl = text.indexOf('\n', at);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(at, end);
    const open = FENCE.exec(line);
    let prose = false;
    if (fence !== undefined) {
      if (open && open[1] === fence) fence = undefined;
    } else if (open) {
      fence = open[1];
    } else if (!history.skips(line, () => (nl === -1 ? undefined : text.slice(end + 1, nextEnd(text, end + 1)))) && !HEADING.test(line)) {
      lineCitations(line, at, out, before);
      prose = line.trim() !== '';
    }
    before = prose ? { line, at } : undefined;
    at = end + 1;
  }
  return out;
}

function nextEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl === -1 ? text.length : nl;
}

function lineCitations(line: string, offset: number, out: RawCitation[], previous: { line: string; at: number } | undefined): void {
  if (!/Policy|Procedure|Standard|Plan|Narrative/.test(line)) return;
  const inCode = codeSpanTest(line);
  NAME.lastIndex = 0;
  for (let m = NAME.exec(line); m; m = NAME.exec(line)) {
    const start = m.index;
    if (inCode(start)) continue;
    const before = line.slice(Math.max(0, start - 24), start);
    if (PUBLISHERS.test(m[0]) || TECHNICAL.test(m[0]) || PUBLISHER_AFTER.test(line.slice(start + m[0].length)) || /\b(?:NIST|ISO|IEC|AICPA|PCI|CIS|OWASP)\b[^.;]*$/.test(before)) continue;
    // Leading openers off ("See the Vendor Policy" -> "Vendor Policy").
    const words = m[1]!.trim().split(/[ \t]+/);
    let skip = 0;
    let cut = 0;
    while (skip < words.length && OPENERS.has(words[skip]!.toLowerCase())) {
      cut += words[skip]!.length;
      skip++;
      const rest = m[1]!.slice(cut);
      cut += rest.length - rest.trimStart().length;
    }
    if (skip === words.length) continue;
    const nameStart = start + cut;
    const name = line.slice(nameStart, start + m[0].length);
    const wrapped = skip === 0 && line.slice(0, nameStart).trim() === '' && previous !== undefined ? wrappedStart(previous.line, name) : undefined;
    if (wrapped !== undefined) out.push({ name: `${wrapped.words} ${name}`, start: previous!.at + wrapped.at, end: offset + start + m[0].length });
    else out.push({ name, start: offset + nameStart, end: offset + start + m[0].length });
  }
}

/** The words of a name that the line before ends with, openers off, when the name starts a line: undefined when there are none. */
function wrappedStart(line: string, rest: string): { words: string; at: number } | undefined {
  const tail = TAIL.exec(line);
  if (!tail) return undefined;
  const words = tail[0].trim().split(/[ \t]+/);
  // A line that ends in a name of its own ("Organizational Narrative" over "Security Narrative") lists names one a line.
  if ((DOCUMENT_NOUNS as readonly string[]).includes(words.at(-1)!)) return undefined;
  let skip = 0;
  while (skip < words.length && OPENERS.has(words[skip]!.toLowerCase())) skip++;
  if (skip === words.length || words.length - skip + rest.split(/[ \t]+/).length > 9) return undefined;
  const kept = words.slice(skip).join(' ');
  if (PUBLISHERS.test(kept)) return undefined;
  return { words: kept, at: line.lastIndexOf(kept) };
}
