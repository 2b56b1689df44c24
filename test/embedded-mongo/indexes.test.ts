// Indexes through the driver: unique, compound, sparse and partial indexes, duplicate-key
// errors in the driver's shape (code 11000 with keyPattern/keyValue) from every write path,
// index management, and proof via explain that lookups use the index rather than a scan.
import { MongoBulkWriteError, MongoServerError, type Collection, type Document } from 'mongodb';
import { openTarget, type LooseDoc, type Target } from './target';

let t: Target;
let col: Collection<LooseDoc>;

beforeAll(async () => { t = await openTarget('indexes'); });
afterAll(async () => { await t.close(); });
beforeEach(async () => { col = t.db.collection<LooseDoc>(`i${Math.random().toString(36).slice(2, 8)}`); });

async function dupError(p: Promise<unknown>): Promise<MongoServerError> {
  try {
    await p;
  } catch (err) {
    return err as MongoServerError;
  }
  throw new Error('expected a duplicate key error');
}

function planOf(explained: Document): string {
  return JSON.stringify(explained.queryPlanner.winningPlan);
}

describe('unique indexes', () => {
  it('insertOne duplicate: 11000 with keyPattern and keyValue', async () => {
    await col.createIndex({ email: 1 }, { unique: true });
    await col.insertOne({ email: 'a@x.cn' });
    const err = await dupError(col.insertOne({ email: 'a@x.cn' }));
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ email: 1 });
    expect(err.keyValue).toEqual({ email: 'a@x.cn' });
    expect(err.message).toMatch(/E11000 duplicate key error collection: .*index: email_1 dup key/);
  });

  it('insertMany ordered stops at the duplicate; unordered continues', async () => {
    await col.createIndex({ k: 1 }, { unique: true });
    const ordered = await dupError(col.insertMany([{ k: 1 }, { k: 2 }, { k: 1 }, { k: 3 }]));
    expect(ordered).toBeInstanceOf(MongoBulkWriteError);
    expect(ordered.code).toBe(11000);
    expect((ordered as MongoBulkWriteError).insertedCount).toBe(2);
    expect(await col.countDocuments()).toBe(2);
    const unordered = await dupError(col.insertMany([{ k: 4 }, { k: 1 }, { k: 5 }], { ordered: false }));
    expect((unordered as MongoBulkWriteError).insertedCount).toBe(2);
    expect((unordered as MongoBulkWriteError).writeErrors).toHaveLength(1);
    expect(await col.countDocuments()).toBe(4);
  });

  it('upsert into an existing unique key and update onto one both fail with 11000', async () => {
    await col.createIndex({ sku: 1 }, { unique: true });
    await col.insertMany([{ sku: 'a', n: 1 }, { sku: 'b', n: 2 }]);
    const upsert = await dupError(col.updateOne({ n: 99 }, { $set: { sku: 'a' } }, { upsert: true }));
    expect(upsert.code).toBe(11000);
    expect(upsert.keyValue).toEqual({ sku: 'a' });
    const update = await dupError(col.updateOne({ sku: 'b' }, { $set: { sku: 'a' } }));
    expect(update.code).toBe(11000);
    expect(await col.findOne({ n: 2 })).toMatchObject({ sku: 'b' });
  });

  it('duplicate _id is 11000 on the _id_ index', async () => {
    await col.insertOne({ _id: 'x' });
    const err = await dupError(col.insertOne({ _id: 'x' }));
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ _id: 1 });
    expect(err.keyValue).toEqual({ _id: 'x' });
  });

  it('compound unique index allows repeats of one field but not the pair', async () => {
    await col.createIndex({ shop: 1, sku: 1 }, { unique: true });
    await col.insertMany([{ shop: 1, sku: 'a' }, { shop: 2, sku: 'a' }, { shop: 1, sku: 'b' }]);
    const err = await dupError(col.insertOne({ shop: 2, sku: 'a' }));
    expect(err.code).toBe(11000);
    expect(err.keyPattern).toEqual({ shop: 1, sku: 1 });
    expect(err.keyValue).toEqual({ shop: 2, sku: 'a' });
  });

  it('building a unique index over duplicates fails', async () => {
    await col.insertMany([{ v: 1 }, { v: 1 }]);
    const err = await dupError(col.createIndex({ v: 1 }, { unique: true }));
    expect(err.code).toBe(11000);
  });

  it('sparse unique ignores missing fields; non-sparse allows one missing', async () => {
    await col.createIndex({ phone: 1 }, { unique: true, sparse: true });
    await col.insertMany([{ a: 1 }, { a: 2 }, { phone: '1' }]);
    expect((await dupError(col.insertOne({ phone: '1' }))).code).toBe(11000);
    const other = t.db.collection<LooseDoc>(`${col.collectionName}_b`);
    await other.createIndex({ code: 1 }, { unique: true });
    await other.insertOne({ a: 1 });
    expect((await dupError(other.insertOne({ a: 2 }))).code).toBe(11000);
  });

  it('partial unique index only constrains matching documents', async () => {
    await col.createIndex({ openid: 1 }, { unique: true, partialFilterExpression: { active: true } });
    await col.insertMany([{ openid: 'o', active: false }, { openid: 'o', active: false }, { openid: 'o', active: true }]);
    expect((await dupError(col.insertOne({ openid: 'o', active: true }))).code).toBe(11000);
  });

  it('multikey unique index checks each array element', async () => {
    await col.createIndex({ tags: 1 }, { unique: true });
    await col.insertOne({ tags: ['a', 'b'] });
    expect((await dupError(col.insertOne({ tags: ['c', 'b'] }))).code).toBe(11000);
    await col.insertOne({ tags: ['c', 'c'] });
  });
});

describe('index management', () => {
  it('lists, re-creates idempotently and drops indexes', async () => {
    expect(await col.createIndex({ a: 1, b: -1 })).toBe('a_1_b_-1');
    expect(await col.createIndex({ a: 1, b: -1 })).toBe('a_1_b_-1');
    await col.createIndex({ c: 1 }, { name: 'by_c', unique: true });
    const idx = await col.listIndexes().toArray();
    expect(idx.map((i) => i.name)).toEqual(['_id_', 'a_1_b_-1', 'by_c']);
    expect(idx.find((i) => i.name === 'by_c')).toMatchObject({ key: { c: 1 }, unique: true });
    await expect(col.createIndex({ c: 1 }, { name: 'by_c', unique: false })).rejects.toMatchObject({ code: 86 });
    await col.dropIndex('by_c');
    expect((await col.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'a_1_b_-1']);
    await expect(col.dropIndex('nope')).rejects.toMatchObject({ code: 27 });
    await col.dropIndexes();
    expect((await col.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });
});

describe('query planning', () => {
  beforeEach(async () => {
    await col.createIndex({ sku: 1 }, { unique: true });
    await col.createIndex({ shop: 1, price: 1 });
    const docs = Array.from({ length: 3000 }, (_, i) => ({ _id: i, sku: `sku${i}`, shop: i % 10, price: i % 100, tags: [`t${i % 7}`] }));
    await col.insertMany(docs);
  });

  it('equality on an indexed field examines one document', async () => {
    const ex = await col.find({ sku: 'sku1234' }).explain('executionStats');
    expect(planOf(ex)).toContain('sku_1');
    expect(ex.executionStats.nReturned).toBe(1);
    expect(ex.executionStats.totalDocsExamined).toBe(1);
  });

  it('_id equality examines one document', async () => {
    const ex = await col.find({ _id: 2999 }).explain('executionStats');
    expect(ex.executionStats.totalDocsExamined).toBe(1);
  });

  it('compound prefix and range use the index and return the right documents', async () => {
    const ex = await col.find({ shop: 3, price: { $gte: 50, $lt: 60 } }).explain('executionStats');
    expect(planOf(ex)).toContain('shop_1_price_1');
    const docs = await col.find({ shop: 3, price: { $gte: 50, $lt: 60 } }).sort({ _id: 1 }).toArray();
    const expected = Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 10 === 3 && i % 100 >= 50 && i % 100 < 60);
    expect(docs.map((d) => d._id)).toEqual(expected);
    expect(ex.executionStats.totalDocsExamined).toBe(expected.length);
  });

  it('$in over an indexed field finds each value', async () => {
    const docs = await col.find({ sku: { $in: ['sku1', 'sku2', 'nope'] } }).sort({ _id: 1 }).toArray();
    expect(docs.map((d) => d._id)).toEqual([1, 2]);
  });

  it('unindexed filters still scan correctly', async () => {
    const ex = await col.find({ tags: 't3' }).explain('executionStats');
    expect(planOf(ex)).toContain('COLLSCAN');
    expect(await col.countDocuments({ tags: 't3' })).toBe(Array.from({ length: 3000 }, (_, i) => i).filter((i) => i % 7 === 3).length);
  });

  it('hint forces an index and an unknown hint is an error', async () => {
    const docs = await col.find({ shop: 1, price: 1 }).hint('shop_1_price_1').toArray();
    expect(docs.length).toBe(30);
    await expect(col.find({ shop: 1 }).hint('no_such_index').toArray()).rejects.toMatchObject({ code: 2 });
  });

  it('index stays correct through updates and deletes', async () => {
    await col.updateOne({ sku: 'sku10' }, { $set: { sku: 'renamed' } });
    expect(await col.findOne({ sku: 'sku10' })).toBeNull();
    expect(await col.findOne({ sku: 'renamed' })).toMatchObject({ _id: 10 });
    await col.deleteOne({ sku: 'renamed' });
    expect(await col.findOne({ sku: 'renamed' })).toBeNull();
    await col.insertOne({ sku: 'sku10' });
    expect(await col.countDocuments({ sku: 'sku10' })).toBe(1);
  });
});
