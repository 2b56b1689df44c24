// Update documents: operator updates (validated as mongod does in update-validation.ts, their
// positional `$`, `$[]` and `$[id]` paths resolved here, then applied one operator at a time
// with mingo), replacements, pipeline updates, and the document an upsert starts from.
import './mingo-setup';
import { ObjectId, Timestamp, type Document } from 'bson';
import { Aggregator, Query, update as mingoUpdate } from 'mingo';
import { badValue, ErrorCodes, MongoCommandError } from '../errors';
import { cloneValue, isPlainObject, valueAtPath, type Doc } from '../storage/documents';
import { compareValues, encodeValue } from '../storage/keys';
import { assertSupportedFilter } from './filter';
import { applyArithmetic } from './arithmetic';
import { forMingo, mingoOptions, shellValue } from './bson-types';
import { checkUpdateTargets, expandArrayPaths, parseArrayFilters, validateOperatorUpdate } from './update-validation';

const SUPPORTED_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$push', '$pull', '$pullAll', '$addToSet',
  '$pop', '$rename', '$currentDate', '$setOnInsert', '$bit',
]);

export type UpdateSpec = Document | Document[];

export function isOperatorUpdate(u: UpdateSpec): boolean {
  return !Array.isArray(u) && Object.keys(u).length > 0 && Object.keys(u).every((k) => k.startsWith('$'));
}

/** Checks an update statement as mongod does before reading any document. */
export function validateUpdate(u: unknown, arrayFilters?: unknown): UpdateSpec {
  if (Array.isArray(u)) return u as Document[];
  if (!isPlainObject(u)) throw new MongoCommandError(ErrorCodes.FailedToParse, 'Update argument must be either an object or an array');
  const keys = Object.keys(u);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length > 0 && ops.length !== keys.length) {
    throw new MongoCommandError(ErrorCodes.FailedToParse, `Unknown modifier: ${keys.find((k) => !k.startsWith('$'))}. Expected a valid update modifier or pipeline-style update specified as an array`);
  }
  for (const op of ops) {
    if (!SUPPORTED_OPERATORS.has(op)) {
      throw new MongoCommandError(ErrorCodes.FailedToParse, `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`);
    }
  }
  if (ops.length > 0) validateOperatorUpdate(u, arrayFilters);
  return u;
}

/** Index of the first element of array `field` that the query's conditions on it match. */
function positionalIndex(doc: Doc, arrayPath: string, filter: Document): number {
  const arr = arrayPath.split('.').reduce<unknown>((v, k) => (isPlainObject(v) ? v[k] : undefined), doc);
  if (!Array.isArray(arr)) throw badValue('The positional operator did not find the match needed from the query.');
  const relevant: Document = {};
  for (const [k, v] of Object.entries(filter)) if (k === arrayPath || k.startsWith(`${arrayPath}.`)) relevant[k] = v;
  if (Object.keys(relevant).length === 0) throw badValue('The positional operator did not find the match needed from the query.');
  const q = new Query(relevant, mingoOptions);
  for (let i = 0; i < arr.length; i++) {
    const probe: Document = {};
    let cursor: Document = probe;
    const parts = arrayPath.split('.');
    parts.forEach((p, j) => {
      if (j === parts.length - 1) cursor[p] = [arr[i]];
      else { cursor[p] = {}; cursor = cursor[p] as Document; }
    });
    if (q.test(forMingo(probe))) return i;
  }
  throw badValue('The positional operator did not find the match needed from the query.');
}

function resolvePositional(path: string, doc: Doc, filter: Document): string {
  const m = /^(.*?)\.\$(\.|$)/.exec(path);
  if (!m) return path;
  const idx = positionalIndex(doc, m[1], filter);
  return path.replace(/\.\$(\.|$)/, `.${idx}$1`);
}

function currentDateArgs(arg: Document): Document {
  const out: Document = {};
  for (const [k, v] of Object.entries(arg)) {
    out[k] = isPlainObject(v) && v.$type === 'timestamp' ? new Timestamp({ t: Math.floor(Date.now() / 1000), i: 1 }) : new Date();
  }
  return out;
}

function assertIdUnchanged(before: Doc, after: Doc): void {
  if (before._id !== undefined && compareValues(before._id, after._id) !== 0) {
    throw new MongoCommandError(ErrorCodes.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
  }
}

/**
 * The concrete paths each operator will touch in `doc`; $rename's destinations are listed
 * apart from its sources, as `$rename:to`.
 */
function targetPaths(resolved: Array<[string, Document]>): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  for (const [op, args] of resolved) {
    if (op === '$rename') out.push(['$rename', Object.keys(args)], ['$rename:to', Object.values(args).map(String)]);
    else out.push([op, Object.keys(args)]);
  }
  return out;
}

/** Operators that are a no-op (not an error) when their field is missing. */
const REMOVES_FROM_EXISTING = new Set(['$pop', '$pull', '$pullAll', '$rename', '$unset']);

function withoutMissingPaths(doc: Doc, args: Document): Document {
  const kept: Document = {};
  for (const [path, v] of Object.entries(args)) if (valueAtPath(doc, path) !== undefined) kept[path] = v;
  return kept;
}

/**
 * $addToSet compares values as mongod does, by BSON equality: documents with the same fields
 * in another order are different, 1 and 1.0 are the same (mingo ignores field order).
 * Returns, per path, the values still to append.
 */
function valuesToAddToSet(doc: Doc, args: Document): Array<[string, unknown[]]> {
  return Object.entries(args).map(([path, arg]) => {
    const values: unknown[] = isPlainObject(arg) && Array.isArray(arg.$each) ? arg.$each : [arg];
    const current = valueAtPath(doc, path);
    const present = new Set((Array.isArray(current) ? current : []).map(encodeValue));
    const toAdd: unknown[] = [];
    for (const v of values) {
      const key = encodeValue(v);
      if (!present.has(key)) { present.add(key); toAdd.push(cloneValue(v)); }
    }
    return [path, toAdd];
  });
}

/** Appends `values` to the array at `path`, creating the array (even empty) when missing. */
function setOrPush(doc: Doc, path: string, values: unknown[]): void {
  const current = valueAtPath(doc, path);
  if (Array.isArray(current)) { current.push(...values); return; }
  mingoUpdate(doc, { $set: { [path]: values } } as unknown as Parameters<typeof mingoUpdate>[1], [], {}, { cloneMode: 'deep' });
}

/**
 * Sets `path` in `doc`, creating missing objects on the way and padding an array with nulls
 * up to a numeric index, as mongod does. The path was checked by checkUpdateTargets.
 */
function assignPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  const put = (container: unknown, key: string, v: unknown) => {
    if (Array.isArray(container)) {
      const index = Number(key);
      while (container.length < index) container.push(null);
      container[index] = v;
    } else (container as Document)[key] = v;
  };
  let cur: unknown = doc;
  for (const key of parts.slice(0, -1)) {
    let next = Array.isArray(cur) ? cur[Number(key)] : (cur as Document)[key];
    if (next === undefined || next === null) { next = {}; put(cur, key, next); }
    cur = next;
  }
  put(cur, parts[parts.length - 1], value);
}

/** Returns the updated copy of `doc` (never mutates it). */
export function applyUpdate(doc: Doc, u: UpdateSpec, opts: { filter?: Document; arrayFilters?: Document[]; inserting?: boolean } = {}): Doc {
  if (Array.isArray(u)) {
    const out = new Aggregator(u).run([cloneValue(doc)])[0] as Doc | undefined;
    if (!out) throw badValue('pipeline update removed the document');
    if (doc._id !== undefined && out._id === undefined) out._id = doc._id;
    assertIdUnchanged(doc, out);
    return out;
  }
  if (!isOperatorUpdate(u)) {
    const out: Doc = doc._id !== undefined ? { _id: doc._id } : {};
    for (const [k, v] of Object.entries(u)) if (k !== '_id' || doc._id === undefined) out[k] = cloneValue(v);
    if (u._id !== undefined && doc._id !== undefined && compareValues(u._id, doc._id) !== 0) assertIdUnchanged(doc, u);
    return out;
  }
  const out = cloneValue(doc);
  const filters = parseArrayFilters(opts.arrayFilters);
  const resolved: Array<[string, Document]> = [];
  for (const [op, rawArgs] of Object.entries(u)) {
    if (!isPlainObject(rawArgs)) throw new MongoCommandError(ErrorCodes.FailedToParse, `Modifiers operate on fields but we found type ${typeof rawArgs} instead.`);
    if (op === '$setOnInsert' && !opts.inserting) continue;
    // Positional `$` and `$[…]` are resolved here to concrete paths, so mingo only ever sees
    // plain paths (its own arrayFilters support misses filters such as $or).
    const args: Document = {};
    for (const [path, v] of Object.entries(rawArgs)) {
      assertSupportedFilter(v);
      if (!opts.filter && path.split('.').includes('$')) throw badValue('The positional operator did not find the match needed from the query.');
      const positional = opts.filter && path.includes('.$') && !path.includes('.$[') ? resolvePositional(path, out, opts.filter) : path;
      const concrete = positional.includes('$[') ? expandArrayPaths(out, positional, filters) : [positional];
      for (const p of concrete) args[p] = v;
    }
    resolved.push([op, args]);
  }
  checkUpdateTargets(out, targetPaths(resolved), opts.inserting === true);
  for (const [op, resolvedArgs] of resolved) {
    let args = REMOVES_FROM_EXISTING.has(op) ? withoutMissingPaths(out, resolvedArgs) : resolvedArgs;
    if (Object.keys(args).length === 0) continue;
    if (op === '$currentDate') args = currentDateArgs(args);
    if (op === '$addToSet') {
      for (const [path, values] of valuesToAddToSet(out, args)) setOrPush(out, path, values);
      continue;
    }
    if (op === '$inc' || op === '$mul') {
      for (const [path, arg] of Object.entries(args)) {
        assignPath(out, path, applyArithmetic(op, valueAtPath(out, path), arg, () => `{_id: ${shellValue(doc._id)}}`));
      }
      continue;
    }
    if (op === '$min' || op === '$max') {
      for (const [path, arg] of Object.entries(args)) {
        const current = valueAtPath(out, path);
        const order = current === undefined ? 0 : compareValues(arg, current);
        if (current === undefined || (op === '$min' ? order < 0 : order > 0)) assignPath(out, path, cloneValue(arg));
      }
      continue;
    }
    const mingoOp = op === '$setOnInsert' || op === '$currentDate' ? '$set' : op;
    mingoUpdate(out, { [mingoOp]: args } as unknown as Parameters<typeof mingoUpdate>[1], [], {}, { cloneMode: 'deep' });
  }
  assertIdUnchanged(doc, out);
  return out;
}

/** The document an upsert inserts before its update is applied: the filter's equalities. */
export function upsertSeed(filter: Document): Doc {
  const seed: Doc = {};
  const take = (f: Document) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) { v.forEach((c) => isPlainObject(c) && take(c)); continue; }
      if (k.startsWith('$')) continue;
      let value: unknown;
      if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if (!('$eq' in v)) continue;
        value = v.$eq;
      } else value = v;
      setPath(seed, k, cloneValue(value));
    }
  };
  take(filter);
  return seed;
}

function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Document = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isPlainObject(cur[parts[i]])) cur[parts[i]] = {};
    cur = cur[parts[i]] as Document;
  }
  cur[parts[parts.length - 1]] = value;
}

/** Builds the upserted document: seed from the filter, apply the update, ensure an _id first. */
export function buildUpsert(filter: Document, u: UpdateSpec, arrayFilters?: Document[]): Doc {
  let doc: Doc;
  if (!Array.isArray(u) && !isOperatorUpdate(u)) {
    const seed = upsertSeed(filter);
    doc = { ...(seed._id !== undefined ? { _id: seed._id } : {}), ...cloneValue(u as Document) };
  } else {
    doc = applyUpdate(upsertSeed(filter), u, { arrayFilters, inserting: true });
  }
  if (doc._id === undefined) doc._id = new ObjectId();
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}
