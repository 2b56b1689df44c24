// Sessions and multi-document transactions: commit, abort, snapshot reads, write conflicts
// (112 + TransientTransactionError) retried by withTransaction, and contended atomic updates.
import { MongoClient, MongoServerError, type Collection } from 'mongodb';
import { openTarget, type LooseDoc, type Target } from './target';

let t: Target;

beforeAll(async () => { t = await openTarget('txn'); });
afterAll(async () => { await t.close(); });

function fresh(name: string): Collection<LooseDoc> {
  return t.db.collection<LooseDoc>(`${name}_${Math.random().toString(36).slice(2, 8)}`);
}

describe('transactions', () => {
  it('withTransaction commits writes to several collections together', async () => {
    const orders = fresh('orders');
    const stock = fresh('stock');
    await stock.insertOne({ _id: 'tea', n: 5 });
    await orders.insertOne({ _id: 'seed' });
    const session = t.client.startSession();
    try {
      await session.withTransaction(async () => {
        await stock.updateOne({ _id: 'tea' }, { $inc: { n: -2 } }, { session });
        await orders.insertOne({ _id: 'o1', qty: 2 }, { session });
        // Inside: own writes visible. Outside: nothing yet.
        expect(await orders.findOne({ _id: 'o1' }, { session })).toMatchObject({ qty: 2 });
        expect(await orders.findOne({ _id: 'o1' })).toBeNull();
      });
    } finally {
      await session.endSession();
    }
    expect(await stock.findOne({ _id: 'tea' })).toEqual({ _id: 'tea', n: 3 });
    expect(await orders.findOne({ _id: 'o1' })).toEqual({ _id: 'o1', qty: 2 });
  });

  it('abortTransaction discards every write', async () => {
    const col = fresh('abort');
    await col.insertOne({ _id: 1, v: 'before' });
    const session = t.client.startSession();
    session.startTransaction();
    await col.updateOne({ _id: 1 }, { $set: { v: 'during' } }, { session });
    await col.insertOne({ _id: 2 }, { session });
    await col.deleteOne({ _id: 1 }, { session });
    await session.abortTransaction();
    await session.endSession();
    expect(await col.find().toArray()).toEqual([{ _id: 1, v: 'before' }]);
  });

  it('reads inside a transaction see a snapshot', async () => {
    const col = fresh('snap');
    await col.insertMany([{ _id: 1, v: 1 }, { _id: 2, v: 1 }]);
    const session = t.client.startSession();
    session.startTransaction({ readConcern: { level: 'snapshot' } });
    expect(await col.findOne({ _id: 1 }, { session })).toEqual({ _id: 1, v: 1 });
    await col.updateOne({ _id: 1 }, { $set: { v: 2 } });
    await col.deleteOne({ _id: 2 });
    await col.insertOne({ _id: 3, v: 1 });
    expect(await col.findOne({ _id: 1 }, { session })).toEqual({ _id: 1, v: 1 });
    expect((await col.find({ v: 1 }, { session }).sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 2]);
    await session.commitTransaction();
    await session.endSession();
    expect((await col.find().sort({ _id: 1 }).toArray()).map((d) => d._id)).toEqual([1, 3]);
  });

  it('a second transaction writing the same document gets WriteConflict (112, TransientTransactionError)', async () => {
    const col = fresh('conflict');
    await col.insertOne({ _id: 1, n: 0 });
    const a = t.client.startSession();
    const b = t.client.startSession();
    a.startTransaction();
    b.startTransaction();
    await col.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: a });
    let err: unknown;
    try {
      await col.updateOne({ _id: 1 }, { $inc: { n: 10 } }, { session: b });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).code).toBe(112);
    expect((err as MongoServerError).hasErrorLabel('TransientTransactionError')).toBe(true);
    await b.abortTransaction();
    await a.commitTransaction();
    await a.endSession();
    await b.endSession();
    expect(await col.findOne({ _id: 1 })).toEqual({ _id: 1, n: 1 });
  });

  it('withTransaction retries conflicting transactions until both apply', async () => {
    const col = fresh('retry');
    await col.insertOne({ _id: 1, n: 0 });
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => { releaseFirst = resolve; });
    let secondAttempts = 0;
    const s1 = t.client.startSession();
    const s2 = t.client.startSession();
    let firstLocked!: () => void;
    const firstHasLock = new Promise<void>((resolve) => { firstLocked = resolve; });
    const first = s1.withTransaction(async () => {
      await col.updateOne({ _id: 1 }, { $inc: { n: 1 } }, { session: s1 });
      firstLocked();
      await firstHolds;
    });
    // Once the first transaction holds the document, the second conflicts until it commits.
    await firstHasLock;
    const second = s2.withTransaction(async () => {
      secondAttempts++;
      if (secondAttempts === 2) releaseFirst();
      await col.updateOne({ _id: 1 }, { $inc: { n: 10 } }, { session: s2 });
    });
    const safety = setTimeout(() => releaseFirst(), 2000);
    await Promise.all([first, second]);
    clearTimeout(safety);
    await s1.endSession();
    await s2.endSession();
    expect(secondAttempts).toBeGreaterThanOrEqual(2);
    expect(await col.findOne({ _id: 1 })).toEqual({ _id: 1, n: 11 });
  });

  it('a write outside the transaction to a document it holds waits for the commit', async () => {
    const col = fresh('wait');
    await col.insertOne({ _id: 1, n: 0 });
    const session = t.client.startSession();
    session.startTransaction();
    await col.updateOne({ _id: 1 }, { $set: { n: 1 } }, { session });
    let outsideDone = false;
    const outside = col.updateOne({ _id: 1 }, { $inc: { n: 10 } }).then((r) => { outsideDone = true; return r; });
    // The outside write cannot finish while the transaction holds the document.
    expect(await col.findOne({ _id: 1 })).toEqual({ _id: 1, n: 0 });
    expect(outsideDone).toBe(false);
    await session.commitTransaction();
    await session.endSession();
    expect((await outside).modifiedCount).toBe(1);
    expect(await col.findOne({ _id: 1 })).toEqual({ _id: 1, n: 11 });
  });

  it('findOneAndUpdate and deleteOne outside the transaction wait for it too', async () => {
    const col = fresh('wait2');
    await col.insertMany([{ _id: 1, n: 0 }, { _id: 2, n: 0 }]);
    const session = t.client.startSession();
    session.startTransaction();
    await col.updateOne({ _id: 1 }, { $set: { n: 5 } }, { session });
    await col.updateOne({ _id: 2 }, { $set: { n: 5 } }, { session });
    const settled: string[] = [];
    const fam = col.findOneAndUpdate({ _id: 1 }, { $inc: { n: 1 } }, { returnDocument: 'after' }).then((r) => { settled.push('fam'); return r; });
    const del = col.deleteOne({ _id: 2 }).then((r) => { settled.push('del'); return r; });
    await col.findOne({ _id: 1 }); // a round trip: both writes have reached the server and are waiting
    expect(settled).toEqual([]);
    await session.commitTransaction();
    await session.endSession();
    // Each saw the committed document, not the one from before the transaction.
    expect(await fam).toMatchObject({ _id: 1, n: 6 });
    expect((await del).deletedCount).toBe(1);
  });

  it('a duplicate key inside a transaction aborts it', async () => {
    const col = fresh('dup');
    await col.createIndex({ k: 1 }, { unique: true });
    await col.insertOne({ k: 'taken' });
    const session = t.client.startSession();
    await expect(session.withTransaction(async () => {
      await col.insertOne({ k: 'fresh' }, { session });
      await col.insertOne({ k: 'taken' }, { session });
    })).rejects.toMatchObject({ code: 11000 });
    await session.endSession();
    expect(await col.countDocuments({ k: 'fresh' })).toBe(0);
  });

  it('transactional order placement under contention sells exactly the stock', async () => {
    const stock = fresh('stock');
    const orders = fresh('orders');
    await stock.insertOne({ _id: 'rice', n: 10 });
    await orders.insertOne({ _id: 'seed' });
    const outcomes = await Promise.all(Array.from({ length: 20 }, async (_, i) => {
      const session = t.client.startSession();
      try {
        let sold = false;
        await session.withTransaction(async () => {
          sold = false;
          const taken = await stock.findOneAndUpdate({ _id: 'rice', n: { $gte: 1 } }, { $inc: { n: -1 } }, { session });
          if (!taken) return;
          await orders.insertOne({ _id: `o${i}` }, { session });
          sold = true;
        });
        return sold;
      } finally {
        await session.endSession();
      }
    }));
    expect(outcomes.filter(Boolean)).toHaveLength(10);
    expect(await stock.findOne({ _id: 'rice' })).toEqual({ _id: 'rice', n: 0 });
    expect(await orders.countDocuments({ _id: { $ne: 'seed' } })).toBe(10);
  });
});

describe('atomic single-document writes', () => {
  it('50 concurrent conditional decrements have exactly the right winners', async () => {
    const col = fresh('dec');
    await col.insertOne({ _id: 'item', stock: 25 });
    const clients = await Promise.all(Array.from({ length: 5 }, () => new MongoClient(t.uri, { maxPoolSize: 10 }).connect()));
    try {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => clients[i % 5]
        .db(t.db.databaseName).collection<LooseDoc>(col.collectionName)
        .updateOne({ _id: 'item', stock: { $gte: 2 } }, { $inc: { stock: -2 } })));
      const winners = results.filter((r) => r.modifiedCount === 1).length;
      expect(winners).toBe(12);
      expect(await col.findOne({ _id: 'item' })).toEqual({ _id: 'item', stock: 1 });
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });

  it('concurrent upserts on one key create one document', async () => {
    const col = fresh('ups');
    await col.createIndex({ key: 1 }, { unique: true });
    await Promise.all(Array.from({ length: 20 }, () => col.updateOne({ key: 'k' }, { $inc: { hits: 1 } }, { upsert: true })));
    expect(await col.countDocuments()).toBe(1);
    expect((await col.findOne({ key: 'k' }))?.hits).toBe(20);
  });
});
