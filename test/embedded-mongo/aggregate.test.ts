// Aggregation pipelines through the driver, including $lookup, $facet and $unwind.
import type { Collection } from 'mongodb';
import { openTarget, type LooseDoc, type Target } from './target';

let t: Target;
let orders: Collection<LooseDoc>;
let users: Collection<LooseDoc>;

beforeAll(async () => {
  t = await openTarget('aggregate');
  orders = t.db.collection<LooseDoc>('orders');
  users = t.db.collection<LooseDoc>('users');
  await users.insertMany([{ _id: 'u1', name: 'Li' }, { _id: 'u2', name: 'Wang' }]);
  await orders.insertMany([
    { _id: 1, user: 'u1', status: 'paid', total: 30, items: [{ sku: 'tea', qty: 2 }, { sku: 'rice', qty: 1 }] },
    { _id: 2, user: 'u1', status: 'shipped', total: 15, items: [{ sku: 'tea', qty: 1 }] },
    { _id: 3, user: 'u2', status: 'paid', total: 50, items: [{ sku: 'oil', qty: 5 }] },
    { _id: 4, user: 'u2', status: 'cancelled', total: 5, items: [] },
  ]);
});
afterAll(async () => { await t.close(); });

it('$match $group $sort', async () => {
  const out = await orders.aggregate([
    { $match: { status: { $ne: 'cancelled' } } },
    { $group: { _id: '$user', total: { $sum: '$total' }, n: { $sum: 1 } } },
    { $sort: { total: -1 } },
  ]).toArray();
  expect(out).toEqual([{ _id: 'u2', total: 50, n: 1 }, { _id: 'u1', total: 45, n: 2 }]);
});

it('$unwind $project $addFields $limit $skip', async () => {
  const out = await orders.aggregate([
    { $unwind: '$items' },
    { $project: { _id: 0, order: '$_id', sku: '$items.sku', qty: '$items.qty' } },
    { $addFields: { double: { $multiply: ['$qty', 2] } } },
    { $sort: { order: 1, sku: 1 } },
    { $skip: 1 },
    { $limit: 2 },
  ]).toArray();
  expect(out).toEqual([{ order: 1, sku: 'tea', qty: 2, double: 4 }, { order: 2, sku: 'tea', qty: 1, double: 2 }]);
});

it('$lookup joins another collection', async () => {
  const out = await orders.aggregate([
    { $match: { _id: 3 } },
    { $lookup: { from: 'users', localField: 'user', foreignField: '_id', as: 'buyer' } },
    { $project: { buyerName: { $arrayElemAt: ['$buyer.name', 0] } } },
  ]).toArray();
  expect(out).toEqual([{ _id: 3, buyerName: 'Wang' }]);
});

it('$facet $count $sortByCount', async () => {
  const [out] = await orders.aggregate([
    { $facet: {
      count: [{ $count: 'n' }],
      byStatus: [{ $sortByCount: '$status' }, { $sort: { count: -1, _id: 1 } }],
    } },
  ]).toArray();
  expect(out.count).toEqual([{ n: 4 }]);
  expect(out.byStatus).toEqual([{ _id: 'paid', count: 2 }, { _id: 'cancelled', count: 1 }, { _id: 'shipped', count: 1 }]);
});

it('rejects an unknown stage with an error naming it', async () => {
  await expect(orders.aggregate([{ $frobnicate: {} }]).toArray()).rejects.toThrow(/\$frobnicate/);
});

it('$sort uses BSON order across types, and arrays sort by their smallest element', async () => {
  const mixed = t.db.collection<LooseDoc>('mixed');
  await mixed.insertMany([
    { _id: 1, v: 'b' }, { _id: 2, v: 3 }, { _id: 3, v: null }, { _id: 4, v: [5, 1] }, { _id: 5, v: true }, { _id: 6, v: 2 },
  ]);
  const asc = await mixed.aggregate([{ $sort: { v: 1, _id: 1 } }, { $project: { _id: 1 } }]).toArray();
  expect(asc.map((d) => d._id)).toEqual([3, 4, 6, 2, 1, 5]);
  const inFacet = await mixed.aggregate([{ $facet: { top: [{ $sort: { v: -1, _id: 1 } }, { $limit: 2 }] } }]).toArray();
  expect(inFacet[0].top.map((d: LooseDoc) => d._id)).toEqual([5, 1]);
});

it('$out replaces the target collection with the results and keeps its indexes', async () => {
  const summary = t.db.collection<LooseDoc>('summary');
  await summary.insertOne({ _id: 'stale' });
  await summary.createIndex({ total: 1 });
  await orders.aggregate([{ $group: { _id: '$user', total: { $sum: '$total' } } }, { $out: 'summary' }]).toArray();
  expect(await summary.find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 'u1', total: 45 }, { _id: 'u2', total: 55 }]);
  expect((await summary.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'total_1']);
  await expect(orders.aggregate([{ $out: 'summary' }, { $match: {} }]).toArray()).rejects.toThrow(/\$out/);
});
