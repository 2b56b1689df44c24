// Benchmark of the catalog under a group-chat rush, over HTTP against the real app and the
// embedded database in its own process:
//  - buyers' reads (product page, shop page) per second, as a ratio of /healthz (a request that
//    costs one database ping) in the same run;
//  - stock reservations per second when every buyer wants the SAME pack (one document, contended)
//    against the same number spread over many products (uncontended), per-pack and bulk grams,
//    and a check that contention sold exactly the stock.
// Run: npm run -s bench:catalog
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import mongoose, { Types } from 'mongoose';
import { uriForDb } from '../../server/embedded-mongo/index';
import { startServer } from '../embedded-process';
import { loadConfig } from '../../server/src/config';
import { createLogger } from '../../server/src/logger';
import { bootstrap } from '../../server/src/bootstrap';
import { createApp } from '../../server/src/app';
import { seedDemo } from '../../server/src/demo/seed';
import { reserveStock } from '../../server/src/domain/stock';
import { AppError } from '../../server/src/errors';
import type { Services } from '../../server/src/services';
import { parallel } from '../measure';

const REQUESTS = 2_000;
const CONCURRENCY = 32;
const BUYERS = 400;

async function getOk(url: string): Promise<void> {
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
}

const variant = (stock: number | null, grams = 2500) => ({ _id: new Types.ObjectId(), name: '2.5kg 袋装', priceFen: 3800, netWeightGrams: grams, stock });

async function products(services: Services, shopId: Types.ObjectId, n: number, mode: 'per_variant' | 'bulk', stockEach: number) {
  const docs = await services.models.Product.insertMany(
    Array.from({ length: n }, (_, i) => ({
      shopId, title: `压测小米 ${i}`, category: 'grain', stockMode: mode, status: 'on_sale', publishedAt: new Date(),
      bulkStockGrams: mode === 'bulk' ? stockEach * 2500 : null,
      variants: [variant(mode === 'bulk' ? null : stockEach)],
    })),
  );
  return docs.map((d) => ({ productId: d._id, variantId: d.variants[0]._id }));
}

/** Reservations/s for BUYERS buyers; `pick(i)` chooses the pack buyer i wants. */
async function reservations(services: Services, lines: { productId: Types.ObjectId; variantId: Types.ObjectId }[], pick: (i: number) => number) {
  let sold = 0;
  let refused = 0;
  const seconds = await parallel(BUYERS, BUYERS, async (i) => {
    try {
      // One hold per buyer, as one order line each.
      await reserveStock(services, { ...lines[pick(i)], quantity: 1 }, `bench:${i}`);
      sold += 1;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'OUT_OF_STOCK')) throw err;
      refused += 1;
    }
  });
  return { perSecond: BUYERS / seconds, sold, refused };
}

async function main(): Promise<void> {
  console.log(`catalog bench: node ${process.version}, ${os.cpus().length} cpus; ${REQUESTS} requests at ${CONCURRENCY} in flight; ${BUYERS} buyers at once`);
  const db = await startServer(['--inMemory']);
  const uri = uriForDb(db.uri, 'bench');
  const conn = await mongoose.createConnection(uri).asPromise();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WECHAT_API_BASE: 'http://127.0.0.1:9' });
  const boot = await bootstrap(config, createLogger('silent'), { conn, uri, embedded: true, close: async () => undefined });
  const { services } = boot;
  const server = http.createServer(createApp(services).callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const demo = await seedDemo(services);
    if (!demo) throw new Error('demo seed did not run');
    const shop = await services.models.Shop.findOne({}).lean();
    const product = await services.models.Product.findOne({ status: 'on_sale' }).lean();
    if (!shop || !product) throw new Error('no demo shop');

    const reads: [string, string][] = [
      ['GET /healthz (baseline)', '/healthz'],
      ['GET /api/v1/products/:id', `/api/v1/products/${product._id}`],
      ['GET /api/v1/shops/:id', `/api/v1/shops/${shop._id}`],
      ['GET /api/v1/shops/:id/products', `/api/v1/shops/${shop._id}/products`],
    ];
    console.log('\nbuyers\' reads                         req/s   ratio to baseline');
    let baseline = 0;
    for (const [label, path] of reads) {
      await parallel(100, CONCURRENCY, () => getOk(base + path)); // warm up
      const rate = REQUESTS / (await parallel(REQUESTS, CONCURRENCY, () => getOk(base + path)));
      baseline ||= rate;
      console.log(`${label.padEnd(36)} ${rate.toFixed(0).padStart(6)}   ${(rate / baseline).toFixed(2)}`);
    }

    console.log(`\nstock reservations (${BUYERS} buyers at once)   reserves/s   ratio contended/spread   sold / refused`);
    for (const mode of ['per_variant', 'bulk'] as const) {
      const spreadLines = await products(services, shop._id, BUYERS, mode, 10);
      const spread = await reservations(services, spreadLines, (i) => i);
      // Stock for half the buyers: the rest must be refused, and exactly the stock sold.
      const [hot] = await products(services, shop._id, 1, mode, BUYERS / 2);
      const contended = await reservations(services, [hot], () => 0);
      const left = await services.models.Product.findById(hot.productId).lean();
      const remaining = mode === 'bulk' ? left?.bulkStockGrams : left?.variants[0].stock;
      const exact = contended.sold === BUYERS / 2 && remaining === 0;
      console.log(
        `${(mode === 'bulk' ? 'bulk grams' : 'per pack').padEnd(36)} ${contended.perSecond.toFixed(0).padStart(6)} vs ${spread.perSecond.toFixed(0).padStart(5)}   ${(contended.perSecond / spread.perSecond).toFixed(2).padStart(6)}                 ${contended.sold} / ${contended.refused}${exact ? '' : '   OVERSOLD OR UNDERSOLD!'}`,
      );
      if (!exact) process.exitCode = 1;
    }
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await conn.close();
    await db.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
