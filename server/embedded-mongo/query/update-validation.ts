// The checks mongod makes on an operator update before changing anything, which mingo would
// otherwise skip (or answer with a wrong value): first on the update itself (arguments,
// conflicting paths, array filters), then against each target document (types at the paths).
import './mingo-setup';
import { Int32, Long, type Document } from 'bson';
import { Query } from 'mingo';
import { badValue, ErrorCodes, MongoCommandError } from '../errors';
import { isPlainObject, type Doc } from '../storage/documents';
import { bsonTypeName, forMingo, isNumeric, mingoOptions, shellValue } from './bson-types';

const PUSH_MODIFIERS = new Set(['$each', '$slice', '$sort', '$position']);
const ARRAY_FILTER_ID = /^[a-z][a-zA-Z0-9]*$/;

function conflict(path: string, at: string): MongoCommandError {
  return new MongoCommandError(ErrorCodes.ConflictingUpdateOperators, `Updating the path '${path}' would create a conflict at '${at}'`);
}

function failedToParse(message: string): MongoCommandError {
  return new MongoCommandError(ErrorCodes.FailedToParse, message);
}

function isIntegral(v: unknown): boolean {
  return isNumeric(v) && Number.isInteger(Number(v));
}

function checkPath(path: string): void {
  if (path === '') throw new MongoCommandError(ErrorCodes.EmptyFieldName, 'An empty update path is not valid.');
  if (path.split('.').includes('')) {
    throw new MongoCommandError(ErrorCodes.EmptyFieldName, `The update path '${path}' contains an empty field name, which is not allowed.`);
  }
}

function checkPushArgument(value: unknown): void {
  if (!isPlainObject(value) || !('$each' in value)) return;
  for (const key of Object.keys(value)) {
    if (!PUSH_MODIFIERS.has(key)) throw badValue(`Unrecognized clause in $push: ${key}`);
  }
  if (!Array.isArray(value.$each)) throw badValue(`The argument to $each in $push must be an array but it was of type: ${bsonTypeName(value.$each)}`);
  if ('$slice' in value && !isIntegral(value.$slice)) throw badValue(`The value for $slice must be an integral value but was given type: ${bsonTypeName(value.$slice)}`);
  if ('$position' in value && !isIntegral(value.$position)) throw badValue(`The value for $position must be an integer value, not of type: ${bsonTypeName(value.$position)}`);
  if ('$sort' in value) {
    const sort = value.$sort;
    const direction = (d: unknown) => d === 1 || d === -1;
    const valid = direction(sort) || (isPlainObject(sort) && Object.keys(sort).length > 0 && Object.entries(sort).every(([k, d]) => k !== '' && !k.startsWith('$') && direction(d)));
    if (!valid) throw badValue('The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields');
  }
}

function checkAddToSetArgument(value: unknown): void {
  if (!isPlainObject(value) || !('$each' in value)) return;
  if (!Array.isArray(value.$each)) throw badValue(`The argument to $each in $addToSet must be an array but it was of type ${bsonTypeName(value.$each)}`);
  if (Object.keys(value).length > 1) throw badValue(`Found unexpected fields after $each in $addToSet: ${shellValue(value)}`);
}

function checkRename(from: string, to: unknown): void {
  if (typeof to !== 'string') throw badValue(`The 'to' field for $rename must be a string: ${from}: ${shellValue(to)}`);
  checkPath(to);
  const dynamic = (p: string) => p.split('.').some((part) => part === '$' || part.startsWith('$['));
  if (dynamic(from)) throw badValue(`The source field for $rename may not be dynamic: ${from}`);
  if (dynamic(to)) throw badValue(`The destination field for $rename may not be dynamic: ${to}`);
  if (from === to) throw badValue(`The source and target field for $rename must differ: ${from}: ${shellValue(to)}`);
  if (to.startsWith(`${from}.`) || from.startsWith(`${to}.`)) {
    throw badValue(`The source and target field for $rename must not be on the same path: ${from}: ${shellValue(to)}`);
  }
}

function checkCurrentDate(path: string, value: unknown): void {
  if (typeof value === 'boolean') return;
  if (isPlainObject(value) && Object.keys(value).length === 1 && '$type' in value) {
    if (value.$type === 'date' || value.$type === 'timestamp') return;
    throw badValue("The '$type' string field is required to be 'date' or 'timestamp': {$currentDate: {field : {$type: 'date'}}}");
  }
  throw badValue(`${shellValue({ [path]: value })} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`);
}

function isInteger(v: unknown): boolean {
  return (typeof v === 'number' && Number.isInteger(v)) || v instanceof Long || v instanceof Int32;
}

function checkBit(value: unknown): void {
  if (!isPlainObject(value) || Object.keys(value).length === 0) {
    throw badValue(`The $bit modifier is not compatible with a ${bsonTypeName(value)}. You must pass in an embedded document: {$bit: {field: {and/or/xor: #}}`);
  }
  for (const [bitOp, operand] of Object.entries(value)) {
    if (bitOp !== 'and' && bitOp !== 'or' && bitOp !== 'xor') {
      throw badValue(`The $bit modifier only supports 'and', 'or', and 'xor', not '${bitOp}' which is an unknown operator: ${shellValue({ [bitOp]: operand })}`);
    }
    if (!isInteger(operand)) {
      throw badValue(`The $bit modifier field must be an Integer(32/64 bit); a '${bsonTypeName(operand)}' is not supported here: ${shellValue({ [bitOp]: operand })}`);
    }
  }
}

function checkArgument(op: string, path: string, value: unknown): void {
  switch (op) {
    case '$inc':
    case '$mul':
      if (!isNumeric(value)) {
        const verb = op === '$inc' ? 'increment' : 'multiply';
        throw new MongoCommandError(ErrorCodes.TypeMismatch, `Cannot ${verb} with non-numeric argument: {${path}: ${shellValue(value)}}`);
      }
      break;
    case '$pop':
      if (value !== 1 && value !== -1) throw failedToParse(`$pop expects 1 or -1, found: ${shellValue(value)}`);
      break;
    case '$push': checkPushArgument(value); break;
    case '$addToSet': checkAddToSetArgument(value); break;
    case '$pullAll':
      if (!Array.isArray(value)) throw badValue(`$pullAll requires an array argument but was given a ${bsonTypeName(value)}`);
      break;
    case '$currentDate': checkCurrentDate(path, value); break;
    case '$bit': checkBit(value); break;
    case '$rename': checkRename(path, value); break;
    default: break;
  }
}

/** The identifiers `$[id]` used in a path. */
function arrayFilterIdentifiers(path: string): string[] {
  return [...path.matchAll(/\$\[([^\]]*)\]/g)].map((m) => m[1]).filter((id) => id !== '');
}

/** Each array filter by its identifier, checked as mongod checks them. */
export function parseArrayFilters(arrayFilters: unknown): Map<string, Document> {
  const byId = new Map<string, Document>();
  if (arrayFilters === undefined || arrayFilters === null) return byId;
  if (!Array.isArray(arrayFilters)) throw new MongoCommandError(ErrorCodes.TypeMismatch, 'arrayFilters must be an array');
  for (const filter of arrayFilters) {
    if (!isPlainObject(filter)) throw badValue('Error parsing array filter :: caused by :: array filters must be objects');
    const ids = new Set<string>();
    const collect = (f: Document) => {
      for (const [key, v] of Object.entries(f)) {
        if ((key === '$and' || key === '$or' || key === '$nor') && Array.isArray(v)) v.forEach((c) => isPlainObject(c) && collect(c));
        else if (!key.startsWith('$')) ids.add(key.split('.')[0]);
      }
    };
    collect(filter);
    if (ids.size === 0) throw badValue('Cannot use an expression without a top-level field name in arrayFilters');
    if (ids.size > 1) throw failedToParse(`Error parsing array filter :: caused by :: Expected a single top-level field name, found '${[...ids][0]}' and '${[...ids][1]}'`);
    const [id] = ids;
    if (!ARRAY_FILTER_ID.test(id)) {
      throw badValue(`Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${id}'`);
    }
    if (byId.has(id)) throw failedToParse(`Found multiple array filters with the same top-level field name ${id}`);
    byId.set(id, filter);
  }
  return byId;
}

/** The paths an operator touches: its fields, and for $rename also the destinations. */
function touchedPaths(op: string, args: Document): string[] {
  const paths = Object.keys(args);
  if (op === '$rename') for (const to of Object.values(args)) if (typeof to === 'string') paths.push(to);
  return paths;
}

/**
 * Checks an operator update before any document is read: each operator's arguments, empty
 * paths, two operators touching overlapping paths (40, including $setOnInsert whether or not
 * the update inserts), and every `$[id]` having exactly one array filter, each one used.
 */
export function validateOperatorUpdate(u: Document, arrayFilters: unknown): void {
  const filters = parseArrayFilters(arrayFilters);
  const seen: string[] = [];
  const usedIds = new Set<string>();
  for (const [op, args] of Object.entries(u)) {
    if (!isPlainObject(args)) {
      throw failedToParse(`Modifiers operate on fields but we found type ${bsonTypeName(args)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${shellValue(args)}}`);
    }
    for (const [path, value] of Object.entries(args)) {
      checkPath(path);
      checkArgument(op, path, value);
    }
    for (const path of touchedPaths(op, args)) {
      for (const id of arrayFilterIdentifiers(path)) {
        if (!filters.has(id)) throw badValue(`No array filter found for identifier '${id}' in path '${path}'`);
        usedIds.add(id);
      }
      for (const prev of seen) {
        if (prev === path || path.startsWith(`${prev}.`)) throw conflict(path, prev);
        if (prev.startsWith(`${path}.`)) throw conflict(path, path);
      }
      seen.push(path);
    }
  }
  for (const id of filters.keys()) {
    if (!usedIds.has(id)) throw failedToParse(`The array filter for identifier '${id}' was not used in the update ${shellValue(u)}`);
  }
}

// ---- Checks against one target document ----------------------------------------------------

const NON_ARRAY_ERRORS: Record<string, (path: string, value: unknown, doc: Doc) => MongoCommandError> = {
  $push: (path, value, doc) => badValue(`The field '${path}' must be an array but is of type ${bsonTypeName(value)} in document {_id: ${shellValue(doc._id)}}`),
  $addToSet: (path, value) => badValue(`Cannot apply $addToSet to non-array field. Field named '${path.split('.').pop()}' has non-array type ${bsonTypeName(value)}`),
  $pull: () => badValue('Cannot apply $pull to a non-array value'),
  $pullAll: () => badValue('Cannot apply $pull to a non-array value'),
  $pop: (path, value) => new MongoCommandError(ErrorCodes.TypeMismatch, `Path '${path}' contains an element of non-array type '${bsonTypeName(value)}'`),
};

const REMOVING = new Set(['$unset', '$pull', '$pullAll', '$pop', '$rename']);

function pathNotViable(field: string, parentName: string, parent: unknown): MongoCommandError {
  return new MongoCommandError(ErrorCodes.PathNotViable, `Cannot create field '${field}' in element {${parentName}: ${shellValue(parent)}}`);
}

/** Does `element` (an array element bound to identifier `id`) satisfy the array filter? */
function matchesArrayFilter(id: string, filter: Document, element: unknown): boolean {
  return new Query(filter, mingoOptions).test(forMingo({ [id]: element }));
}

/**
 * The concrete paths a path with `$[]` or `$[id]` stands for in this document: one per
 * array element the operator applies to. mongod requires the array to exist and be an array.
 */
export function expandArrayPaths(doc: Doc, path: string, filters: Map<string, Document>): string[] {
  const parts = path.split('.');
  const out: string[] = [];
  const walk = (value: unknown, i: number, prefix: string[]): void => {
    if (i === parts.length) { out.push(prefix.join('.')); return; }
    const part = parts[i];
    const all = /^\$\[([^\]]*)\]$/.exec(part);
    if (!all) {
      const next = Array.isArray(value) && /^\d+$/.test(part) ? value[Number(part)] : isPlainObject(value) ? value[part] : undefined;
      walk(next, i + 1, [...prefix, part]);
      return;
    }
    if (value === undefined) throw badValue(`The path '${prefix.join('.')}' must exist in the document in order to apply array updates.`);
    if (!Array.isArray(value)) throw badValue(`Cannot apply array updates to non-array element ${prefix[prefix.length - 1]}: ${shellValue(value)}`);
    const id = all[1];
    value.forEach((element, index) => {
      if (id === '' || matchesArrayFilter(id, filters.get(id) as Document, element)) walk(element, i + 1, [...prefix, String(index)]);
    });
  };
  walk(doc, 0, []);
  return out;
}

/** Walks a concrete path; throws 28 where it would have to go through a scalar or an array. */
function targetOf(doc: Doc, op: string, path: string): { found: boolean; value?: unknown } {
  const parts = path.split('.');
  let cur: unknown = doc;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const parentName = i === 0 ? '' : parts[i - 1];
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(part)) {
        if (REMOVING.has(op)) return { found: false };
        throw pathNotViable(part, parentName, cur);
      }
      cur = cur[Number(part)];
    } else if (isPlainObject(cur)) {
      cur = cur[part];
    } else {
      if (REMOVING.has(op)) return { found: false };
      throw pathNotViable(part, parentName, cur);
    }
    if (cur === undefined) return { found: false };
  }
  return { found: true, value: cur };
}

/**
 * Checks the update's concrete paths against the document it is about to change: paths that
 * run through a scalar (28), arithmetic on non-numbers (14), array operators on non-arrays,
 * and a top-level `$`-prefixed field name when modifying an existing document (52).
 */
/** $rename moves fields between objects only: no array may lie along either path. */
function checkRenameOutsideArrays(doc: Doc, path: string, role: 'source' | 'destination'): void {
  const parts = path.split('.');
  let cur: unknown = doc;
  for (const [i, part] of parts.entries()) {
    if (!isPlainObject(cur)) return;
    cur = cur[part];
    if (Array.isArray(cur) && i < parts.length - 1) {
      throw badValue(`The ${role} field cannot be an array element, '${path}' in doc with _id: ${shellValue(doc._id)} has an array field called '${part}'`);
    }
  }
}

export function checkUpdateTargets(doc: Doc, ops: Array<[string, string[]]>, inserting: boolean): void {
  for (const [op, paths] of ops) {
    for (const path of paths) {
      if (op === '$rename') checkRenameOutsideArrays(doc, path, 'source');
      if (op === '$rename:to') checkRenameOutsideArrays(doc, path, 'destination');
      if (!inserting && path.startsWith('$') && op !== '$unset' && op !== '$rename') {
        const top = path.split('.')[0];
        throw new MongoCommandError(ErrorCodes.DollarPrefixedFieldName, `The dollar ($) prefixed field '${top}' in '${path}' is not valid for storage.`);
      }
      const target = targetOf(doc, op, path);
      if (!target.found) continue;
      if ((op === '$inc' || op === '$mul') && !isNumeric(target.value)) {
        throw new MongoCommandError(
          ErrorCodes.TypeMismatch,
          `Cannot apply ${op} to a value of non-numeric type. {_id: ${shellValue(doc._id)}} has the field '${path.split('.').pop()}' of non-numeric type ${bsonTypeName(target.value)}`,
        );
      }
      if (op === '$bit' && !isInteger(target.value)) {
        throw badValue(`Cannot apply $bit to a value of non-integral type.{_id: ${shellValue(doc._id)}} has the field ${path.split('.').pop()} of non-integer type ${bsonTypeName(target.value)}`);
      }
      const nonArray = NON_ARRAY_ERRORS[op];
      if (nonArray && !Array.isArray(target.value)) throw nonArray(path, target.value, doc);
    }
  }
}
