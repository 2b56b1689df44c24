// BSON type names as mongod uses them (in `$type` queries and error messages), for the
// values this server stores. Stored numbers are promoted JavaScript numbers: one that is an
// integer in int32 range goes back on the wire as an int, any other as a double, so that is
// the type reported here; int64 beyond 2^53 stays a bson `Long`.
import { Decimal128, Double, Int32, Long, ObjectId } from 'bson';
import { Context } from 'mingo/core';
import { badValue } from '../errors';
import { isPlainObject } from '../storage/documents';

export function isNumeric(v: unknown): boolean {
  return typeof v === 'number' || v instanceof Int32 || v instanceof Long || v instanceof Double || v instanceof Decimal128;
}

const CLASS_TYPES: Record<string, string> = {
  Int32: 'int', Long: 'long', Double: 'double', Decimal128: 'decimal', ObjectId: 'objectId', Binary: 'binData',
  Timestamp: 'timestamp', MinKey: 'minKey', MaxKey: 'maxKey', Code: 'javascript', BSONSymbol: 'symbol', DBRef: 'object',
};

/** mongod's alias for the BSON type a stored value goes back to the client as. */
export function bsonTypeName(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff ? 'int' : 'double';
  if (typeof v === 'bigint') return 'long';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if (isPlainObject(v)) return 'object';
  const bsontype = (v as { _bsontype?: string })._bsontype;
  return (bsontype && CLASS_TYPES[bsontype]) ?? 'object';
}

/** A value written the way mongod's error messages show it: `"x"`, `1`, `ObjectId('…')`. */
export function shellValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof ObjectId) return `ObjectId('${v.toHexString()}')`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (Array.isArray(v)) return `[ ${v.map(shellValue).join(', ')} ]`;
  if (isPlainObject(v)) {
    const entries = Object.entries(v).map(([k, x]) => `${k}: ${shellValue(x)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return String(v);
}

const TYPE_CODES: Record<number, string> = {
  1: 'double', 2: 'string', 3: 'object', 4: 'array', 5: 'binData', 6: 'undefined', 7: 'objectId', 8: 'bool',
  9: 'date', 10: 'null', 11: 'regex', 13: 'javascript', 14: 'symbol', 16: 'int', 17: 'timestamp', 18: 'long',
  19: 'decimal', [-1]: 'minKey', 127: 'maxKey',
};
const ALIASES = new Set([...Object.values(TYPE_CODES), 'number']);
const NUMBER_TYPES = new Set(['int', 'long', 'double', 'decimal']);

function typeAlias(t: unknown): string {
  if (typeof t === 'number' && TYPE_CODES[t]) return TYPE_CODES[t];
  if (typeof t === 'string' && ALIASES.has(t)) return t;
  if (typeof t === 'string') throw badValue(`Unknown type name alias: ${t}`);
  throw badValue(`Invalid numerical type code: ${String(t)}`);
}

/** Values at a dotted path as a query sees them: arrays on the way fan out, the last is kept. */
function valuesForQuery(doc: unknown, parts: string[], i = 0, out: unknown[] = []): unknown[] {
  if (i === parts.length) { out.push(doc); return out; }
  if (Array.isArray(doc)) {
    if (/^\d+$/.test(parts[i])) valuesForQuery(doc[Number(parts[i])], parts, i + 1, out);
    for (const e of doc) if (isPlainObject(e)) valuesForQuery(e[parts[i]], parts, i, out);
    return out;
  }
  if (isPlainObject(doc)) valuesForQuery(doc[parts[i]], parts, i + 1, out);
  return out;
}

/**
 * `$type` with mongod's numeric distinctions (mingo counts every number as int, long and
 * double alike): a field matches when its value, or an element of its array, has the type.
 */
function typeQuery(selector: string, wanted: unknown): (doc: unknown) => boolean {
  const aliases = new Set((Array.isArray(wanted) ? wanted : [wanted]).map(typeAlias));
  const has = (v: unknown) => {
    if (v === undefined) return false;
    const name = bsonTypeName(v);
    return aliases.has(name) || (aliases.has('number') && NUMBER_TYPES.has(name));
  };
  const parts = selector.split('.');
  return (doc) => {
    const stored = (doc !== null && typeof doc === 'object' && viewSources.get(doc)) || doc;
    return valuesForQuery(stored, parts).some((v) => has(v) || (Array.isArray(v) && v.some(has)));
  };
}

/** The mingo context every query and pipeline runs with: mingo's operators plus ours. */
export const queryContext = Context.init({ query: { $type: typeQuery } });
export const mingoOptions = { context: queryContext, useGlobalContext: true } as const;

const mingoViews = new WeakMap<object, unknown>();

function hasSafeLong(v: unknown): boolean {
  if (v instanceof Long) return Number.isSafeInteger(v.toNumber());
  if (Array.isArray(v)) return v.some(hasSafeLong);
  if (isPlainObject(v)) return Object.values(v).some(hasSafeLong);
  return false;
}

/** Each object or array of a view, mapped to the stored one it shows ($type reads those). */
const viewSources = new WeakMap<object, unknown>();

function withSafeLongsAsNumbers(v: unknown): unknown {
  if (v instanceof Long) return Number.isSafeInteger(v.toNumber()) ? v.toNumber() : v;
  if (Array.isArray(v)) {
    const out = v.map(withSafeLongsAsNumbers);
    viewSources.set(out, v);
    return out;
  }
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = withSafeLongsAsNumbers(x);
    viewSources.set(out, v);
    return out;
  }
  return v;
}

/**
 * What mingo should see of a stored document: mingo knows no bson `Long`, so an int64 that a
 * JavaScript number holds exactly is shown to it as that number (stored documents are never
 * mutated, so the view is cached per document).
 */
export function forMingo<T>(doc: T): T {
  if (doc === null || typeof doc !== 'object') return doc;
  const cached = mingoViews.get(doc);
  if (cached !== undefined) return cached as T;
  const view = hasSafeLong(doc) ? withSafeLongsAsNumbers(doc) : doc;
  mingoViews.set(doc, view);
  return view as T;
}
