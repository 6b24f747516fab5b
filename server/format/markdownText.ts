// Repository text inside Markdown that GitHub or GitLab renders (job
// summaries, pull-request comments): it must read as the text it is, never as
// markup, HTML, a link, a mention or an issue reference.

/** Text as literal Markdown: punctuation escaped, HTML characters as entities, on one line. */
export function mdText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u001b]/g, '')
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*_[\]#|~$]/g, (c) => `\\${c}`)
    .replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!)
    // A word joiner stops a mention (@name) and an autolink (www., scheme://).
    .replace(/@/g, '@\u2060')
    .replace(/(www)(\.)/gi, '$1\u2060$2')
    .replace(/:\/\//g, ':\u2060//');
}

/** A path or id as inline code: a fence longer than any run of backticks inside. */
export function mdCode(value: string): string {
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, ' ');
  const longest = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}
