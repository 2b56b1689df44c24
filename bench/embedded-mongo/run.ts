// Benchmark of the embedded MongoDB-compatible server through the official driver: for 1k and
// 100k documents, inserts/s, indexed point finds/s and conditional $inc updates/s, in memory
// and on disk (journal + fsync), plus the 100k/1k time ratio of indexed finds (ideally ~1).
// The server runs in its own process, as with `npm run db`, so client and server do not
// share one event loop.
// Run: npx tsx bench/embedded-mongo/run.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { uriForDb } from '../../server/embedded-mongo/index';
import { startServer } from '../embedded-process';
import { parallel, timed } from '../measure';

const SIZES = [1_000, 100_000];
const POINT_OPS = 5_000;
const CONCURRENCY = 8;
const SCAN_OPS = 200;

interface Figures { insertsPerSec: number; insertOnePerSec: number; findsPerSec: number; scanFindsPerSec: number; updatesPerSec: number; findMicros: number }

function rng(seed: number): () => number {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s / 0x7fffffff; };
}

async function measure(n: number, inMemory: boolean): Promise<Figures> {
  const dir = inMemory ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-mongo-bench-'));
  const server = await startServer(inMemory ? ['--inMemory'] : ['--dbpath', dir as string]);
  const client = await new MongoClient(uriForDb(server.uri, 'bench'), { maxPoolSize: CONCURRENCY }).connect();
  try {
    const col = client.db('bench').collection('products');
    await col.createIndex({ sku: 1 }, { unique: true });
    const rand = rng(42);
    const insertSecs = await timed(async () => {
      for (let i = 0; i < n; i += 1000) {
        const batch = [];
        for (let j = i; j < Math.min(n, i + 1000); j++) batch.push({ sku: `sku-${j}`, shop: j % 50, stock: 1_000_000, name: `Product ${j}`, price: Math.round(rand() * 10000) / 100 });
        await col.insertMany(batch, { ordered: true });
      }
    });
    const extra = client.db('bench').collection('singles');
    const insertOneSecs = await parallel(2_000, CONCURRENCY, (i) => extra.insertOne({ i, at: new Date() }));
    // Warm the JIT of client and server so the 1k figures are not start-up costs.
    await parallel(1_000, CONCURRENCY, (i) => col.findOne({ sku: `sku-${i % n}` }));
    const findSecs = await parallel(POINT_OPS, CONCURRENCY, async () => {
      const sku = `sku-${Math.floor(rand() * n)}`;
      const doc = await col.findOne({ sku });
      if (!doc) throw new Error(`missing ${sku}`);
    });
    // For contrast: the same point lookup on a field with no index (a collection scan).
    const scanSecs = await parallel(SCAN_OPS, CONCURRENCY, async () => {
      const name = `Product ${Math.floor(rand() * n)}`;
      if (!(await col.findOne({ name }))) throw new Error(`missing ${name}`);
    });
    const updateSecs = await parallel(POINT_OPS, CONCURRENCY, async () => {
      const res = await col.updateOne({ sku: `sku-${Math.floor(rand() * n)}`, stock: { $gte: 1 } }, { $inc: { stock: -1 } });
      if (res.modifiedCount !== 1) throw new Error('conditional update did not apply');
    });
    return {
      insertsPerSec: n / insertSecs,
      insertOnePerSec: 2_000 / insertOneSecs,
      findsPerSec: POINT_OPS / findSecs,
      scanFindsPerSec: SCAN_OPS / scanSecs,
      updatesPerSec: POINT_OPS / updateSecs,
      findMicros: (findSecs / POINT_OPS) * 1e6,
    };
  } finally {
    await client.close();
    await server.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function fmt(x: number): string {
  return Math.round(x).toLocaleString('en-US').padStart(9);
}

async function main(): Promise<void> {
  console.log(`embedded-mongo bench: node ${process.version}, ${os.cpus().length} cpus, ${CONCURRENCY} concurrent ops, ${POINT_OPS} point ops per figure`);
  for (const inMemory of [true, false]) {
    const results = new Map<number, Figures>();
    console.log(`\n${inMemory ? 'in memory' : 'on disk (journal, fdatasync group commit)'}`);
    console.log('     docs   insertMany/s  insertOne/s  indexed finds/s  cond. $inc/s  unindexed finds/s');
    for (const n of SIZES) {
      const f = await measure(n, inMemory);
      results.set(n, f);
      console.log(`${String(n).padStart(9)}  ${fmt(f.insertsPerSec)}     ${fmt(f.insertOnePerSec)}    ${fmt(f.findsPerSec)}      ${fmt(f.updatesPerSec)}      ${fmt(f.scanFindsPerSec)}`);
    }
    const small = results.get(SIZES[0]) as Figures;
    const large = results.get(SIZES[1]) as Figures;
    console.log(`indexed find time ratio 100k/1k: ${(large.findMicros / small.findMicros).toFixed(2)}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
