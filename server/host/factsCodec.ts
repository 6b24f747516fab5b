// The facts cache's representation of facts: plain data (objects, arrays,
// strings, numbers, booleans, null, undefined) as a stream of 32-bit tokens,
// with every distinct string and object shape stored once for the whole
// cache. Decoding builds objects from known shapes and takes positions near
// the top of a file from the shared table (text/lineIndex.ts), as a reader
// does: JSON.parse and v8.deserialize of the same facts took 0.5-1 s on the
// large catalogue, most of it building and collecting half a million
// position objects. A value it cannot represent exactly (a Map, a class
// instance, a symbol) is refused, and that file is not cached.
import { position } from '../core/text/lineIndex.ts';

const UNDEFINED = 0;
const NULL = 1;
const FALSE = 2;
const TRUE = 3;
/** An int32, in the next token. */
const INT = 4;
/** Any other number: the index of a float. */
const FLOAT = 5;
const STRING = 6;
/** Length, then the items. */
const ARRAY = 7;
/** Shape, then one value per key. */
const OBJECT = 8;
/** `{line, character}`, both int32. */
const POSITION = 9;
/** `{start, end}` of two positions: four int32. */
const RANGE = 10;

export class Unencodable extends Error {}

/** The parts of an encoded cache other than its index. */
export interface EncodedParts {
  tokens: Int32Array;
  floats: Float64Array;
  strings: string[];
  shapes: string[][];
}

/** Tokens are written in chunks of this many (4 MiB) by default: a growing array would copy itself and hold twice the room. */
const CHUNK_BITS = 20;

/** What an encoder wrote: its tokens in chunks, in order. */
export interface EncodedChunks extends Omit<EncodedParts, 'tokens'> {
  tokens: Int32Array[];
  tokenCount: number;
}

export class FactsEncoder {
  private readonly chunks: Int32Array[] = [];
  private n = 0;
  private readonly floats: number[] = [];
  private readonly strings: string[] = [];
  private readonly stringIds = new Map<string, number>();
  private readonly shapes: string[][] = [];
  private readonly shapeIds = new Map<string, number>();
  private stringChars = 0;
  private readonly chunk: number;

  /** `chunkBits`: tokens per chunk, as a power of two (smaller for a small output). */
  constructor(private readonly chunkBits = CHUNK_BITS) {
    this.chunk = 1 << chunkBits;
  }

  /** Appends one value; returns its token span. Throws Unencodable (and appends nothing) for a value it cannot represent exactly. */
  encode(value: unknown): { start: number; end: number } {
    const start = this.n;
    const floats = this.floats.length;
    try {
      this.value(value, 0);
    } catch (e) {
      this.n = start;
      this.floats.length = floats;
      throw e;
    }
    return { start, end: this.n };
  }

  /** About how many bytes it has encoded. */
  get size(): number {
    return this.n * 4 + this.floats.length * 8 + this.stringChars;
  }

  parts(): EncodedChunks {
    const size = this.chunk;
    const tokens = this.chunks.slice(0, Math.ceil(this.n / size)).map((c, i) => c.subarray(0, Math.min(size, this.n - i * size)));
    return { tokens, tokenCount: this.n, floats: Float64Array.from(this.floats), strings: this.strings, shapes: this.shapes };
  }

  private push(t: number): void {
    const c = this.n >>> this.chunkBits;
    if (c === this.chunks.length) this.chunks.push(new Int32Array(this.chunk));
    this.chunks[c]![this.n & (this.chunk - 1)] = t;
    this.n++;
  }

  private value(v: unknown, depth: number): void {
    if (depth > 64) throw new Unencodable('nested too deeply');
    switch (typeof v) {
      case 'undefined':
        return this.push(UNDEFINED);
      case 'boolean':
        return this.push(v ? TRUE : FALSE);
      case 'number':
        if ((v | 0) === v && !Object.is(v, -0)) {
          this.push(INT);
          return this.push(v);
        }
        this.push(FLOAT);
        this.push(this.floats.length);
        this.floats.push(v);
        return;
      case 'string':
        this.push(STRING);
        return this.push(this.stringId(v));
      case 'object':
        if (v === null) return this.push(NULL);
        if (Array.isArray(v)) {
          if (Object.getPrototypeOf(v) !== Array.prototype) throw new Unencodable('an array of another class');
          this.push(ARRAY);
          this.push(v.length);
          for (let i = 0; i < v.length; i++) this.value((v as unknown[])[i], depth + 1);
          return;
        }
        if (Object.getPrototypeOf(v) !== Object.prototype) throw new Unencodable(`an object of another class (${Object.prototype.toString.call(v)})`);
        return this.object(v as Record<string, unknown>, depth);
      default:
        throw new Unencodable(`a ${typeof v}`);
    }
  }

  private object(o: Record<string, unknown>, depth: number): void {
    const keys = Object.keys(o);
    if (keys.length === 2) {
      if (keys[0] === 'line' && keys[1] === 'character' && isInt(o['line']) && isInt(o['character'])) {
        this.push(POSITION);
        this.push(o['line']);
        return this.push(o['character']);
      }
      const start = o['start'];
      const end = o['end'];
      if (keys[0] === 'start' && keys[1] === 'end' && isPosition(start) && isPosition(end)) {
        this.push(RANGE);
        this.push(start.line);
        this.push(start.character);
        this.push(end.line);
        return this.push(end.character);
      }
    }
    if (Object.getOwnPropertySymbols(o).length > 0) throw new Unencodable('an object with symbol keys');
    if (keys.includes('__proto__')) throw new Unencodable('a key named __proto__');
    const joined = keys.join('\u0000');
    let shape = this.shapeIds.get(joined);
    if (shape === undefined) {
      shape = this.shapes.length;
      this.shapes.push(keys);
      this.shapeIds.set(joined, shape);
    }
    this.push(OBJECT);
    this.push(shape);
    for (const k of keys) this.value(o[k], depth + 1);
  }

  private stringId(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
      this.stringChars += s.length + 3;
    }
    return id;
  }
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && (v | 0) === v && !Object.is(v, -0);
}

function isPosition(v: unknown): v is { line: number; character: number } {
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return false;
  const keys = Object.keys(v);
  const p = v as Record<string, unknown>;
  return keys.length === 2 && keys[0] === 'line' && keys[1] === 'character' && isInt(p['line']) && isInt(p['character']);
}

/** Thrown for tokens that do not decode: the cache is damaged. */
export class Undecodable extends Error {}

export class FactsDecoder {
  private pos = 0;
  private end = 0;

  constructor(private readonly parts: EncodedParts) {
    for (const shape of parts.shapes) if (!Array.isArray(shape) || shape.some((k) => typeof k !== 'string' || k === '__proto__')) throw new Undecodable('a bad shape');
  }

  /** The value in tokens [start, end); throws Undecodable unless it is exactly one well-formed value. */
  decode(start: number, end: number): unknown {
    if (!(start >= 0 && start < end && end <= this.parts.tokens.length)) throw new Undecodable('a span outside the tokens');
    this.pos = start;
    this.end = end;
    const v = this.value(0);
    if (this.pos !== end) throw new Undecodable('tokens left over');
    return v;
  }

  private next(): number {
    if (this.pos >= this.end) throw new Undecodable('a value cut short');
    return this.parts.tokens[this.pos++]!;
  }

  private value(depth: number): unknown {
    if (depth > 64) throw new Undecodable('nested too deeply');
    const tag = this.next();
    switch (tag) {
      case UNDEFINED:
        return undefined;
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case INT:
        return this.next();
      case FLOAT: {
        const i = this.next();
        if (i < 0 || i >= this.parts.floats.length) throw new Undecodable('a float out of range');
        return this.parts.floats[i];
      }
      case STRING: {
        const i = this.next();
        const s = this.parts.strings[i];
        if (typeof s !== 'string') throw new Undecodable('a string out of range');
        return s;
      }
      case ARRAY: {
        const n = this.next();
        if (n < 0 || n > this.end - this.pos) throw new Undecodable('a bad array length');
        if (n === 0) return [];
        const a = new Array<unknown>(n);
        for (let i = 0; i < n; i++) a[i] = this.value(depth + 1);
        return a;
      }
      case OBJECT: {
        const keys = this.parts.shapes[this.next()];
        if (keys === undefined) throw new Undecodable('a shape out of range');
        const o: Record<string, unknown> = {};
        for (const k of keys) o[k] = this.value(depth + 1);
        return o;
      }
      case POSITION:
        return this.position();
      case RANGE: {
        const start = this.position();
        return { start, end: this.position() };
      }
      default:
        throw new Undecodable(`an unknown tag ${tag}`);
    }
  }

  private position(): { line: number; character: number } {
    const line = this.next();
    const character = this.next();
    if (line < 0 || character < 0) throw new Undecodable('a negative position');
    return position(line, character);
  }
}
