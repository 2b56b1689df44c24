// Encodes BSON values into strings whose plain string order is MongoDB's BSON comparison
// order (MinKey < null < numbers < strings < objects < arrays < binData < ObjectId < bool
// < Date < Timestamp < regex < MaxKey). Index keys and _id lookups use these strings.
import { Binary, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp, type Document } from 'bson';

export const TYPE = {
  minKey: 'A', nullish: 'B', number: 'C', string: 'D', object: 'E', array: 'F',
  binary: 'G', objectId: 'H', boolean: 'I', date: 'J', timestamp: 'K', regex: 'L', other: 'Y', maxKey: 'Z',
} as const;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** Order-preserving fixed-width encoding of a double. */
export function encodeNumberBody(n: number): string {
  if (Number.isNaN(n)) return '0000000000000000';
  f64[0] = n === 0 ? 0 : n;
  let hi = u32[1];
  let lo = u32[0];
  if (hi & 0x80000000) {
    hi = ~hi;
    lo = ~lo;
  } else {
    hi |= 0x80000000;
  }
  return hex8(hi) + hex8(lo);
}

function encodeStringBody(s: string): string {
  return (s.includes('\u0000') ? s.split('\u0000').join('\u0000\u0001') : s) + '\u0000\u0000';
}

export function numericValue(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Long) return v.toNumber();
  if (v instanceof Int32 || v instanceof Double) return v.valueOf();
  if (v instanceof Decimal128) return Number.parseFloat(v.toString());
  return undefined;
}

export function typeChar(v: unknown): string {
  if (v === null || v === undefined) return TYPE.nullish;
  if (numericValue(v) !== undefined) return TYPE.number;
  if (typeof v === 'string') return TYPE.string;
  if (typeof v === 'boolean') return TYPE.boolean;
  if (Array.isArray(v)) return TYPE.array;
  if (v instanceof Date) return TYPE.date;
  if (v instanceof ObjectId) return TYPE.objectId;
  if (v instanceof Binary) return TYPE.binary;
  if (v instanceof Timestamp) return TYPE.timestamp;
  if (v instanceof RegExp) return TYPE.regex;
  if (v instanceof MinKey) return TYPE.minKey;
  if (v instanceof MaxKey) return TYPE.maxKey;
  if (typeof v === 'object' && (v.constructor === Object || v.constructor === undefined)) return TYPE.object;
  return TYPE.other;
}

/** The string key of a single BSON value. */
export function encodeValue(v: unknown): string {
  const t = typeChar(v);
  switch (t) {
    case TYPE.nullish: case TYPE.minKey: case TYPE.maxKey: return t;
    case TYPE.number: return t + encodeNumberBody(numericValue(v) as number);
    case TYPE.string: return t + encodeStringBody(v as string);
    case TYPE.boolean: return t + (v ? '1' : '0');
    case TYPE.date: return t + encodeNumberBody((v as Date).getTime());
    case TYPE.objectId: return t + (v as ObjectId).toHexString();
    case TYPE.binary: {
      const b = v as Binary;
      const bytes = b.value();
      return t + hex8(bytes.length) + b.sub_type.toString(16).padStart(2, '0') + Buffer.from(bytes).toString('hex');
    }
    case TYPE.timestamp: {
      const ts = v as Timestamp;
      return t + hex8(ts.high) + hex8(ts.low);
    }
    case TYPE.regex: {
      const r = v as RegExp;
      return t + encodeStringBody(r.source) + r.flags;
    }
    case TYPE.array: return t + (v as unknown[]).map(encodeValue).join('') + '\u0000';
    case TYPE.object: {
      let out = t;
      for (const [k, val] of Object.entries(v as Document)) {
        if (val === undefined) continue;
        out += typeChar(val) + encodeStringBody(k) + encodeValue(val);
      }
      return out + '\u0000';
    }
    default: return t + encodeStringBody(String(v));
  }
}

/** The key under which a document is stored: the encoded _id. */
export function idKeyOf(id: unknown): string {
  return encodeValue(id);
}

/** Compares two BSON values in MongoDB's order. */
export function compareValues(a: unknown, b: unknown): number {
  const ka = encodeValue(a);
  const kb = encodeValue(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The character after a type's prefix: the exclusive upper bound of that type bracket. */
export function nextTypeChar(t: string): string {
  return String.fromCharCode(t.charCodeAt(0) + 1);
}
