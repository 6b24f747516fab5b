/**
 * Escapes text from the repository (titles, owners, descriptions) for
 * Markdown hovers: no links, images, HTML or command URIs can be smuggled in,
 * whatever a catalogue file contains. Only characters that can start markup
 * are escaped: clients that show hovers as plain text (Neovim) stay readable.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]|~#]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/** Inline code for ids: backticks inside are dropped so the span cannot be closed early. */
export function code(text: string): string {
  return `\`${text.replace(/`/g, '')}\``;
}
