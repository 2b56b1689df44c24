// Benchmark of a group-chat rush on orders, over HTTP against the real app (with the WeChat
// simulator) and the embedded database in its own process:
//  - BUYERS logged-in buyers place an order at the same moment, all for the SAME pack (one product
//    document, contended) against the same number spread over many products, per pack and bulk
//    grams; orders per second, the ratio contended/spread, and a check that exactly the stock sold;
//  - the buyer's and the seller's order lists per second, as a ratio of /healthz in the same run.
// Run: npm run -s bench:orders
import os from 'node:os';
import mongoose, { Types } from 'mongoose';
import { uriForDb } from '../../server/embedded-mongo/index';
import { startServer } from '../embedded-process';
import { loadConfig, SIMULATOR_APPID, SIMULATOR_SECRET } from '../../server/src/config';
import { createLogger } from '../../server/src/logger';
import { bootstrap } from '../../server/src/bootstrap';
import { createApp } from '../../server/src/app';
import { createWeChatSimulator } from '../../server/src/wechat/simulator';
import { API_PREFIX, pathTo, paths } from '../../contract/paths';
import type { Services } from '../../server/src/services';
import { parallel } from '../measure';
import { json, listen, login as loginAt } from '../app-client';

const BUYERS = 200;
const REQUESTS = 1_000;
const CONCURRENCY = 32;

async function main(): Promise<void> {
  console.log(`orders bench: node ${process.version}, ${os.cpus().length} cpus; ${BUYERS} buyers ordering at once; lists: ${REQUESTS} requests at ${CONCURRENCY} in flight`);
  const db = await startServer(['--inMemory']);
  const conn = await mongoose.createConnection(uriForDb(db.uri, 'bench_orders')).asPromise();
  const sim = await listen(createWeChatSimulator({ appid: SIMULATOR_APPID, secret: SIMULATOR_SECRET }).app.callback());
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WECHAT_API_BASE: sim.url, WECHATPAY_MODE: 'off' });
  const boot = await bootstrap(config, createLogger('silent'), { conn, uri: db.uri, embedded: true, close: async () => undefined });
  const services: Services = boot.services;
  const api = await listen(createApp(services).callback());
  const url = (p: string) => api.url + API_PREFIX + p;

  const login = (openid: string) => loginAt(sim.url, api.url, openid);

  try {
    const seller = await login('bench_seller');
    const shopRes = await fetch(url(paths.shops), json(seller, { name: '压测合作社', phone: '13800000000', regionCode: '140430' }));
    const shop = (await shopRes.json()) as { id: string };
    const buyers = await Promise.all(Array.from({ length: BUYERS }, (_, i) => login(`bench_buyer_${i}`)));
    const address = { name: '张三', phone: '13912345678', regionCode: '110101', detail: '东城区某某街道 1 号' };

    const products = async (n: number, mode: 'per_variant' | 'bulk', packsEach: number) => {
      const docs = await services.models.Product.insertMany(
        Array.from({ length: n }, (_, i) => ({
          shopId: new Types.ObjectId(shop.id), title: `压测小米 ${i}`, category: 'grain', stockMode: mode, status: 'on_sale', publishedAt: new Date(),
          bulkStockGrams: mode === 'bulk' ? packsEach * 2500 : null,
          variants: [{ _id: new Types.ObjectId(), name: '2.5kg 袋装', priceFen: 3800, netWeightGrams: 2500, stock: mode === 'bulk' ? null : packsEach }],
        })),
      );
      return docs.map((d) => ({ productId: String(d._id), variantId: String(d.variants[0]._id) }));
    };

    /** Every buyer presses "place order" at once; buyer i wants lines[pick(i)]. */
    const rush = async (lines: { productId: string; variantId: string }[], pick: (i: number) => number, round: string) => {
      let placed = 0;
      let refused = 0;
      const seconds = await parallel(BUYERS, BUYERS, async (i) => {
        const res = await fetch(url(paths.orders), json(buyers[i], {
          shopId: shop.id, lines: [{ ...lines[pick(i)], quantity: 1 }], address, paymentMethod: 'direct',
        }, `bench-${round}-${i}`));
        const body = (await res.json()) as { error?: { code: string } };
        if (res.status === 201) placed += 1;
        else if (body.error?.code === 'OUT_OF_STOCK') refused += 1;
        else throw new Error(`place: ${res.status} ${JSON.stringify(body)}`);
      });
      return { perSecond: BUYERS / seconds, placed, refused };
    };

    // A first rush, not counted, so neither measured mode pays for warming up the JIT and caches.
    await rush(await products(BUYERS, 'per_variant', 10), (i) => i, 'warm-up');

    console.log(`\nplacing orders (${BUYERS} buyers at once)   orders/s   ratio contended/spread   placed / refused`);
    for (const mode of ['per_variant', 'bulk'] as const) {
      const spread = await rush(await products(BUYERS, mode, 10), (i) => i, `${mode}-spread`);
      // Stock for half the buyers: the rest must be refused, and exactly the stock sold.
      const hot = await products(1, mode, BUYERS / 2);
      const contended = await rush(hot, () => 0, `${mode}-hot`);
      const left = await services.models.Product.findById(hot[0].productId).lean();
      const remaining = mode === 'bulk' ? left?.bulkStockGrams : left?.variants[0].stock;
      const orders = await services.models.Order.countDocuments({ 'lines.productId': new Types.ObjectId(hot[0].productId), status: 'awaiting_payment' });
      const exact = contended.placed === BUYERS / 2 && orders === BUYERS / 2 && remaining === 0;
      console.log(
        `${(mode === 'bulk' ? 'bulk grams' : 'per pack').padEnd(38)} ${contended.perSecond.toFixed(0).padStart(5)} vs ${spread.perSecond.toFixed(0).padStart(4)}   ${(contended.perSecond / spread.perSecond).toFixed(2).padStart(6)}                 ${contended.placed} / ${contended.refused}${exact ? '' : '   OVERSOLD OR UNDERSOLD!'}`,
      );
      if (!exact) process.exitCode = 1;
    }

    const reads: [string, string, string | null][] = [
      ['GET /healthz (baseline)', `${api.url}/healthz`, null],
      ["GET /me/orders (a buyer's list)", url(paths.myOrders), buyers[0]],
      ["GET /shops/:id/orders (seller, 20 of 800)", url(pathTo(paths.shopOrders, { shopId: shop.id })), seller],
      ['GET /shops/:id/dashboard', url(pathTo(paths.shopDashboard, { shopId: shop.id })), seller],
    ];
    console.log("\norder lists                                 req/s   ratio to baseline");
    let baseline = 0;
    for (const [label, target, token] of reads) {
      const get = async () => {
        const res = await fetch(target, json(token));
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${label}: ${res.status}`);
      };
      await parallel(100, CONCURRENCY, get);
      const rate = REQUESTS / (await parallel(REQUESTS, CONCURRENCY, get));
      baseline ||= rate;
      console.log(`${label.padEnd(42)} ${rate.toFixed(0).padStart(6)}   ${(rate / baseline).toFixed(2)}`);
    }
  } finally {
    await api.close();
    await sim.close();
    await conn.close();
    await db.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
