// The YAML text of a catalogue file, as its parser reads it: a control file
// is YAML throughout, a policy has it in its front matter. The thread that
// reads YAML ahead for a scan cuts it out the same way.
import type { FileKind } from '../model/facts.ts';
import { findHeader } from '../syntax/frontMatter.ts';

/** `text` without its BOM; undefined when the file has no YAML to read (no or unclosed front matter). */
export function yamlOf(kind: FileKind, text: string): string | undefined {
  if (kind !== 'policy') return text;
  const fm = findHeader(text);
  return fm && !fm.unclosed ? text.slice(fm.start, fm.end) : undefined;
}
