import { escapeInvisible } from '../text/controls.ts';

/**
 * Escapes text from the repository (titles, owners, descriptions) for
 * Markdown hovers: no links, images, HTML or command URIs can be smuggled in,
 * whatever a catalogue file contains. Only characters that can start markup
 * are escaped: clients that show hovers as plain text (Neovim) stay readable.
 * Line ends become spaces; other control and invisible characters (a lone
 * carriage return, ESC, bidi overrides) are shown as \uXXXX; a word joiner
 * after `@`, `www` and `:` keeps a bare URL or address from becoming a link.
 */
export function escapeMarkdown(text: string): string {
  return escapeInvisible(
    text
      .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\r?\n/g, ' '),
  )
    .replace(/@/g, '@\u2060')
    .replace(/(www)(\.)/gi, '$1\u2060$2')
    .replace(/:\/\//g, ':\u2060//');
}

/**
 * Inline code for ids, always on one line: backticks inside are dropped so the
 * span cannot be closed early, and a line end (which would end the span at a
 * blank line) or any other control character is shown as \uXXXX.
 */
export function code(text: string): string {
  return `\`${escapeInvisible(text.replace(/`/g, ''))}\``;
}
