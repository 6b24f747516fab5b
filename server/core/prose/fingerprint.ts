// MinHash signatures of a document's wording: two policies whose text is
// nearly the same have signatures that agree in most positions. Bands of the
// signature serve as keys, so near-duplicates meet in a small group without
// comparing every pair of policies.

export const SIGNATURE_SIZE = 64;
export const BAND_ROWS = 4;

function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Words, lower-cased, without Markdown punctuation. */
export function words(text: string): string[] {
  return text.toLowerCase().replace(/[^a-z0-9\s]+/g, ' ').split(/\s+/).filter((w) => w.length > 0);
}

export function signature(text: string): number[] | undefined {
  const w = words(text);
  if (w.length < 20) return undefined; // too short to call two texts near-identical
  const shingles = new Set<number>();
  for (let i = 0; i + 3 <= w.length; i++) shingles.add(fnv1a(`${w[i]} ${w[i + 1]} ${w[i + 2]}`, 0));
  return minHash(shingles);
}

/** MinHash of a set of items (framework ids), for overlap of coverage. */
export function setSignature(items: readonly string[]): number[] {
  return minHash(items.map((item) => fnv1a(item, 0)));
}

/** The smallest value each member of the hash family takes over `hashes`. */
function minHash(hashes: Iterable<number>): number[] {
  const sig: number[] = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  for (const h of hashes) {
    for (let k = 0; k < SIGNATURE_SIZE; k++) {
      // Cheap independent-ish hash family: mix the item hash with a per-k multiplier.
      const v = (Math.imul(h ^ (k * 0x9e3779b9), 0x85ebca6b) ^ (k * 0xc2b2ae35)) >>> 0;
      if (v < sig[k]!) sig[k] = v;
    }
  }
  return sig;
}

export function similarity(a: readonly number[], b: readonly number[]): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

export function bandKeys(sig: readonly number[]): string[] {
  const out: string[] = [];
  for (let b = 0; b * BAND_ROWS < SIGNATURE_SIZE; b++) out.push(`${b}:${sig.slice(b * BAND_ROWS, (b + 1) * BAND_ROWS).join(',')}`);
  return out;
}
