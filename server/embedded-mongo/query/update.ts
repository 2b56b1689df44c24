// Update documents: operator updates (applied one operator at a time with mingo, after
// resolving the positional `$` ourselves), replacements, pipeline updates, and the
// document an upsert starts from.
import './mingo-setup';
import { ObjectId, Timestamp, type Document } from 'bson';
import { Aggregator, Query, update as mingoUpdate } from 'mingo';
import { badValue, ErrorCodes, MongoCommandError } from '../errors';
import { cloneValue, isPlainObject, type Doc } from '../storage/documents';
import { compareValues } from '../storage/keys';
import { assertSupportedFilter } from './filter';

const SUPPORTED_OPERATORS = new Set([
  '$set', '$unset', '$inc', '$mul', '$min', '$max', '$push', '$pull', '$pullAll', '$addToSet',
  '$pop', '$rename', '$currentDate', '$setOnInsert', '$bit',
]);

export type UpdateSpec = Document | Document[];

export function isOperatorUpdate(u: UpdateSpec): boolean {
  return !Array.isArray(u) && Object.keys(u).length > 0 && Object.keys(u).every((k) => k.startsWith('$'));
}

export function validateUpdate(u: unknown): UpdateSpec {
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
  return u;
}

/** Index of the first element of array `field` that the query's conditions on it match. */
function positionalIndex(doc: Doc, arrayPath: string, filter: Document): number {
  const arr = arrayPath.split('.').reduce<unknown>((v, k) => (isPlainObject(v) ? v[k] : undefined), doc);
  if (!Array.isArray(arr)) throw badValue('The positional operator did not find the match needed from the query.');
  const relevant: Document = {};
  for (const [k, v] of Object.entries(filter)) if (k === arrayPath || k.startsWith(`${arrayPath}.`)) relevant[k] = v;
  if (Object.keys(relevant).length === 0) throw badValue('The positional operator did not find the match needed from the query.');
  const q = new Query(relevant);
  for (let i = 0; i < arr.length; i++) {
    const probe: Document = {};
    let cursor: Document = probe;
    const parts = arrayPath.split('.');
    parts.forEach((p, j) => {
      if (j === parts.length - 1) cursor[p] = [arr[i]];
      else { cursor[p] = {}; cursor = cursor[p] as Document; }
    });
    if (q.test(probe)) return i;
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

const ARRAY_OPERATORS = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop']);

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (typeof v === 'object') return isPlainObject(v) ? 'object' : (v as object).constructor.name.toLowerCase();
  return typeof v;
}

/**
 * The checks mongod makes before applying an operator update, which mingo would otherwise
 * skip silently: two operators touching overlapping paths (40), a path running through a
 * scalar (28), and array operators aimed at a non-array (2).
 */
function checkOperatorPaths(doc: Doc, ops: Array<[string, string[]]>): void {
  const all = ops.flatMap(([, paths]) => paths);
  for (let i = 0; i < all.length; i++) {
    for (let j = 0; j < all.length; j++) {
      const [a, b] = [all[i], all[j]];
      if (i !== j && (a === b || b.startsWith(`${a}.`))) {
        throw new MongoCommandError(40, `Updating the path '${b}' would create a conflict at '${a}'`, { codeName: 'ConflictingUpdateOperators' });
      }
    }
  }
  for (const [op, paths] of ops) {
    for (const path of paths) {
      if (path.includes('$[')) continue;
      const parts = path.split('.');
      let cur: unknown = doc;
      const removing = op === '$unset' || op === '$pull' || op === '$pullAll' || op === '$pop';
      for (let i = 0; i < parts.length - 1 && cur !== undefined; i++) {
        if (Array.isArray(cur) && !/^\d+$/.test(parts[i])) {
          if (removing) { cur = undefined; break; }
          throw new MongoCommandError(28, `Cannot create field '${parts[i]}' in element {${parts[i - 1] ?? ''}: ${JSON.stringify(cur)}}`, { codeName: 'PathNotViable' });
        }
        const next: unknown = Array.isArray(cur) ? (/^\d+$/.test(parts[i]) ? cur[Number(parts[i])] : undefined) : isPlainObject(cur) ? cur[parts[i]] : undefined;
        if (next !== undefined && (next === null || typeof next !== 'object' || next instanceof Date || (!Array.isArray(next) && !isPlainObject(next)))) {
          if (removing) { cur = undefined; break; }
          throw new MongoCommandError(28, `Cannot create field '${parts[i + 1]}' in element {${parts[i]}: ${JSON.stringify(next)}}`, { codeName: 'PathNotViable' });
        }
        cur = next;
      }
      const last = parts[parts.length - 1];
      if (Array.isArray(cur) && !/^\d+$/.test(last) && !removing) {
        throw new MongoCommandError(28, `Cannot create field '${last}' in element {${parts[parts.length - 2] ?? ''}: ${JSON.stringify(cur)}}`, { codeName: 'PathNotViable' });
      }
      if (ARRAY_OPERATORS.has(op) && isPlainObject(cur)) {
        const target = cur[parts[parts.length - 1]];
        if (target !== undefined && !Array.isArray(target)) {
          throw badValue(`The field '${path}' must be an array but is of type ${typeName(target)} in document {_id: ${JSON.stringify(doc._id)}}`);
        }
      }
    }
  }
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
  const resolved: Array<[string, Document]> = [];
  for (const [op, rawArgs] of Object.entries(u)) {
    if (!isPlainObject(rawArgs)) throw new MongoCommandError(ErrorCodes.FailedToParse, `Modifiers operate on fields but we found type ${typeof rawArgs} instead.`);
    if (op === '$setOnInsert' && !opts.inserting) continue;
    const args: Document = {};
    for (const [path, v] of Object.entries(rawArgs)) {
      assertSupportedFilter(v);
      args[opts.filter && path.includes('.$') && !path.includes('.$[') ? resolvePositional(path, out, opts.filter) : path] = v;
    }
    resolved.push([op, args]);
  }
  checkOperatorPaths(out, resolved.map(([op, args]) => [op, Object.keys(args)]));
  for (const [op, resolvedArgs] of resolved) {
    let args = resolvedArgs;
    if (op === '$currentDate') args = currentDateArgs(args);
    const mingoOp = op === '$setOnInsert' || op === '$currentDate' ? '$set' : op;
    mingoUpdate(out, { [mingoOp]: args } as unknown as Parameters<typeof mingoUpdate>[1], opts.arrayFilters ?? [], {}, { cloneMode: 'deep' });
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
