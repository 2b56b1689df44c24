// Catalog commands: collections, databases and indexes.
import type { Document } from 'bson';
import { Query } from 'mingo';
import { badValue, ErrorCodes, MongoCommandError, notSupported } from '../errors';
import { validateNamespace } from '../storage/engine';
import type { IndexSpec } from '../storage/index-store';
import { ID_INDEX_NAME } from '../storage/collection';
import { isPlainObject } from '../storage/documents';
import { collectionArg, optionalDoc, rejectCollation } from './common';
import type { CommandContext, CommandTable } from './types';

async function create(ctx: CommandContext): Promise<Document> {
  const coll = collectionArg(ctx);
  const { cmd } = ctx;
  if (cmd.viewOn !== undefined) throw notSupported('Views');
  if (cmd.timeseries !== undefined) throw notSupported('Time series collections');
  if (cmd.capped === true) throw notSupported('Capped collections');
  if (cmd.clusteredIndex !== undefined) throw notSupported('Clustered collections');
  rejectCollation(cmd.collation);
  validateNamespace(ctx.db, coll);
  const options: Document = {};
  if (cmd.validator !== undefined) {
    if (JSON.stringify(cmd.validator).includes('"$jsonSchema"')) throw notSupported('$jsonSchema validators');
    options.validator = cmd.validator;
  }
  await ctx.engine.apply([{ op: 'create', db: ctx.db, coll, options }]);
  return {};
}

async function drop(ctx: CommandContext): Promise<Document> {
  const coll = collectionArg(ctx);
  const store = ctx.engine.collection(ctx.db, coll);
  if (!store) return { ns: `${ctx.db}.${coll}` };
  const nIndexesWas = store.indexes.size + 1;
  await ctx.engine.apply([{ op: 'drop', db: ctx.db, coll }]);
  return { nIndexesWas, ns: store.ns };
}

async function dropDatabase(ctx: CommandContext): Promise<Document> {
  await ctx.engine.apply([{ op: 'dropDatabase', db: ctx.db }]);
  return { dropped: ctx.db };
}

function listCollections(ctx: CommandContext): Document {
  const filter = optionalDoc(ctx.cmd.filter, 'filter');
  const nameOnly = ctx.cmd.nameOnly === true;
  let docs: Document[] = ctx.engine.listCollections(ctx.db).map((s) => nameOnly
    ? { name: s.name, type: 'collection' }
    : {
      name: s.name,
      type: 'collection',
      options: s.options,
      info: { readOnly: false, uuid: s.uuid },
      idIndex: { v: 2, key: { _id: 1 }, name: ID_INDEX_NAME },
    });
  if (filter && Object.keys(filter).length) {
    const q = new Query(filter);
    docs = docs.filter((d) => q.test(d));
  }
  const cursorOpts = isPlainObject(ctx.cmd.cursor) ? ctx.cmd.cursor : {};
  const batchSize = typeof cursorOpts.batchSize === 'number' ? cursorOpts.batchSize : undefined;
  return { cursor: ctx.cursors.firstBatch(`${ctx.db}.$cmd.listCollections`, docs, batchSize) };
}

function listDatabases(ctx: CommandContext): Document {
  let dbs: Document[] = [...ctx.engine.dbs.entries()].map(([name, colls]) => {
    let size = 0;
    for (const c of colls.values()) size += c.docs.size * 256;
    return { name, sizeOnDisk: size, empty: size === 0 };
  });
  const filter = optionalDoc(ctx.cmd.filter, 'filter');
  if (filter && Object.keys(filter).length) {
    const q = new Query(filter);
    dbs = dbs.filter((d) => q.test(d));
  }
  if (ctx.cmd.nameOnly === true) return { databases: dbs.map((d) => ({ name: d.name })) };
  return { databases: dbs, totalSize: dbs.reduce((a, d) => a + (d.sizeOnDisk as number), 0), totalSizeMb: 0 };
}

function defaultIndexName(key: Document): string {
  return Object.entries(key).map(([k, v]) => `${k}_${String(v)}`).join('_');
}

const SUPPORTED_INDEX_OPTIONS = new Set(['key', 'name', 'unique', 'sparse', 'partialFilterExpression', 'background', 'v', 'hidden', 'ns']);

function normaliseIndexSpec(raw: unknown): IndexSpec {
  if (!isPlainObject(raw) || !isPlainObject(raw.key) || Object.keys(raw.key).length === 0) throw badValue('index specification must have a non-empty key document');
  for (const [field, dir] of Object.entries(raw.key)) {
    if (dir === 'text') throw notSupported('Text indexes');
    if (dir === '2d' || dir === '2dsphere' || dir === 'geoHaystack') throw notSupported('Geospatial indexes');
    if (dir === 'hashed') continue;
    if (typeof dir !== 'number' || dir === 0) throw new MongoCommandError(67, `Values in the index key pattern can only be positive or negative numbers, or the strings hashed, text, 2d, 2dsphere: ${field}`, { codeName: 'CannotCreateIndex' });
    if (field.startsWith('$') && field !== '$**') throw badValue(`Index key contains an illegal field name: ${field}`);
  }
  if (raw.expireAfterSeconds !== undefined) throw notSupported('TTL indexes (expireAfterSeconds)');
  rejectCollation(raw.collation);
  if (Object.keys(raw.key).some((k) => k.includes('$**'))) throw notSupported('Wildcard indexes');
  const spec: IndexSpec = { v: 2, key: { ...raw.key }, name: typeof raw.name === 'string' ? raw.name : defaultIndexName(raw.key) };
  if (raw.unique === true) spec.unique = true;
  if (raw.sparse === true) spec.sparse = true;
  if (isPlainObject(raw.partialFilterExpression)) spec.partialFilterExpression = raw.partialFilterExpression;
  for (const k of Object.keys(raw)) {
    if (!SUPPORTED_INDEX_OPTIONS.has(k) && k !== 'expireAfterSeconds' && k !== 'collation') throw notSupported(`Index option '${k}'`);
  }
  return spec;
}

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  return JSON.stringify(a.key) === JSON.stringify(b.key) && !!a.unique === !!b.unique && !!a.sparse === !!b.sparse
    && JSON.stringify(a.partialFilterExpression ?? null) === JSON.stringify(b.partialFilterExpression ?? null);
}

async function createIndexes(ctx: CommandContext): Promise<Document> {
  const coll = collectionArg(ctx);
  if (!Array.isArray(ctx.cmd.indexes) || ctx.cmd.indexes.length === 0) throw badValue('Must specify at least one index to create');
  const specs = ctx.cmd.indexes.map(normaliseIndexSpec);
  validateNamespace(ctx.db, coll);
  const existed = !!ctx.engine.collection(ctx.db, coll);
  const before = existed ? (ctx.engine.collection(ctx.db, coll)?.indexes.size ?? 0) + 1 : 1;
  const toCreate: IndexSpec[] = [];
  const current = ctx.engine.collection(ctx.db, coll)?.indexSpecs() ?? [{ v: 2, key: { _id: 1 }, name: ID_INDEX_NAME }];
  for (const spec of specs) {
    const sameName = current.find((s) => s.name === spec.name);
    const sameKey = current.find((s) => JSON.stringify(s.key) === JSON.stringify(spec.key));
    if (sameName) {
      if (JSON.stringify(sameName.key) !== JSON.stringify(spec.key)) {
        throw new MongoCommandError(ErrorCodes.IndexKeySpecsConflict, `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName)}`);
      }
      if (!sameOptions(sameName, spec) && spec.name !== ID_INDEX_NAME) {
        throw new MongoCommandError(ErrorCodes.IndexKeySpecsConflict, `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName)}`);
      }
      continue;
    }
    if (sameKey && sameOptions(sameKey, spec)) {
      throw new MongoCommandError(ErrorCodes.IndexOptionsConflict, `Index already exists with a different name: ${sameKey.name}`);
    }
    // Two indexes may share a key pattern only if their partial filters tell them apart.
    const samePartial = (a: IndexSpec) => JSON.stringify(a.partialFilterExpression ?? null) === JSON.stringify(spec.partialFilterExpression ?? null);
    if (sameKey && samePartial(sameKey)) {
      throw new MongoCommandError(ErrorCodes.IndexOptionsConflict, `An equivalent index already exists with a different name and options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameKey)}`);
    }
    toCreate.push(spec);
  }
  if (toCreate.length === 0) {
    return { numIndexesBefore: before, numIndexesAfter: before, note: 'all indexes already exist' };
  }
  if (!existed) await ctx.engine.apply([{ op: 'create', db: ctx.db, coll, options: {} }]);
  await ctx.engine.apply(toCreate.map((spec) => ({ op: 'createIndex' as const, db: ctx.db, coll, spec })));
  return { numIndexesBefore: before, numIndexesAfter: before + toCreate.length, createdCollectionAutomatically: !existed };
}

function listIndexes(ctx: CommandContext): Document {
  const coll = collectionArg(ctx);
  const store = ctx.engine.collection(ctx.db, coll);
  if (!store) throw new MongoCommandError(ErrorCodes.NamespaceNotFound, `ns does not exist: ${ctx.db}.${coll}`);
  const cursorOpts = isPlainObject(ctx.cmd.cursor) ? ctx.cmd.cursor : {};
  const batchSize = typeof cursorOpts.batchSize === 'number' ? cursorOpts.batchSize : undefined;
  return { cursor: ctx.cursors.firstBatch(`${ctx.db}.$cmd.listIndexes.${coll}`, store.indexSpecs(), batchSize) };
}

async function dropIndexes(ctx: CommandContext): Promise<Document> {
  const coll = collectionArg(ctx);
  const store = ctx.engine.collection(ctx.db, coll);
  if (!store) throw new MongoCommandError(ErrorCodes.NamespaceNotFound, `ns not found ${ctx.db}.${coll}`);
  const nIndexesWas = store.indexes.size + 1;
  const target = ctx.cmd.index;
  let names: string[];
  if (target === '*') names = [...store.indexes.keys()];
  else if (typeof target === 'string') names = [target];
  else if (Array.isArray(target)) names = target.map(String);
  else if (isPlainObject(target)) {
    const found = [...store.indexes.values()].find((i) => JSON.stringify(i.spec.key) === JSON.stringify(target));
    if (!found) throw new MongoCommandError(ErrorCodes.IndexNotFound, `can't find index with key: ${JSON.stringify(target)}`);
    names = [found.name];
  } else throw badValue('dropIndexes requires an index name, key pattern, or "*"');
  for (const name of names) {
    if (name === ID_INDEX_NAME) throw new MongoCommandError(ErrorCodes.InvalidOptions, 'cannot drop _id index');
    if (!store.indexes.has(name)) throw new MongoCommandError(ErrorCodes.IndexNotFound, `index not found with name [${name}]`);
  }
  await ctx.engine.apply(names.map((name) => ({ op: 'dropIndex' as const, db: ctx.db, coll, name })));
  return { nIndexesWas };
}

async function renameCollection(ctx: CommandContext): Promise<Document> {
  const from = ctx.cmd.renameCollection;
  const to = ctx.cmd.to;
  if (typeof from !== 'string' || typeof to !== 'string') throw badValue('renameCollection and to must be namespace strings');
  const split = (ns: string): [string, string] => {
    const dot = ns.indexOf('.');
    if (dot <= 0) throw new MongoCommandError(ErrorCodes.InvalidNamespace, `Invalid namespace specified '${ns}'`);
    return [ns.slice(0, dot), ns.slice(dot + 1)];
  };
  const [db, coll] = split(from);
  const [toDb, toColl] = split(to);
  validateNamespace(toDb, toColl);
  if (from === to) throw new MongoCommandError(ErrorCodes.IllegalOperation, "Can't rename a collection to itself");
  await ctx.engine.apply([{ op: 'rename', db, coll, toDb, toColl, dropTarget: ctx.cmd.dropTarget === true }]);
  return {};
}

function collMod(ctx: CommandContext): Document {
  const coll = collectionArg(ctx);
  if (!ctx.engine.collection(ctx.db, coll)) throw new MongoCommandError(ErrorCodes.NamespaceNotFound, `ns does not exist: ${ctx.db}.${coll}`);
  return {};
}

function dbStats(ctx: CommandContext): Document {
  const colls = ctx.engine.listCollections(ctx.db);
  const objects = colls.reduce((a, c) => a + c.docs.size, 0);
  const indexes = colls.reduce((a, c) => a + c.indexes.size + 1, 0);
  return { db: ctx.db, collections: colls.length, views: 0, objects, avgObjSize: 0, dataSize: 0, storageSize: 0, indexes, indexSize: 0, scaleFactor: 1 };
}

function collStats(ctx: CommandContext): Document {
  const coll = collectionArg(ctx);
  const store = ctx.engine.collection(ctx.db, coll);
  if (!store) throw new MongoCommandError(ErrorCodes.NamespaceNotFound, `ns not found ${ctx.db}.${coll}`);
  return { ns: store.ns, count: store.docs.size, size: 0, storageSize: 0, nindexes: store.indexes.size + 1, totalIndexSize: 0 };
}

export const ddlCommands: CommandTable = {
  create, drop, dropDatabase, listCollections, listDatabases, createIndexes, listIndexes, dropIndexes, deleteIndexes: dropIndexes,
  collMod, dbStats, collStats, renameCollection,
};

