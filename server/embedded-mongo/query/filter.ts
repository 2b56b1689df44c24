// Query filters: rejects what the embedded server does not implement (text, geo) with a
// clear error, and compiles the rest with mingo, which gives MongoDB's match semantics.
import './mingo-setup';
import type { Document } from 'bson';
import { Query } from 'mingo';
import { notSupported } from '../errors';
import { isPlainObject, valuesAtPath, type Doc } from '../storage/documents';
import { encodeValue, typeChar, TYPE } from '../storage/keys';

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
  return (doc) => fields.every(([path, tests]) => {
    const values = valuesAtPath(doc, path).filter((v) => v !== undefined && v !== null);
    if (values.length === 0) return false;
    const keyed = values.map((v) => [encodeValue(v), typeChar(v)] as const);
    return tests.every((test) => keyed.some(([enc, type]) => test(enc, type)));
  });
}

export function compileFilter(filter: Document | undefined | null): Matcher {
  if (!filter || Object.keys(filter).length === 0) return () => true;
  assertSupportedFilter(filter);
  const simple = compileSimple(filter);
  if (simple) return simple;
  const q = new Query(filter);
  return (doc) => q.test(doc);
}
