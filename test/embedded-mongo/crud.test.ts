// CRUD through the official driver: every update operator CunShop relies on, find options,
// count/distinct, findOneAndX and deletes, with the same expectations mongod meets.
import { ObjectId, type Collection, type Document } from 'mongodb';
import { openTarget, type LooseDoc, type Target } from './target';

let t: Target;
let col: Collection<LooseDoc>;

beforeAll(async () => { t = await openTarget('crud'); });
afterAll(async () => { await t.close(); });
beforeEach(async () => {
  col = t.db.collection<LooseDoc>(`c${Math.random().toString(36).slice(2, 8)}`);
});

describe('insert and find', () => {
  it('generates ObjectIds, stores _id first and returns documents unchanged', async () => {
    const res = await col.insertOne({ name: 'tea', price: 12.5, when: new Date(0), nested: { a: [1, 2] } });
    expect(res.insertedId).toBeInstanceOf(ObjectId);
    const doc = await col.findOne({ _id: res.insertedId });
    expect(doc).toEqual({ _id: res.insertedId, name: 'tea', price: 12.5, when: new Date(0), nested: { a: [1, 2] } });
    expect(Object.keys(doc as Document)[0]).toBe('_id');
  });

  it('supports comparison, logical, element, array and regex query operators', async () => {
    await col.insertMany([
      { _id: 1, n: 1, tags: ['a', 'b'], s: 'apple', sub: { x: 1 } },
      { _id: 2, n: 5, tags: ['b'], s: 'Banana' },
      { _id: 3, n: 10, tags: [], s: 'cherry', sub: { x: 2 } },
      { _id: 4, n: null, s: 'date' },
    ]);
    const ids = async (q: Document) => (await col.find(q).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ n: { $gt: 1, $lte: 10 } })).toEqual([2, 3]);
    expect(await ids({ n: { $in: [1, 10] } })).toEqual([1, 3]);
    expect(await ids({ n: { $nin: [1, 10] } })).toEqual([2, 4]);
    expect(await ids({ n: { $ne: 5 } })).toEqual([1, 3, 4]);
    expect(await ids({ $or: [{ n: 1 }, { s: 'date' }] })).toEqual([1, 4]);
    expect(await ids({ $and: [{ n: { $gte: 1 } }, { n: { $lt: 10 } }] })).toEqual([1, 2]);
    expect(await ids({ n: { $not: { $gt: 1 } } })).toEqual([1, 4]);
    expect(await ids({ $nor: [{ n: 1 }, { n: 5 }] })).toEqual([3, 4]);
    expect(await ids({ sub: { $exists: true } })).toEqual([1, 3]);
    expect(await ids({ n: null })).toEqual([4]);
    expect(await ids({ n: { $type: 'number' } })).toEqual([1, 2, 3]);
    expect(await ids({ tags: 'b' })).toEqual([1, 2]);
    expect(await ids({ tags: { $all: ['a', 'b'] } })).toEqual([1]);
    expect(await ids({ tags: { $size: 0 } })).toEqual([3]);
    expect(await ids({ tags: { $elemMatch: { $eq: 'a' } } })).toEqual([1]);
    expect(await ids({ s: /^b/i })).toEqual([2]);
    expect(await ids({ s: { $regex: 'rr', $options: '' } })).toEqual([3]);
    expect(await ids({ 'sub.x': 2 })).toEqual([3]);
    expect(await ids({ $expr: { $gt: ['$n', 4] } })).toEqual([2, 3]);
  });

  it('applies sort, skip, limit and projection', async () => {
    await col.insertMany([{ a: 3, b: 'x' }, { a: 1, b: 'y' }, { a: 2, b: 'z' }, { a: 2, b: 'w' }]);
    const docs = await col.find({}, { projection: { _id: 0, a: 1, b: 1 } }).sort({ a: -1, b: 1 }).skip(1).limit(2).toArray();
    expect(docs).toEqual([{ a: 2, b: 'w' }, { a: 2, b: 'z' }]);
    const excl = await col.find({ a: 1 }, { projection: { _id: 0, b: 0 } }).toArray();
    expect(excl).toEqual([{ a: 1 }]);
  });

  it('projects the first matching array element with $elemMatch, leaving the field out when none matches or it is no array', async () => {
    await col.insertMany([
      { _id: 1, holds: [{ key: 'a', q: 1 }, { key: 'b', q: 2 }, { key: 'b', q: 3 }], title: 't' },
      { _id: 2, holds: [{ key: 'a', q: 1 }], title: 't' },
      { _id: 3, title: 't' },
      { _id: 4, holds: 'not an array', title: 't' },
    ]);
    const docs = await col.find({}, { projection: { holds: { $elemMatch: { key: 'b' } } } }).sort({ _id: 1 }).toArray();
    expect(docs).toEqual([{ _id: 1, holds: [{ key: 'b', q: 2 }] }, { _id: 2 }, { _id: 3 }, { _id: 4 }]);
  });

  it('keeps _id first in projected and aggregated documents', async () => {
    await col.insertOne({ _id: 5, name: 'n', price: 2 });
    const projected = await col.findOne({ _id: 5 }, { projection: { price: 1, name: 1 } });
    expect(Object.keys(projected as Document)).toEqual(['_id', 'name', 'price']);
    const [agg] = await col.aggregate([{ $project: { price: 1 } }]).toArray();
    expect(Object.keys(agg)).toEqual(['_id', 'price']);
  });

  it('sorts mixed types in BSON order', async () => {
    await col.insertMany([{ v: 'str' }, { v: 2 }, { v: null }, { v: new Date(5) }, { v: true }, { v: { o: 1 } }, { v: 1.5 }]);
    const vs = (await col.find().sort({ v: 1 }).toArray()).map((d) => d.v);
    expect(vs).toEqual([null, 1.5, 2, 'str', { o: 1 }, true, new Date(5)]);
  });

  it('counts and lists distinct values', async () => {
    await col.insertMany([{ k: 'a', tags: ['x', 'y'] }, { k: 'b', tags: ['y'] }, { k: 'a' }]);
    expect(await col.countDocuments({ k: 'a' })).toBe(2);
    expect(await col.estimatedDocumentCount()).toBe(3);
    expect(await col.distinct('k')).toEqual(['a', 'b']);
    expect(await col.distinct('tags', { k: 'a' })).toEqual(['x', 'y']);
  });
});

describe('update operators', () => {
  it('$set $unset $inc $mul $min $max $currentDate', async () => {
    await col.insertOne({ _id: 1, a: 1, b: 2, c: 10, d: 5, gone: true, n: { x: 1 } });
    const res = await col.updateOne({ _id: 1 }, {
      $set: { a: 'one', 'n.y': 2 }, $unset: { gone: '' }, $inc: { b: 3 }, $mul: { c: 1.5 },
      $min: { d: 2 }, $max: { e: 7 }, $currentDate: { at: true },
    });
    expect(res.matchedCount).toBe(1);
    expect(res.modifiedCount).toBe(1);
    const doc = await col.findOne({ _id: 1 });
    expect(doc).toMatchObject({ a: 'one', b: 5, c: 15, d: 2, e: 7, n: { x: 1, y: 2 } });
    expect(doc).not.toHaveProperty('gone');
    expect(doc?.at).toBeInstanceOf(Date);
  });

  it('$push (with $each/$slice) $pull $addToSet and positional $', async () => {
    await col.insertOne({ _id: 1, tags: ['a'], items: [{ sku: 'x', qty: 1 }, { sku: 'y', qty: 2 }], nums: [1, 2, 3, 4] });
    await col.updateOne({ _id: 1 }, { $push: { tags: { $each: ['b', 'c'], $slice: -2 } } } as Document);
    await col.updateOne({ _id: 1 }, { $addToSet: { tags: 'c' } });
    await col.updateOne({ _id: 1 }, { $addToSet: { tags: 'd' } });
    await col.updateOne({ _id: 1 }, { $pull: { nums: { $gte: 3 } } } as Document);
    await col.updateOne({ _id: 1, 'items.sku': 'y' }, { $inc: { 'items.$.qty': 5 } });
    const doc = await col.findOne({ _id: 1 });
    expect(doc).toEqual({ _id: 1, tags: ['b', 'c', 'd'], items: [{ sku: 'x', qty: 1 }, { sku: 'y', qty: 7 }], nums: [1, 2] });
  });

  it('arrayFilters update only matching elements', async () => {
    await col.insertOne({ _id: 1, grades: [{ g: 80 }, { g: 95 }, { g: 90 }] });
    await col.updateOne({ _id: 1 }, { $set: { 'grades.$[hi].top': true } }, { arrayFilters: [{ 'hi.g': { $gte: 90 } }] });
    expect((await col.findOne({ _id: 1 }))?.grades).toEqual([{ g: 80 }, { g: 95, top: true }, { g: 90, top: true }]);
  });

  it('reports matched versus modified and updates many', async () => {
    await col.insertMany([{ k: 1, v: 0 }, { k: 1, v: 1 }, { k: 2, v: 0 }]);
    const same = await col.updateMany({ k: 1 }, { $set: { v: 1 } });
    expect(same.matchedCount).toBe(2);
    expect(same.modifiedCount).toBe(1);
    const none = await col.updateMany({ k: 3 }, { $set: { v: 9 } });
    expect(none.matchedCount).toBe(0);
  });

  it('upserts with $setOnInsert and equality fields from the filter', async () => {
    const res = await col.updateOne({ sku: 'n1', shop: 's' }, { $set: { price: 3 }, $setOnInsert: { created: 'yes' } }, { upsert: true });
    expect(res.upsertedCount).toBe(1);
    const doc = await col.findOne({ _id: res.upsertedId as ObjectId });
    expect(doc).toMatchObject({ sku: 'n1', shop: 's', price: 3, created: 'yes' });
    await col.updateOne({ sku: 'n1', shop: 's' }, { $set: { price: 4 }, $setOnInsert: { created: 'again' } }, { upsert: true });
    expect(await col.findOne({ sku: 'n1' })).toMatchObject({ price: 4, created: 'yes' });
    expect(await col.countDocuments()).toBe(1);
  });

  it('replaces documents and keeps _id', async () => {
    await col.insertOne({ _id: 7, a: 1, b: 2 });
    await col.replaceOne({ _id: 7 }, { c: 3 });
    expect(await col.findOne({ _id: 7 })).toEqual({ _id: 7, c: 3 });
  });

  it('refuses to change _id', async () => {
    await col.insertOne({ _id: 1, a: 1 });
    await expect(col.updateOne({ _id: 1 }, { $set: { _id: 2 } })).rejects.toMatchObject({ code: 66 });
  });

  it('rejects updates mongod rejects: conflicting paths, paths through scalars, array operators on non-arrays', async () => {
    await col.insertOne({ _id: 1, s: 'str', o: { a: 1 }, items: [{ q: 1 }] });
    await expect(col.updateOne({ _id: 1 }, { $set: { o: 1 }, $inc: { 'o.a': 1 } })).rejects.toMatchObject({ code: 40 });
    await expect(col.updateOne({ _id: 1 }, { $set: { 's.x': 1 } })).rejects.toMatchObject({ code: 28 });
    await expect(col.updateOne({ _id: 1 }, { $set: { 'items.q': 2 } })).rejects.toMatchObject({ code: 28 });
    await expect(col.updateOne({ _id: 1 }, { $push: { s: 'x' } } as Document)).rejects.toMatchObject({ code: 2 });
    await expect(col.find({ s: { $in: 'str' } }).toArray()).rejects.toMatchObject({ code: 2 });
    expect(await col.findOne({ _id: 1 })).toEqual({ _id: 1, s: 'str', o: { a: 1 }, items: [{ q: 1 }] });
  });

  it('rejects unknown update operators', async () => {
    await col.insertOne({ _id: 1 });
    await expect(col.updateOne({ _id: 1 }, { $frobnicate: { a: 1 } } as Document)).rejects.toMatchObject({ code: 9 });
  });

  it('supports pipeline-style updates', async () => {
    await col.insertOne({ _id: 1, a: 2, b: 3 });
    await col.updateOne({ _id: 1 }, [{ $set: { sum: { $add: ['$a', '$b'] } } }]);
    expect(await col.findOne({ _id: 1 })).toEqual({ _id: 1, a: 2, b: 3, sum: 5 });
  });
});

describe('findOneAndX and deletes', () => {
  it('findOneAndUpdate returns before/after, honours sort and projection', async () => {
    await col.insertMany([{ q: 1, n: 1 }, { q: 1, n: 2 }]);
    const before = await col.findOneAndUpdate({ q: 1 }, { $inc: { n: 10 } }, { sort: { n: -1 }, returnDocument: 'before', projection: { _id: 0 } });
    expect(before).toEqual({ q: 1, n: 2 });
    const after = await col.findOneAndUpdate({ q: 1 }, { $inc: { n: 10 } }, { sort: { n: 1 }, returnDocument: 'after', projection: { _id: 0 } });
    expect(after).toEqual({ q: 1, n: 11 });
    const missing = await col.findOneAndUpdate({ q: 9 }, { $set: { n: 0 } });
    expect(missing).toBeNull();
    const upserted = await col.findOneAndUpdate({ q: 9 }, { $set: { n: 0 } }, { upsert: true, returnDocument: 'after' });
    expect(upserted).toMatchObject({ q: 9, n: 0 });
  });

  it('findOneAndDelete and findOneAndReplace', async () => {
    await col.insertMany([{ _id: 1, k: 'a' }, { _id: 2, k: 'b' }]);
    expect(await col.findOneAndDelete({ k: 'a' })).toEqual({ _id: 1, k: 'a' });
    expect(await col.findOneAndReplace({ _id: 2 }, { k: 'c' }, { returnDocument: 'after' })).toEqual({ _id: 2, k: 'c' });
    expect(await col.countDocuments()).toBe(1);
  });

  it('deleteOne deletes one, deleteMany deletes all matches', async () => {
    await col.insertMany([{ k: 1 }, { k: 1 }, { k: 1 }, { k: 2 }]);
    expect((await col.deleteOne({ k: 1 })).deletedCount).toBe(1);
    expect((await col.deleteMany({ k: 1 })).deletedCount).toBe(2);
    expect(await col.countDocuments()).toBe(1);
  });

  it('bulkWrite mixes operations and reports counts', async () => {
    const res = await col.bulkWrite([
      { insertOne: { document: { _id: 1, v: 1 } } },
      { insertOne: { document: { _id: 2, v: 2 } } },
      { updateOne: { filter: { _id: 1 }, update: { $inc: { v: 1 } } } },
      { deleteOne: { filter: { _id: 2 } } },
      { updateOne: { filter: { _id: 3 }, update: { $set: { v: 3 } }, upsert: true } },
    ]);
    expect(res.insertedCount).toBe(2);
    expect(res.modifiedCount).toBe(1);
    expect(res.deletedCount).toBe(1);
    expect(res.upsertedCount).toBe(1);
    expect(await col.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, v: 2 }, { _id: 3, v: 3 }]);
  });

  it('unacknowledged (w:0) writes are applied', async () => {
    await col.insertOne({ _id: 'w0' }, { writeConcern: { w: 0 } });
    await col.updateOne({ _id: 'w0' }, { $set: { seen: true } }, { writeConcern: { w: 0 } });
    let doc: Document | null = null;
    for (let i = 0; i < 50 && !doc?.seen; i++) {
      doc = await col.findOne({ _id: 'w0' });
      if (!doc?.seen) await new Promise((r) => setTimeout(r, 20));
    }
    expect(doc).toEqual({ _id: 'w0', seen: true });
  });
});

describe('catalog commands', () => {
  it('creates, lists, drops collections and databases', async () => {
    const name = `cat${Date.now()}`;
    await t.db.createCollection(name);
    await expect(t.db.createCollection(name)).rejects.toMatchObject({ code: 48 });
    const names = (await t.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    expect(names).toContain(name);
    expect(await t.db.collection(name).drop()).toBe(true);
    const after = (await t.db.listCollections({ name }).toArray()).map((c) => c.name);
    expect(after).toEqual([]);
    const dbs = await t.client.db('admin').admin().listDatabases();
    expect(dbs.databases.map((d) => d.name)).toContain(t.db.databaseName);
  });

  it('renames collections with their documents and indexes', async () => {
    const from = t.db.collection<LooseDoc>(`ren_a${Date.now()}`);
    const toName = `ren_b${Date.now()}`;
    await from.insertMany([{ _id: 1, k: 'x' }, { _id: 2, k: 'y' }]);
    await from.createIndex({ k: 1 }, { unique: true });
    const other = t.db.collection<LooseDoc>(`ren_c${Date.now()}`);
    await other.insertOne({ _id: 9 });
    await expect(from.rename(other.collectionName)).rejects.toMatchObject({ code: 48 });
    const renamed = await from.rename(toName);
    expect(await renamed.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, k: 'x' }, { _id: 2, k: 'y' }]);
    expect((await renamed.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'k_1']);
    expect(await t.db.collection(from.collectionName).countDocuments()).toBe(0);
    await renamed.rename(other.collectionName, { dropTarget: true });
    expect(await other.countDocuments()).toBe(2);
  });

  it('enforces a query-style collection validator (121)', async () => {
    const name = `val${Date.now()}`;
    await t.db.createCollection(name, { validator: { price: { $gte: 0 } } });
    const v = t.db.collection<LooseDoc>(name);
    await v.insertOne({ _id: 1, price: 5 });
    await expect(v.insertOne({ _id: 2, price: -1 })).rejects.toMatchObject({ code: 121 });
    await expect(v.updateOne({ _id: 1 }, { $set: { price: -3 } })).rejects.toMatchObject({ code: 121 });
    expect(await v.find().toArray()).toEqual([{ _id: 1, price: 5 }]);
  });

  it('answers unknown commands with CommandNotFound (59)', async () => {
    await expect(t.db.command({ noSuchCommandAtAll: 1 })).rejects.toMatchObject({ code: 59, codeName: 'CommandNotFound' });
  });

  it('presents itself as a writable replica-set primary', async () => {
    const hello = await t.db.admin().command({ hello: 1 });
    expect(hello.isWritablePrimary).toBe(true);
    expect(typeof hello.setName).toBe('string');
    expect(hello.hosts).toContain(hello.primary);
    expect(hello.me).toBe(hello.primary);
    expect(hello.logicalSessionTimeoutMinutes).toBeGreaterThan(0);
    expect(hello.maxWireVersion).toBeGreaterThanOrEqual(17);
  });

  it('answers ping and buildInfo', async () => {
    expect(await t.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
    const info = await t.db.admin().buildInfo();
    expect(typeof info.version).toBe('string');
  });
});

describe('array matching semantics', () => {
  it('each range operator may be met by a different array element; $elemMatch needs one element', async () => {
    await col.insertMany([{ _id: 1, a: [1, 10] }, { _id: 2, a: [6] }, { _id: 3, a: 7 }, { _id: 4, a: [20] }]);
    const ids = async (q: Document) => (await col.find(q).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ a: { $gt: 5, $lt: 8 } })).toEqual([1, 2, 3]);
    expect(await ids({ a: { $elemMatch: { $gt: 5, $lt: 8 } } })).toEqual([2]);
    expect(await ids({ a: 10 })).toEqual([1]);
    expect(await ids({ a: { $in: [7, 20] } })).toEqual([3, 4]);
  });

  it('matches through arrays of subdocuments and numeric types compare by value', async () => {
    await col.insertMany([{ _id: 1, items: [{ sku: 'x', qty: 1 }, { sku: 'y', qty: 3 }] }, { _id: 2, items: [{ sku: 'y', qty: 1 }] }]);
    const ids = async (q: Document) => (await col.find(q).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ 'items.sku': 'y', 'items.qty': { $gte: 3 } })).toEqual([1]);
    expect(await ids({ 'items.qty': 1.0 })).toEqual([1, 2]);
    expect(await ids({ 'items.sku': { $gt: 'x' } })).toEqual([1, 2]);
  });
});
