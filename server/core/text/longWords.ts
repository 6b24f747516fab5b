// Findings quote what files say: ids, references, terms. A file can put pages
// of text where an id belongs, and that must not be repeated whole in every
// message that names it (nor in every editor's Problems panel).

/** Words (runs without white space) longer than this are shortened in messages. */
export const MAX_WORD = 120;

const LONG_WORD = new RegExp(`\\S{${MAX_WORD + 1},}`, 'g');

/** The message with each over-long word cut to its start and end, and its length said; quotes and punctuation around it stay. */
export function shortenLongWords(message: string): string {
  if (message.length <= MAX_WORD) return message;
  return message.replace(LONG_WORD, (w) => {
    const lead = /^['"“‘([]*/.exec(w)![0];
    const trail = /['"”’),.;:\]!?]*$/.exec(w)![0];
    const core = w.slice(lead.length, w.length - trail.length);
    if (core.length <= MAX_WORD) return w;
    return `${lead}${core.slice(0, cut(core, 60))}…${core.slice(cut(core, core.length - 20))} (${core.length.toLocaleString('en-US')} characters)${trail}`;
  });
}

/** `at`, moved back off the second half of a surrogate pair so no character is split. */
function cut(s: string, at: number): number {
  const c = s.charCodeAt(at);
  return c >= 0xdc00 && c <= 0xdfff ? at - 1 : at;
}
