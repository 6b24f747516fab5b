// The start every reader of a catalogue file shares: the text without its BOM,
// its line index, a DocText over the whole file and empty facts of the file's
// kind. A file with unresolved git conflict markers is reported and not read
// further (its halves would both be read as if in force).
import type { FileFacts, FileKind } from '../model/facts.ts';
import { LineIndex } from '../text/lineIndex.ts';
import { conflictMarkers, stripBom } from '../syntax/text.ts';
import { DocText } from './docText.ts';

export interface OpenedFile {
  text: string;
  lines: LineIndex;
  doc: DocText;
  facts: FileFacts;
  /** The file has conflict markers: `facts` holds their findings and nothing else is to be read. */
  conflicted: boolean;
}

export function openFile(path: string, rawText: string, kind: FileKind): OpenedFile {
  const text = stripBom(rawText);
  const lines = new LineIndex(text);
  const doc = new DocText(path, text, lines, 0);
  const facts: FileFacts = { path, kind, entities: [], prose: [], findings: [], lines: lines.lineCount };
  const markers = conflictMarkers(text);
  for (const at of markers)
    facts.findings.push(doc.finding('merge-conflict', 'error', { start: at, end: at + 7 }, 'unresolved git merge conflict marker: resolve the conflict, then the file is checked again'));
  return { text, lines, doc, facts, conflicted: markers.length > 0 };
}
