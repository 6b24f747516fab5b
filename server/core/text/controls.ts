// Characters that are not text to a reader: C0 and C1 controls (escape
// sequences, carriage returns, line ends), and the invisible ones that change
// how the text around them is shown (zero-width, bidirectional overrides, line
// and paragraph separators, the byte order mark). Every output shows them as
// \uXXXX escapes, and an id that contains one is not valid.

export const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

/** `\u001b` for ESC: four hex digits, as JSON and JavaScript write it. */
export function escapeCode(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The text with every invisible or control character written as its escape. */
export function escapeInvisible(text: string): string {
  return INVISIBLE.test(text) ? text.replace(INVISIBLE_ALL, escapeCode) : text;
}

/** The first invisible or control character of a text, if any. */
export function firstInvisible(text: string): string | undefined {
  return INVISIBLE.exec(text)?.[0];
}
