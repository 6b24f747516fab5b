// Repository text inside Markdown that GitHub or GitLab renders (job
// summaries, pull-request comments): it must read as the text it is, never as
// markup, HTML, a link, an image, a mention or an issue reference.
import { escapeInvisible } from '../core/text/controls.ts';

/**
 * Text as literal Markdown: punctuation escaped, HTML characters as entities,
 * on one line (a line break is a space, as Markdown would render it), control
 * and invisible characters as \uXXXX escapes.
 */
export function mdText(value: string): string {
  return (
    escapeInvisible(value.replace(/\r?\n/g, ' '))
      .replace(/[\\`*_[\]#|~$]/g, (c) => `\\${c}`)
      .replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!)
      // A word joiner stops a mention (@name) and an autolink (www., scheme://).
      .replace(/@/g, '@\u2060')
      .replace(/(www)(\.)/gi, '$1\u2060$2')
      .replace(/:\/\//g, ':\u2060//')
  );
}

/** A path or id as inline code, on one line: a fence longer than any run of backticks inside. */
export function mdCode(value: string): string {
  const clean = escapeInvisible(value);
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}
