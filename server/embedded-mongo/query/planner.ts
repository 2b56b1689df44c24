// Chooses how to find candidate documents for a filter: a direct _id lookup, an index
// (equality on a key prefix, optionally followed by a range), or a full scan. The caller
// still applies the whole filter to the candidates, so the plan only has to be a superset.
import type { Document } from 'bson';
import { badValue } from '../errors';
import type { CollectionStore } from '../storage/collection';
import { encodeValue, nextTypeChar, typeChar, TYPE } from '../storage/keys';
import type { IndexStore } from '../storage/index-store';
import { isPlainObject } from '../storage/documents';

const MAX_COMBINATIONS = 1000;
const HIGH = '\uffff';

export interface Plan {
  /** Candidate ids in index order, or undefined for a collection scan. */
  ids?: Iterable<string>;
  indexName?: string;
}

function isIndexableScalar(v: unknown): boolean {
  const t = typeChar(v);
  return t === TYPE.number || t === TYPE.string || t === TYPE.boolean || t === TYPE.date || t === TYPE.objectId || t === TYPE.binary;
}

function isOperatorObject(v: unknown): v is Document {
  return isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'));
}

/** Encoded keys the field must equal one of, or undefined if not an equality condition. */
function equalityKeys(cond: unknown): string[] | undefined {
  if (isOperatorObject(cond)) {
    if ('$eq' in cond) return isIndexableScalar(cond.$eq) ? [encodeValue(cond.$eq)] : undefined;
    if (Array.isArray(cond.$in) && cond.$in.length > 0 && cond.$in.every(isIndexableScalar)) {
      return [...new Set(cond.$in.map(encodeValue))];
    }
    return undefined;
  }
  return isIndexableScalar(cond) ? [encodeValue(cond)] : undefined;
}

interface Range { lo: string; hi: string }

function rangeOf(cond: unknown, multikey: boolean): Range | undefined {
  if (!isOperatorObject(cond)) return undefined;
  const lower = '$gt' in cond ? { v: cond.$gt, strict: true } : '$gte' in cond ? { v: cond.$gte, strict: false } : undefined;
  let upper = '$lt' in cond ? { v: cond.$lt, strict: true } : '$lte' in cond ? { v: cond.$lte, strict: false } : undefined;
  if (!lower && !upper) return undefined;
  if (lower && !isIndexableScalar(lower.v)) return undefined;
  if (upper && !isIndexableScalar(upper.v)) return undefined;
  // On a multikey index two bounds may be met by different array elements: keep one.
  if (lower && upper && multikey) upper = undefined;
  const t = typeChar(lower ? lower.v : upper?.v);
  if (lower && upper && typeChar(upper.v) !== t) return undefined;
  const lo = lower ? encodeValue(lower.v) + (lower.strict ? HIGH : '') : t;
  const hi = upper ? encodeValue(upper.v) + (upper.strict ? '' : HIGH) : nextTypeChar(t);
  return { lo, hi };
}

/** Top-level field conditions, with simple $and clauses folded in. */
function fieldConditions(filter: Document): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const clause of v) if (isPlainObject(clause)) for (const [ck, cv] of fieldConditions(clause)) if (!out.has(ck)) out.set(ck, cv);
    } else if (!k.startsWith('$')) out.set(k, v);
  }
  return out;
}

interface IndexPlan { index: IndexStore; prefixes: string[]; range?: Range; exact: boolean; score: number }

function planForIndex(index: IndexStore, conds: Map<string, unknown>): IndexPlan | undefined {
  if (index.spec.partialFilterExpression) return undefined;
  let prefixes = [''];
  let eqFields = 0;
  let range: Range | undefined;
  for (const field of index.fields) {
    if (!conds.has(field)) break;
    const keys = equalityKeys(conds.get(field));
    if (keys) {
      // A long $in on one field is fine; only compound cross products are capped.
      if (prefixes.length > 1 && prefixes.length * keys.length > MAX_COMBINATIONS) break;
      prefixes = prefixes.flatMap((p) => keys.map((k) => p + k));
      eqFields++;
      continue;
    }
    range = rangeOf(conds.get(field), index.multikey);
    break;
  }
  if (eqFields === 0 && !range) return undefined;
  const exact = eqFields === index.fields.length;
  const score = eqFields * 4 + (range ? 2 : 0) + (exact && index.unique ? 3 : 0) - Math.min(prefixes.length / MAX_COMBINATIONS, 1);
  return { index, prefixes, range, exact, score };
}

function runIndexPlan(p: IndexPlan): Iterable<string> {
  if (p.exact && !p.range) {
    if (p.prefixes.length === 1) return p.index.lookup(p.prefixes[0]);
    const out = new Set<string>();
    for (const key of p.prefixes) for (const id of p.index.lookup(key)) out.add(id);
    return out;
  }
  const out = new Set<string>();
  for (const prefix of p.prefixes) {
    const lo = prefix + (p.range ? p.range.lo : '');
    const hi = prefix + (p.range ? p.range.hi : HIGH);
    for (const id of p.index.scan(lo, hi)) out.add(id);
  }
  return out;
}

function findHinted(store: CollectionStore, hint: unknown): IndexStore | '_id_' | undefined {
  if (hint === undefined || hint === null) return undefined;
  if (typeof hint === 'string') {
    if (hint === '_id_') return '_id_';
    const idx = store.indexes.get(hint);
    if (idx) return idx;
  } else if (isPlainObject(hint)) {
    if (Object.keys(hint).length === 0) return undefined;
    if (Object.keys(hint).length === 1 && '$natural' in hint) return undefined;
    const wanted = JSON.stringify(hint);
    if (wanted === JSON.stringify({ _id: 1 })) return '_id_';
    for (const idx of store.indexes.values()) if (JSON.stringify(idx.spec.key) === wanted) return idx;
  }
  throw badValue('error processing query: planner returned error :: caused by :: hint provided does not correspond to an existing index');
}

export function planQuery(store: CollectionStore, filter: Document | undefined, hint?: unknown): Plan {
  const hinted = findHinted(store, hint);
  if (!filter) return {};
  const conds = fieldConditions(filter);
  if (conds.has('_id') && (hinted === undefined || hinted === '_id_')) {
    const keys = equalityKeys(conds.get('_id'));
    if (keys) return { ids: keys, indexName: '_id_' };
  }
  if (hinted === '_id_') return {};
  const candidates = hinted ? [hinted] : [...store.indexes.values()];
  let best: IndexPlan | undefined;
  for (const index of candidates) {
    const p = planForIndex(index, conds);
    if (p && (!best || p.score > best.score)) best = p;
  }
  if (!best) return {};
  return { ids: runIndexPlan(best), indexName: best.index.name };
}

/**
 * For `find(filter).sort({ f: ±1 }).limit(n)`: an index whose leading fields are pinned by
 * single-value equalities in the filter and whose next field is `f` yields documents already
 * in sort order, so the scan can stop after n matches instead of sorting everything.
 * Multikey, sparse and partial indexes are not used (their order or coverage differs).
 */
export function orderedPlan(store: CollectionStore, filter: Document | undefined, sort: Document | undefined): { ids: Iterable<string>; pinnedFields: number } | undefined {
  if (!sort) return undefined;
  const sortFields = Object.entries(sort);
  if (sortFields.length !== 1) return undefined;
  const [sortField, dir] = sortFields[0];
  if (dir !== 1 && dir !== -1) return undefined;
  const conds = filter ? fieldConditions(filter) : new Map<string, unknown>();
  for (const index of store.indexes.values()) {
    if (index.multikey || index.isPartialOrSparse) continue;
    let prefix = '';
    let usable = false;
    let pinnedFields = 0;
    for (const field of index.fields) {
      if (field === sortField) { usable = true; break; }
      const keys = conds.has(field) ? equalityKeys(conds.get(field)) : undefined;
      if (!keys || keys.length !== 1) break;
      prefix += keys[0];
      pinnedFields++;
    }
    if (usable) return { ids: index.ordered(prefix, prefix + HIGH, dir === -1), pinnedFields };
  }
  return undefined;
}
