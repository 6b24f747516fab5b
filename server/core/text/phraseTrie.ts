// Plain-text phrases (a team's own activity names, from crosswalk.yaml) found
// in prose with one pass over its words: a trie of words, not one regular
// expression per phrase. Ten thousand phrases cost no more per word of text
// than ten; a match is at most MAX_PHRASE_WORDS words long.

/** Phrases of more words than this are refused by the configuration reader (see parseConfig). */
export const MAX_PHRASE_WORDS = 16;

interface Node {
  next: Map<string, Node>;
  /** Indexes of the names whose phrase ends here. */
  names: number[];
}

export interface PhraseHit {
  /** Index into the names given to the trie. */
  name: number;
  at: number;
  /** Where the phrase ends (exclusive). */
  end: number;
}

/**
 * Words: runs of letters, digits and '_' (as \b sees them), or one other
 * character that is not white space. A word after white space is keyed with
 * a leading space, so "third-party" and "third - party" stay different.
 */
const WORD = /[A-Za-z0-9_]+|[^\sA-Za-z0-9_]/g;

function words(text: string): Array<{ key: string; at: number }> {
  const out: Array<{ key: string; at: number }> = [];
  WORD.lastIndex = 0;
  let end = -1;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const w = m[0].toLowerCase();
    out.push({ key: out.length > 0 && m.index !== end ? ` ${w}` : w, at: m.index });
    end = m.index + m[0].length;
  }
  return out;
}

/** How many words a phrase has, as the trie counts them. */
export function phraseWords(phrase: string): number {
  return words(phrase).length;
}

export class PhraseTrie {
  private readonly root: Node = { next: new Map(), names: [] };

  /** Adds a phrase for name `name`; phrases of no words, or of more than MAX_PHRASE_WORDS, are left out. */
  add(phrase: string, name: number): void {
    const ws = words(phrase);
    if (ws.length === 0 || ws.length > MAX_PHRASE_WORDS) return;
    let node = this.root;
    for (let i = 0; i < ws.length; i++) {
      // The first word of a phrase matches whatever precedes it.
      const key = i === 0 ? ws[i]!.key.trimStart() : ws[i]!.key;
      let child = node.next.get(key);
      if (!child) node.next.set(key, (child = { next: new Map(), names: [] }));
      node = child;
    }
    if (!node.names.includes(name)) node.names.push(name);
  }

  get empty(): boolean {
    return this.root.next.size === 0;
  }

  /** Where phrases start in `text`; per name, matches do not overlap (as a global regular expression finds them). */
  find(text: string): PhraseHit[] {
    if (this.empty) return [];
    const ws = words(text);
    const out: PhraseHit[] = [];
    const busyUntil = new Map<number, number>();
    for (let i = 0; i < ws.length; i++) {
      let node = this.root.next.get(ws[i]!.key.trimStart());
      for (let j = i; node;) {
        for (const name of node.names) {
          if ((busyUntil.get(name) ?? -1) > i) continue;
          out.push({ name, at: ws[i]!.at, end: ws[j]!.at + ws[j]!.key.trimStart().length });
          busyUntil.set(name, j + 1);
        }
        if (++j >= ws.length || j - i >= MAX_PHRASE_WORDS) break;
        node = node.next.get(ws[j]!.key);
      }
    }
    return out;
  }
}
