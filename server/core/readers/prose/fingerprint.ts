// MinHash signatures of a document's wording: two policies whose text is
// nearly the same have signatures that agree in most positions. Bands of the
// signature serve as keys, so near-duplicates meet in a small group without
// comparing every pair of policies.

export const SIGNATURE_SIZE = 64;
export const BAND_ROWS = 4;

const FNV_OFFSET = 0x811c9dc5;

/** One FNV-1a step: mixes a value into the hash. */
function fnvStep(h: number, value: number): number {
  return Math.imul(h ^ value, 0x01000193) >>> 0;
}

/** Continues an FNV-1a hash over `text`, so a shingle is hashed without building its string. */
function fnvMore(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  return h;
}

function fnv1a(text: string): number {
  return fnvMore(FNV_OFFSET, text);
}

/** Words, lower-cased, without Markdown punctuation. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** Title words that name the kind of document or the whole field, not what a policy is for. */
const GENERIC_TITLE_WORDS = new Set(
  (
    'policy policies standard standards procedure procedures plan plans program programme programs process processes guideline guidelines ' +
    'document statement charter framework handbook manual overview general information security infosec cyber cybersecurity management ' +
    'control controls governance corporate company the and of for to a an on in with at by or our its'
  ).split(' '),
);

/**
 * The words of a policy's title that say what it is for ("Access Control
 * Policy" is about access; "Change Control Policy" about change): lower case,
 * plurals dropped, without the policy's id or numbers.
 */
export function purposeWords(title: string, id: string | undefined): string[] {
  const text = id ? title.split(id).join(' ') : title;
  const out = new Set<string>();
  for (const w of words(text)) {
    if (/\d/.test(w) || w.length < 3) continue;
    const stem = w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
    if (!GENERIC_TITLE_WORDS.has(w) && !GENERIC_TITLE_WORDS.has(stem)) out.add(stem);
  }
  return [...out];
}

export function signature(text: string): number[] | undefined {
  const w = words(text);
  if (w.length < 20) return undefined; // too short to call two texts near-identical
  // The hash of each "w[i] w[i+1] w[i+2]", one word after another. Repeats need no removing: they do not change a minimum.
  const shingles = new Uint32Array(w.length - 2);
  for (let i = 0; i + 3 <= w.length; i++) shingles[i] = fnvMore(fnvMore(fnvMore(fnvMore(fnvMore(FNV_OFFSET, w[i]!), ' '), w[i + 1]!), ' '), w[i + 2]!);
  return minHash(shingles);
}

/** MinHash of a set of items (framework ids), for overlap of coverage. */
export function setSignature(items: readonly string[]): number[] {
  return minHash(Uint32Array.from(items, fnv1a));
}

// Cheap independent-ish hash family: mix the item hash with per-k constants
// (kept as the int32 values the XORs below would convert them to).
const MIX_IN = Int32Array.from({ length: SIGNATURE_SIZE }, (_, k) => k * 0x9e3779b9);
const MIX_OUT = Int32Array.from({ length: SIGNATURE_SIZE }, (_, k) => k * 0xc2b2ae35);

/** The smallest value each member of the hash family takes over `hashes`. */
function minHash(items: Uint32Array): number[] {
  const sig = new Array<number>(SIGNATURE_SIZE);
  // One member at a time, so the running minimum stays in a register.
  for (let k = 0; k < SIGNATURE_SIZE; k++) {
    const mixIn = MIX_IN[k]!;
    const mixOut = MIX_OUT[k]!;
    let min = 0xffffffff;
    for (let i = 0; i < items.length; i++) {
      const v = (Math.imul(items[i]! ^ mixIn, 0x85ebca6b) ^ mixOut) >>> 0;
      if (v < min) min = v;
    }
    sig[k] = min;
  }
  return sig;
}

/** How many of the signature's values two texts must share for a similarity of at least `threshold`. */
export function agreementFor(threshold: number): number {
  let need = 0;
  while (need <= SIGNATURE_SIZE && need / SIGNATURE_SIZE < threshold) need++;
  return need;
}

/** Whether two signatures share at least `need` values; stops as soon as they cannot. */
export function agreeAtLeast(a: readonly number[], b: readonly number[], need: number): boolean {
  let misses = SIGNATURE_SIZE - need;
  if (misses < 0) return false;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] !== b[i] && --misses < 0) return false;
  return true;
}

export function similarity(a: readonly number[], b: readonly number[]): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

/** The start of each band's key, per prefix: built once, not once per band of every policy. */
const bandHeads = new Map<string, string[]>();

/**
 * One key per band of rows, `prefix` + band number + `:` + a 32-bit hash of the
 * band's values as four characters (a byte each, from U+0100: no number to
 * format): short keys, cheap to build and to look up. Two signatures with a
 * band in common share its key; a rare hash collision only adds a candidate
 * pair, which is then compared on the signatures themselves.
 */
export function bandKeys(sig: readonly number[], prefix: string): string[] {
  let heads = bandHeads.get(prefix);
  if (!heads) bandHeads.set(prefix, (heads = Array.from({ length: SIGNATURE_SIZE / BAND_ROWS }, (_, b) => `${prefix}${b}:`)));
  const out: string[] = [];
  for (let b = 0; b * BAND_ROWS < SIGNATURE_SIZE; b++) {
    let h = FNV_OFFSET;
    for (let r = b * BAND_ROWS; r < (b + 1) * BAND_ROWS; r++) h = fnvStep(h, sig[r]!);
    out.push(heads[b]! + String.fromCharCode(0x100 + (h >>> 24), 0x100 + ((h >>> 16) & 0xff), 0x100 + ((h >>> 8) & 0xff), 0x100 + (h & 0xff)));
  }
  return out;
}
