// Update validation as mongod 7.0 does it: every update the server refuses fails with mongod's
// code and leaves the document untouched (no silent wrong answers), number types survive
// arithmetic as far as the driver can see them, and filters compare across number types but
// never across type brackets.
import { Double, Int32, Long, type Collection, type Document } from 'mongodb';
import { openTarget, type LooseDoc, type Target } from './target';

let t: Target;
let col: Collection<LooseDoc>;

beforeAll(async () => { t = await openTarget('updsem'); });
afterAll(async () => { await t.close(); });
beforeEach(async () => {
  col = t.db.collection<LooseDoc>(`u${Math.random().toString(36).slice(2, 8)}`);
});

const SEED = { _id: 1, a: 1, s: 'str', n: null, arr: [1, 2], o: { x: 1 }, items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }] };

/** Empties the collection and inserts a fresh copy of SEED. */
async function seed(): Promise<void> {
  await col.deleteMany({});
  await col.insertOne({ ...SEED });
}

/** Runs `update` against a fresh copy of SEED, expects mongod's error, and an unchanged doc. */
async function rejects(update: Document, code: number, message?: RegExp, options: Document = {}, filter: Document = { _id: 1 }): Promise<void> {
  await seed();
  const err = await col.updateOne(filter, update, options).then(() => undefined, (e: unknown) => e as { code?: number; message: string });
  expect(err).toBeDefined();
  expect({ code: err?.code, update }).toEqual({ code, update });
  if (message) expect(err?.message).toMatch(message);
  expect(await col.find({}).toArray()).toEqual([SEED]);
}

describe('conflicting paths (40 ConflictingUpdateOperators)', () => {
  it('rejects two operators or two fields that touch overlapping paths', async () => {
    await rejects({ $set: { 'x.y': 1, x: 2 } }, 40, /would create a conflict at 'x'/);
    await rejects({ $set: { x: 2, 'x.y': 1 } }, 40, /would create a conflict at 'x'/);
    await rejects({ $set: { o: 1 }, $inc: { 'o.x': 1 } }, 40);
    await rejects({ $inc: { a: 1 }, $mul: { a: 2 } }, 40);
    await rejects({ $rename: { a: 'b' }, $set: { b: 1 } }, 40);
    await rejects({ $rename: { a: 'b' }, $unset: { a: 1 } }, 40);
    // $setOnInsert counts even when the update matches a document and inserts nothing.
    await rejects({ $setOnInsert: { q: 1 }, $set: { q: 2 } }, 40);
  });

  it('rejects an upsert whose $setOnInsert and $addToSet share a path, inserting nothing', async () => {
    const err = await col
      .updateOne({ a: 1 }, { $setOnInsert: { roles: ['b'] }, $addToSet: { roles: 'o' } }, { upsert: true })
      .catch((e: { code: number; message: string }) => e);
    expect(err).toMatchObject({ code: 40 });
    expect((err as { message: string }).message).toMatch(/Updating the path 'roles' would create a conflict at 'roles'/);
    expect(await col.countDocuments()).toBe(0);
  });

  it('allows sibling paths that only share a prefix of characters', async () => {
    await col.insertOne({ _id: 1 });
    await col.updateOne({ _id: 1 }, { $set: { 'p.a': 1, 'p.ab': 2, pa: 3 } });
    expect(await col.findOne({ _id: 1 })).toEqual({ _id: 1, p: { a: 1, ab: 2 }, pa: 3 });
  });
});

describe('$inc and $mul (14 TypeMismatch)', () => {
  it('rejects a non-numeric argument, whether or not a document matches', async () => {
    await rejects({ $inc: { a: 'x' } }, 14, /Cannot increment with non-numeric argument: \{a: "x"\}/);
    await rejects({ $mul: { a: 'x' } }, 14, /Cannot multiply with non-numeric argument/);
    await rejects({ $inc: { a: null } }, 14);
    await rejects({ $inc: { a: 'x' } }, 14, undefined, {}, { _id: 'no such document' });
  });

  it('rejects arithmetic on a field that holds a non-number', async () => {
    await rejects({ $inc: { s: 1 } }, 14, /Cannot apply \$inc to a value of non-numeric type.*has the field 's' of non-numeric type string/);
    await rejects({ $mul: { s: 2 } }, 14, /Cannot apply \$mul to a value of non-numeric type/);
    await rejects({ $inc: { n: 1 } }, 14, /non-numeric type null/);
    await rejects({ $inc: { o: 1 } }, 14, /non-numeric type object/);
    await rejects({ $inc: { 'items.0.sku': 1 } }, 14);
    await rejects({ $inc: { 'items.$[].sku': 1 } }, 14);
    // The whole update fails: the $set that came first is not applied either.
    await rejects({ $set: { a: 9 }, $inc: { s: 1 } }, 14);
  });

  it('reports the error from findOneAndUpdate with its codeName', async () => {
    await seed();
    await expect(col.findOneAndUpdate({ _id: 1 }, { $inc: { s: 1 } })).rejects.toMatchObject({ code: 14, codeName: 'TypeMismatch' });
    await expect(col.findOneAndUpdate({ _id: 1 }, { $set: { x: 1, 'x.y': 2 } })).rejects.toMatchObject({ code: 40, codeName: 'ConflictingUpdateOperators' });
    expect(await col.findOne({ _id: 1 })).toEqual(SEED);
  });

  it('keeps a string stock out of numeric guards and never concatenates', async () => {
    await col.insertOne({ _id: 'tea', stock: '5' });
    const res = await col.updateOne({ _id: 'tea', stock: { $gte: 2 } }, { $inc: { stock: -2 } });
    expect(res.matchedCount).toBe(0);
    await expect(col.updateOne({ _id: 'tea' }, { $inc: { stock: -2 } })).rejects.toMatchObject({ code: 14 });
    expect(await col.findOne({ _id: 'tea' })).toEqual({ _id: 'tea', stock: '5' });
  });

  it('creates missing fields and keeps int and double results typed as mongod does', async () => {
    await col.insertOne({ _id: 1, i: 1, d: 1.5 });
    await col.updateOne({ _id: 1 }, { $inc: { i: 2, d: 1, fresh: 4 }, $mul: { zero: 3 } });
    const doc = await col.findOne({ _id: 1 }, { promoteValues: false });
    expect(doc?.i).toBeInstanceOf(Int32);
    expect(Number(doc?.i)).toBe(3);
    expect(doc?.d).toBeInstanceOf(Double);
    expect(Number(doc?.d)).toBe(2.5);
    expect(Number(doc?.fresh)).toBe(4);
    expect(Number(doc?.zero)).toBe(0);
  });
});

describe('number types of arithmetic results', () => {
  it('turns an overflowing int32 $inc or $mul into an int64 that later updates and queries use', async () => {
    await col.insertOne({ _id: 1, n: 2147483647, m: 65536, d: 1 });
    await col.updateOne({ _id: 1 }, { $inc: { n: 1, d: 0.5 }, $mul: { m: 65536 } });
    let doc = await col.findOne({ _id: 1 }, { promoteValues: false });
    expect(doc?.n).toBeInstanceOf(Long);
    expect(String(doc?.n)).toBe('2147483648');
    expect(doc?.m).toBeInstanceOf(Long);
    expect(String(doc?.m)).toBe('4294967296');
    expect(doc?.d).toBeInstanceOf(Double);
    expect(await col.countDocuments({ n: { $type: 'long' } })).toBe(1);
    expect(await col.findOne({ _id: 1 })).toEqual({ _id: 1, n: 2147483648, m: 4294967296, d: 1.5 });

    // An int64 stays an int64, and compares by value with other number types.
    await col.updateOne({ _id: 1 }, { $inc: { n: -1 } });
    doc = await col.findOne({ _id: 1 }, { promoteValues: false });
    expect(doc?.n).toBeInstanceOf(Long);
    expect(String(doc?.n)).toBe('2147483647');
    expect(await col.countDocuments({ n: 2147483647 })).toBe(1);
    expect(await col.countDocuments({ $or: [{ n: { $gte: 2147483647 } }, { n: 'x' }] })).toBe(1);
    expect(await col.countDocuments({ m: { $gt: 4294967295, $ne: 0 } })).toBe(1);
    const [sum] = await col.aggregate([{ $group: { _id: null, total: { $sum: '$n' } } }]).toArray();
    expect(sum.total).toBe(2147483647);
  });

  it('applies $min and $max in BSON order across types', async () => {
    await col.insertOne({ _id: 1, a: 5, s: 'str', when: new Date(1000) });
    await col.updateOne({ _id: 1 }, { $max: { a: 'x', fresh: 3 }, $min: { s: 0, when: new Date(0) } });
    expect(await col.findOne({ _id: 1 })).toEqual({ _id: 1, a: 'x', s: 0, when: new Date(0), fresh: 3 });
    const res = await col.updateOne({ _id: 1 }, { $min: { fresh: 4 }, $max: { fresh2: null } });
    expect(res.modifiedCount).toBe(1);
    expect(await col.findOne({ _id: 1 })).toEqual({ _id: 1, a: 'x', s: 0, when: new Date(0), fresh: 3, fresh2: null });
  });
});

describe('array operators on non-arrays', () => {
  it('answers as mongod: $push/$addToSet/$pull 2 BadValue, $pop 14 TypeMismatch', async () => {
    await rejects({ $push: { s: 1 } }, 2, /must be an array but is of type string/);
    await rejects({ $addToSet: { s: 1 } }, 2, /Cannot apply \$addToSet to non-array field/);
    await rejects({ $pull: { s: 1 } }, 2, /Cannot apply \$pull to a non-array value/);
    await rejects({ $pullAll: { s: [1] } }, 2);
    await rejects({ $pop: { s: 1 } }, 14, /contains an element of non-array type 'string'/);
    await rejects({ $push: { 'o.x': 1 } }, 2);
  });

  it('validates $push/$addToSet modifiers and $pop arguments', async () => {
    await rejects({ $push: { arr: { $each: 3 } } }, 2, /\$each in \$push must be an array/);
    await rejects({ $push: { arr: { $each: [3], $slice: 'x' } } }, 2, /\$slice/);
    await rejects({ $push: { arr: { $each: [3], $position: 'x' } } }, 2, /\$position/);
    await rejects({ $push: { arr: { $each: [3], $sort: 2 } } }, 2, /\$sort/);
    await rejects({ $push: { arr: { $each: [3], $bogus: 1 } } }, 2);
    await rejects({ $addToSet: { arr: { $each: 3 } } }, 2);
    await rejects({ $pop: { arr: 2 } }, 9, /\$pop expects 1 or -1/);
    await rejects({ $pullAll: { arr: 1 } }, 2);
  });

  it('applies $push with $each, $position, $sort and $slice, and $addToSet with $each', async () => {
    await col.insertOne({ _id: 1, arr: [5, 1], set: ['a'] });
    await col.updateOne({ _id: 1 }, { $push: { arr: { $each: [9, 3], $position: 0 } } } as Document);
    expect((await col.findOne({ _id: 1 }))?.arr).toEqual([9, 3, 5, 1]);
    await col.updateOne({ _id: 1 }, { $push: { arr: { $each: [7], $sort: 1, $slice: 3 } } } as Document);
    expect((await col.findOne({ _id: 1 }))?.arr).toEqual([1, 3, 5]);
    await col.updateOne({ _id: 1 }, { $addToSet: { set: { $each: ['a', 'b', 'b'] } }, $pop: { missing: 1 } });
    expect(await col.findOne({ _id: 1 })).toEqual({ _id: 1, arr: [1, 3, 5], set: ['a', 'b'] });
  });
  it('compares $addToSet values by BSON equality: field order matters, number type does not', async () => {
    await col.insertOne({ _id: 1, objs: [{ a: 1, b: 1 }], nums: [1] });
    const res = await col.updateOne({ _id: 1 }, { $addToSet: { objs: { b: 1, a: 1 }, nums: { $each: [new Double(1), 2, 2] } } } as Document);
    expect(res.modifiedCount).toBe(1);
    expect(await col.findOne({ _id: 1 })).toEqual({ _id: 1, objs: [{ a: 1, b: 1 }, { b: 1, a: 1 }], nums: [1, 2] });
    await col.updateOne({ _id: 1 }, { $addToSet: { fresh: { $each: [] } } } as Document);
    expect((await col.findOne({ _id: 1 }))?.fresh).toEqual([]);
  });
});

describe('other argument and target checks', () => {
  it('refuses to modify _id (66 ImmutableField) but allows setting it to the same value', async () => {
    await rejects({ $set: { _id: 2 } }, 66, /Performing an update on the path '_id' would modify the immutable field '_id'/);
    await rejects({ $unset: { _id: 1 } }, 66);
    await rejects({ $inc: { _id: 1 } }, 66);
    await seed();
    await col.updateOne({ _id: 1 }, { $set: { _id: 1, a: 2 } });
    expect(await col.findOne({ _id: 1 })).toMatchObject({ _id: 1, a: 2 });
  });

  it('creates no field through a scalar (28 PathNotViable)', async () => {
    await rejects({ $set: { 'a.y': 1 } }, 28, /Cannot create field 'y' in element \{a: 1\}/);
    await rejects({ $inc: { 's.len': 1 } }, 28);
    await rejects({ $set: { 'items.sku': 'z' } }, 28);
    // Removing through a scalar is a no-op, not an error.
    await seed();
    const res = await col.updateOne({ _id: 1 }, { $unset: { 'a.y': 1 } });
    expect(res.modifiedCount).toBe(0);
  });

  it('treats an empty operator as a no-op and {} as a replacement', async () => {
    await seed();
    const res = await col.updateOne({ _id: 1 }, { $set: {} });
    expect([res.matchedCount, res.modifiedCount]).toEqual([1, 0]);
    expect(await col.findOne({ _id: 1 })).toEqual(SEED);
    await col.replaceOne({ _id: 1 }, {});
    expect(await col.findOne({ _id: 1 })).toEqual({ _id: 1 });
  });

  it('rejects a top-level $-prefixed field when modifying (52) but accepts one nested in a value', async () => {
    await rejects({ $set: { $price: 1 } }, 52);
    await seed();
    await col.updateOne({ _id: 1 }, { $set: { meta: { $note: 'kept' } } });
    expect((await col.findOne({ _id: 1 }))?.meta).toEqual({ $note: 'kept' });
  });

  it('validates $rename, $currentDate and $bit arguments (2 BadValue) and operator shapes (9)', async () => {
    await rejects({ $rename: { a: 'a' } }, 2, /must differ/);
    await rejects({ $rename: { a: 1 } }, 2, /must be a string/);
    await rejects({ $rename: { o: 'o.x' } }, 2);
    await rejects({ $rename: { 'items.0.sku': 'code' } }, 2, /source field cannot be an array element/);
    await rejects({ $rename: { a: 'items.0.a' } }, 2, /destination field cannot be an array element/);
    await rejects({ $currentDate: { d: 'x' } }, 2);
    await rejects({ $currentDate: { d: { $type: 'string' } } }, 2);
    await rejects({ $set: 5 }, 9);
    await rejects({ $frobnicate: { a: 1 } }, 9);
    await rejects({ $bit: { a: { or: 'x' } } }, 2);
    await rejects({ $bit: { a: { nand: 1 } } }, 2);
    await rejects({ $bit: { a: 5 } }, 2);
    await rejects({ $bit: { s: { or: 1 } } }, 2, /non-integral/);
    await rejects({ $set: { '': 1 } }, 56);
    await rejects({ $set: { 'a..b': 1 } }, 56);
  });

  it('$rename moves fields, overwrites the destination and ignores a missing source', async () => {
    await col.insertOne({ _id: 1, a: 1, s: 'str', o: { x: 1 } });
    await col.updateOne({ _id: 1 }, { $rename: { a: 's', 'o.x': 'p.y', nope: 'z' } });
    expect(await col.findOne({ _id: 1 })).toEqual({ _id: 1, s: 1, o: {}, p: { y: 1 } });
  });

  it('needs the filter to match an array element for positional $ (2)', async () => {
    await rejects({ $set: { 'items.$.qty': 5 } }, 2, /positional operator did not find the match needed from the query/);
    await seed();
    await col.updateOne({ _id: 1, 'items.sku': 'b' }, { $inc: { 'items.$.qty': 3 } });
    expect((await col.findOne({ _id: 1 }))?.items).toEqual([{ sku: 'a', qty: 1 }, { sku: 'b', qty: 5 }]);
  });

  it('checks array filters: a missing identifier (2), an unused filter (9), $[] on a non-array (2)', async () => {
    await rejects({ $set: { 'items.$[it].qty': 0 } }, 2, /No array filter found for identifier 'it' in path 'items.\$\[it\].qty'/);
    await rejects({ $set: { 'items.$[].qty': 0 } }, 9, /array filter for identifier 'it' was not used/, { arrayFilters: [{ 'it.sku': 'a' }] });
    await rejects({ $set: { 'items.$[it].qty': 0 } }, 2, undefined, { arrayFilters: [{ 'It.sku': 'a' }] });
    await rejects({ $set: { 'items.$[it].qty': 0 } }, 9, undefined, { arrayFilters: [{ 'it.sku': 'a' }, { 'it.qty': 1 }] });
    await rejects({ $set: { 's.$[].x': 0 } }, 2);
    await seed();
    await col.updateOne({ _id: 1 }, { $inc: { 'items.$[it].qty': 10 } }, { arrayFilters: [{ 'it.sku': 'b' }] });
    expect((await col.findOne({ _id: 1 }))?.items).toEqual([{ sku: 'a', qty: 1 }, { sku: 'b', qty: 12 }]);
  });

  it('applies array filters with $or and nested $[] to exactly the matching elements', async () => {
    await col.insertOne({ _id: 1, o: [{ a: 1, b: 2, t: [1, 2] }, { a: 3, b: 4, t: [3] }, { a: 5, b: 100, t: [] }] });
    await col.updateOne(
      { _id: 1 },
      { $set: { 'o.$[e].c': 9 }, $inc: { 'o.$[].t.$[big]': 10 } },
      { arrayFilters: [{ $or: [{ 'e.a': 3 }, { 'e.b': 100 }] }, { big: { $gte: 2 } }] },
    );
    expect((await col.findOne({ _id: 1 }))?.o).toEqual([
      { a: 1, b: 2, t: [1, 12] },
      { a: 3, b: 4, t: [13], c: 9 },
      { a: 5, b: 100, t: [], c: 9 },
    ]);
  });
});

describe('multi-document updates and transactions', () => {
  it('updateMany stops at the first failing document, keeping the writes before it', async () => {
    await col.insertMany([{ _id: 1, n: 1 }, { _id: 2, n: 'x' }, { _id: 3, n: 3 }]);
    await expect(col.updateMany({}, { $inc: { n: 1 } })).rejects.toMatchObject({ code: 14 });
    expect(await col.find({}).sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, n: 2 }, { _id: 2, n: 'x' }, { _id: 3, n: 3 }]);
  });

  it('a failing update inside a transaction changes nothing once the transaction aborts', async () => {
    await col.insertOne({ _id: 1, stock: 5, label: 'x' });
    const session = t.client.startSession();
    try {
      await expect(
        session.withTransaction(async () => {
          await col.updateOne({ _id: 1 }, { $inc: { stock: -2 } }, { session });
          await col.updateOne({ _id: 1 }, { $inc: { label: 1 } }, { session });
        }),
      ).rejects.toMatchObject({ code: 14 });
    } finally {
      await session.endSession();
    }
    expect(await col.findOne({ _id: 1 })).toEqual({ _id: 1, stock: 5, label: 'x' });
  });
  it('a failed statement aborts the transaction: commit then fails with 251 NoSuchTransaction', async () => {
    await col.insertOne({ _id: 1, stock: 5, label: 'x' });
    const session = t.client.startSession();
    try {
      session.startTransaction();
      await col.updateOne({ _id: 1 }, { $inc: { stock: -2 } }, { session });
      await expect(col.updateOne({ _id: 1 }, { $inc: { label: 1 } }, { session })).rejects.toMatchObject({ code: 14 });
      await expect(session.commitTransaction()).rejects.toMatchObject({ code: 251 });
    } finally {
      await session.endSession();
    }
    expect(await col.findOne({ _id: 1 })).toEqual({ _id: 1, stock: 5, label: 'x' });
  });

  it('an upsert that fails validation inserts nothing', async () => {
    await expect(col.updateOne({ sku: 'x' }, { $inc: { stock: 'many' } } as Document, { upsert: true })).rejects.toMatchObject({ code: 14 });
    await expect(col.updateOne({ arr: 1 }, { $set: { 'arr.$': 2 } }, { upsert: true })).rejects.toMatchObject({ code: 2 });
    expect(await col.countDocuments()).toBe(0);
  });
});

describe('filters across number types and type brackets', () => {
  it('compares int, long and double by value, and never numbers with strings', async () => {
    await col.insertMany([
      { _id: 1, n: new Int32(5) },
      { _id: 2, n: Long.fromNumber(5) },
      { _id: 3, n: new Double(5.5) },
      { _id: 4, n: '5' },
      { _id: 5, n: '10' },
    ]);
    const ids = async (q: Document) => (await col.find(q).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ n: 5 })).toEqual([1, 2]);
    expect(await ids({ n: Long.fromNumber(5) })).toEqual([1, 2]);
    expect(await ids({ n: { $gte: new Double(5) } })).toEqual([1, 2, 3]);
    expect(await ids({ n: { $gt: 2, $lt: Long.fromNumber(6) } })).toEqual([1, 2, 3]);
    expect(await ids({ n: { $gte: 2 } })).toEqual([1, 2, 3]);
    expect(await ids({ n: { $gte: '2' } })).toEqual([4]);
    expect(await ids({ n: { $lt: '6' } })).toEqual([4, 5]);
    expect(await ids({ $or: [{ n: { $lt: 5.5 } }, { n: 'x' }] })).toEqual([1, 2]);
  });

  it('distinguishes int, double and long in $type', async () => {
    await col.insertMany([
      { _id: 1, n: 5 },
      { _id: 2, n: 5.5 },
      { _id: 3, n: Long.fromString('9007199254740993') },
      { _id: 4, n: '5' },
      { _id: 5, n: [1.5, 'a'] },
    ]);
    const ids = async (q: Document) => (await col.find(q).sort({ _id: 1 }).toArray()).map((d) => d._id);
    expect(await ids({ n: { $type: 'int' } })).toEqual([1]);
    expect(await ids({ n: { $type: 16 } })).toEqual([1]);
    expect(await ids({ n: { $type: 'double' } })).toEqual([2, 5]);
    expect(await ids({ n: { $type: 'long' } })).toEqual([3]);
    expect(await ids({ n: { $type: 'number' } })).toEqual([1, 2, 3, 5]);
    expect(await ids({ n: { $type: ['int', 'string'] } })).toEqual([1, 4, 5]);
    expect(await ids({ n: { $type: 'array' } })).toEqual([5]);
    await expect(col.find({ n: { $type: 'nonsense' } }).toArray()).rejects.toMatchObject({ code: 2 });
  });
});
