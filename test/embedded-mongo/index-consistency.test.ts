// Index answers must equal collection-scan answers. Two collections receive the same random
// documents and the same random updates and deletes; one has indexes, the other only _id.
// Random queries (equality, $in, ranges, compound prefixes, arrays, mixed types) must return
// identical results from both.
import type { Collection, Document } from 'mongodb';
import { openTarget, type LooseDoc, type Target } from './target';

let t: Target;
let indexed: Collection<LooseDoc>;
let plain: Collection<LooseDoc>;

function rng(seed: number): () => number {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s / 0x7fffffff; };
}
const rand = rng(7);
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];

const VALUES: unknown[] = [0, 1, 2, 2.5, -1, 10, 'a', 'b', 'ab', '', true, false, null, new Date(1000), new Date(2000)];
function randomValue(): unknown {
  const r = rand();
  if (r < 0.1) return [pick(VALUES), pick(VALUES)];
  return pick(VALUES);
}
function randomDoc(i: number): LooseDoc {
  const d: LooseDoc = { _id: i };
  if (rand() < 0.9) d.a = randomValue();
  if (rand() < 0.9) d.b = randomValue();
  if (rand() < 0.5) d.c = { d: pick(VALUES) };
  return d;
}
function randomCondition(): unknown {
  const v = pick(VALUES.filter((x) => x !== null));
  switch (Math.floor(rand() * 6)) {
    case 0: return v;
    case 1: return { $in: [v, pick(VALUES.filter((x) => x !== null))] };
    case 2: return { $gt: v };
    case 3: return { $lte: v };
    case 4: return { $gte: v, $lt: pick(VALUES.filter((x) => x !== null)) };
    default: return { $eq: v };
  }
}
function randomFilter(): Document {
  const f: Document = {};
  const fields = ['a', 'b', 'c.d'];
  const n = 1 + Math.floor(rand() * 2);
  for (let i = 0; i < n; i++) f[pick(fields)] = randomCondition();
  return f;
}

beforeAll(async () => {
  t = await openTarget('consistency');
  indexed = t.db.collection<LooseDoc>('indexed');
  plain = t.db.collection<LooseDoc>('plain');
  await indexed.createIndex({ a: 1 });
  await indexed.createIndex({ b: 1, a: -1 });
  await indexed.createIndex({ 'c.d': 1 });
  const docs = Array.from({ length: 600 }, (_, i) => randomDoc(i));
  await indexed.insertMany(docs);
  await plain.insertMany(docs);
  for (let i = 0; i < 150; i++) {
    const filter = { _id: Math.floor(rand() * 600) };
    if (rand() < 0.3) {
      await indexed.deleteOne(filter);
      await plain.deleteOne(filter);
    } else {
      const update = { $set: { a: randomValue(), 'c.d': pick(VALUES) } };
      await indexed.updateOne(filter, update);
      await plain.updateOne(filter, update);
    }
  }
});
afterAll(async () => { await t.close(); });

it('indexed and unindexed collections answer 300 random queries identically', async () => {
  for (let i = 0; i < 300; i++) {
    const filter = randomFilter();
    const [x, y] = await Promise.all([
      indexed.find(filter).sort({ _id: 1 }).toArray(),
      plain.find(filter).sort({ _id: 1 }).toArray(),
    ]);
    if (JSON.stringify(x.map((d) => d._id)) !== JSON.stringify(y.map((d) => d._id))) {
      throw new Error(`mismatch for ${JSON.stringify(filter)}: indexed ${x.length} docs, scan ${y.length} docs`);
    }
  }
});

it('sorted, limited finds served in index order equal in-memory sorts', async () => {
  const a = t.db.collection<LooseDoc>('orders_indexed');
  const b = t.db.collection<LooseDoc>('orders_plain');
  await a.createIndex({ shop: 1, createdAt: -1 });
  await a.createIndex({ createdAt: 1 });
  const docs: LooseDoc[] = Array.from({ length: 800 }, (_, i) => {
    const d: LooseDoc = { _id: i, shop: `s${Math.floor(rand() * 5)}`, total: Math.floor(rand() * 100) };
    if (rand() < 0.95) d.createdAt = new Date(1_700_000_000_000 + Math.floor(rand() * 1e9) * 1000 + i);
    return d;
  });
  await a.insertMany(docs);
  await b.insertMany(docs);
  for (let i = 0; i < 120; i++) {
    const filter: Document = rand() < 0.7 ? { shop: `s${Math.floor(rand() * 5)}` } : {};
    if (rand() < 0.3) filter.total = { $gte: Math.floor(rand() * 100) };
    const dir = rand() < 0.5 ? 1 : -1;
    const limit = 1 + Math.floor(rand() * 40);
    const skip = Math.floor(rand() * 10);
    const run = (c: Collection<LooseDoc>) => c.find(filter).sort({ createdAt: dir }).skip(skip).limit(limit).toArray();
    const [x, y] = await Promise.all([run(a), run(b)]);
    const key = (ds: LooseDoc[]) => JSON.stringify(ds.map((d) => (d.createdAt instanceof Date ? d.createdAt.getTime() : null)));
    if (key(x) !== key(y)) throw new Error(`order mismatch for ${JSON.stringify(filter)} sort ${dir} skip ${skip} limit ${limit}`);
  }
});
