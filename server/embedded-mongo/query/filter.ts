// Query filters: rejects what the embedded server does not implement (text, geo) with a
// clear error, and compiles the rest with mingo, which gives MongoDB's match semantics.
import './mingo-setup';
import type { Document } from 'bson';
import { Query } from 'mingo';
import { badValue, notSupported } from '../errors';
import { isPlainObject, valuesAtPath, type Doc } from '../storage/documents';
import { encodeValue, typeChar, TYPE } from '../storage/keys';
import { forMingo, mingoOptions } from './bson-types';

const UNSUPPORTED_QUERY_OPERATORS: Record<string, string> = {
  $text: '$text search',
  $near: 'Geospatial query $near',
  $nearSphere: 'Geospatial query $nearSphere',
  $geoWithin: 'Geospatial query $geoWithin',
  $geoIntersects: 'Geospatial query $geoIntersects',
  $within: 'Geospatial query $within',
};

export function assertSupportedFilter(value: unknown): void {
  if (Array.isArray(value)) { value.forEach(assertSupportedFilter); return; }
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return;
  for (const [k, v] of Object.entries(value as Document)) {
    const feature = UNSUPPORTED_QUERY_OPERATORS[k];
    if (feature) throw notSupported(feature);
    if ((k === '$in' || k === '$nin' || k === '$all') && !Array.isArray(v)) throw badValue(`${k} needs an array`);
    if ((k === '$and' || k === '$or' || k === '$nor') && (!Array.isArray(v) || v.length === 0)) throw badValue(`${k} must be a nonempty array`);
    assertSupportedFilter(v);
  }
}

export type Matcher = (doc: Doc) => boolean;

const SIMPLE_TYPES = new Set<string>([TYPE.number, TYPE.string, TYPE.boolean, TYPE.date, TYPE.objectId]);

type FieldTest = (encoded: string, type: string) => boolean;

/** Tests for one field's condition on scalars ($eq, $in, $gt, $gte, $lt, $lte), else undefined. */
function simpleFieldTests(cond: unknown): FieldTest[] | undefined {
  if (!isPlainObject(cond)) {
    if (!SIMPLE_TYPES.has(typeChar(cond))) return undefined;
    const want = encodeValue(cond);
    return [(enc) => enc === want];
  }
  const tests: FieldTest[] = [];
  for (const [op, v] of Object.entries(cond)) {
    if (op === '$in') {
      if (!Array.isArray(v) || !v.every((x) => SIMPLE_TYPES.has(typeChar(x)))) return undefined;
      const set = new Set(v.map(encodeValue));
      tests.push((enc) => set.has(enc));
      continue;
    }
    if (!SIMPLE_TYPES.has(typeChar(v))) return undefined;
    const bound = encodeValue(v);
    const t = typeChar(v);
    switch (op) {
      case '$eq': tests.push((enc) => enc === bound); break;
      case '$gt': tests.push((enc, type) => type === t && enc > bound); break;
      case '$gte': tests.push((enc, type) => type === t && enc >= bound); break;
      case '$lt': tests.push((enc, type) => type === t && enc < bound); break;
      case '$lte': tests.push((enc, type) => type === t && enc <= bound); break;
      default: return undefined;
    }
  }
  return tests.length ? tests : undefined;
}

/**
 * Plain conjunctions of scalar comparisons (the hot path: lookups by key, stock guards) are
 * evaluated directly on BSON-ordered keys; anything else goes to mingo. Same semantics: a
 * field matches when it, or any element of an array at that path, satisfies the condition.
 */
function compileSimple(filter: Document): Matcher | undefined {
  const fields: Array<[string, FieldTest[]]> = [];
  for (const [path, cond] of Object.entries(filter)) {
    if (path.startsWith('$')) return undefined;
    const tests = simpleFieldTests(cond);
    if (!tests) return undefined;
    fields.push([path, tests]);
  }
  // As in MongoDB, each operator may be satisfied by a different element of an array.
  const general = (doc: Doc, path: string, tests: FieldTest[]): boolean => {
    const values = valuesAtPath(doc, path).filter((v) => v !== undefined && v !== null);
    if (values.length === 0) return false;
    const keyed = values.map((v) => [encodeValue(v), typeChar(v)] as const);
    return tests.every((test) => keyed.some(([enc, type]) => test(enc, type)));
  };
  const checks = fields.map(([path, tests]): Matcher => {
    const cond = filter[path];
    const primitive = typeof cond === 'string' || typeof cond === 'boolean' || (typeof cond === 'number' && !Number.isNaN(cond));
    if (!primitive || path.includes('.')) return (doc) => general(doc, path, tests);
    // Scans spend their time here: a top-level field compared with a string, number or
    // boolean. Same-typed primitives compare directly; other primitives never match; arrays
    // and BSON number classes take the general path.
    return (doc) => {
      const v = doc[path];
      if (typeof v === typeof cond) return v === cond;
      if (v === null || typeof v !== 'object') return false;
      return general(doc, path, tests);
    };
  });
  return (doc) => checks.every((check) => check(doc));
}

export function compileFilter(filter: Document | undefined | null): Matcher {
  if (!filter || Object.keys(filter).length === 0) return () => true;
  assertSupportedFilter(filter);
  const simple = compileSimple(filter);
  if (simple) return simple;
  const q = new Query(filter, mingoOptions);
  return (doc) => q.test(forMingo(doc));
}
