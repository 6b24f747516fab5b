// Shared vocabulary of the analysis engine. Everything here is plain data so that
// results can cross worker-thread boundaries and be converted at the edges
// (LSP, SARIF, text) without the core knowing about any of them.

/** Zero-based line and UTF-16 character, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A text replacement in one file. Offsets are already converted to a range. */
export interface TextEdit {
  /** Workspace-relative path, '/'-separated. */
  path: string;
  range: Range;
  newText: string;
}

/** A fix the editor can offer as a quick fix and the CLI can apply in bulk. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one fix to apply when several are offered and the user asked for the best. */
  preferred?: boolean;
}

export interface RelatedLocation {
  path: string;
  range: Range;
  message: string;
}

/** A finding of one rule at one place. `rule` is a stable code, see docs/rules.md. */
export interface Finding {
  rule: string;
  severity: Severity;
  path: string;
  range: Range;
  message: string;
  related?: RelatedLocation[];
  fixes?: Fix[];
}

/**
 * How the core reads files. The CLI implements it with node:fs, the language
 * server with open documents layered over the disk, tests with a Map.
 */
export interface FileSource {
  /** Every file below the root, workspace-relative, '/'-separated. */
  list(): Promise<string[]>;
  /** The text of one file, or an error describing why it cannot be read. */
  read(path: string): Promise<string>;
}
