// A reader's view of one file's text: ranges and findings for spans given
// relative to `base` (a policy's front matter starts after its opening line).
import type { Finding, Severity } from '../types.ts';
import type { LineIndex } from '../text/lineIndex.ts';
import type { Span } from '../syntax/yamlTree.ts';

export class DocText {
  constructor(
    readonly path: string,
    readonly text: string,
    readonly lines: LineIndex,
    readonly base: number,
  ) {}

  range(s: Span): Finding['range'] {
    return this.lines.range(this.base + s.start, this.base + s.end);
  }

  position(offset: number): Finding['range']['start'] {
    return this.lines.position(this.base + offset);
  }

  finding(rule: string, severity: Severity, s: Span, message: string): Finding {
    return { rule, severity, path: this.path, range: this.range(s), message };
  }
}
