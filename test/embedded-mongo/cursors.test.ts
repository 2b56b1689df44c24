// Cursor paging: 1,000+ documents come back through getMore in driver-sized batches, a
// killed cursor is gone (CursorNotFound), and cursor ids are 64-bit.
import type { Collection, Long } from 'mongodb';
import { openTarget, type LooseDoc, type Target } from './target';

let t: Target;
let col: Collection<LooseDoc>;
const N = 1500;

beforeAll(async () => {
  t = await openTarget('cursors');
  col = t.db.collection<LooseDoc>('paging');
  await col.insertMany(Array.from({ length: N }, (_, i) => ({ _id: i, pad: 'x'.repeat(100), even: i % 2 === 0 })));
});
afterAll(async () => { await t.close(); });

describe('paging', () => {
  it('returns every document exactly once across getMore batches', async () => {
    const seen: number[] = [];
    for await (const doc of col.find({}).sort({ _id: 1 })) seen.push(doc._id as number);
    expect(seen).toEqual(Array.from({ length: N }, (_, i) => i));
  });

  it('first batch is 101 by default and later batches follow batchSize', async () => {
    const first = await t.db.command({ find: 'paging', filter: {}, sort: { _id: 1 } });
    expect(first.cursor.firstBatch).toHaveLength(101);
    // Cursor ids are 64-bit; the driver hands big ones back as Long.
    expect(BigInt(String(first.cursor.id))).not.toBe(0n);
    const more = await t.db.command({ getMore: first.cursor.id, collection: 'paging', batchSize: 250 });
    expect(more.cursor.nextBatch).toHaveLength(250);
    expect(more.cursor.nextBatch[0]._id).toBe(101);
    await t.db.command({ killCursors: 'paging', cursors: [first.cursor.id] });
  });

  it('a fully drained cursor has id 0', async () => {
    const res = await t.db.command({ find: 'paging', filter: { _id: { $lt: 10 } } });
    expect(res.cursor.firstBatch).toHaveLength(10);
    expect(Number(res.cursor.id)).toBe(0);
  });

  it('killCursors kills the cursor and getMore then fails with CursorNotFound (43)', async () => {
    const first = await t.db.command({ find: 'paging', filter: {}, batchSize: 5 });
    const killed = await t.db.command({ killCursors: 'paging', cursors: [first.cursor.id] });
    expect(killed.cursorsKilled.map(String)).toEqual([String(first.cursor.id)]);
    await expect(t.db.command({ getMore: first.cursor.id, collection: 'paging' })).rejects.toMatchObject({ code: 43 });
  });

  it('driver cursor.close() kills a partially read cursor', async () => {
    const cursor = col.find({ even: true }).batchSize(10);
    const firstDoc = await cursor.next();
    expect(firstDoc?.even).toBe(true);
    const id = cursor.id as Long;
    expect(id.isZero()).toBe(false);
    await cursor.close();
    await expect(t.db.command({ getMore: id, collection: 'paging' })).rejects.toMatchObject({ code: 43 });
  });

  it('limit and skip page through results', async () => {
    const page = await col.find({ even: true }).sort({ _id: -1 }).skip(20).limit(5).toArray();
    expect(page.map((d) => d._id)).toEqual([1458, 1456, 1454, 1452, 1450]);
  });

  it('aggregate results larger than a batch page too', async () => {
    const out = await col.aggregate([{ $match: { even: false } }, { $project: { _id: 1 } }], { batchSize: 50 }).toArray();
    expect(out).toHaveLength(N / 2);
  });
});
