// Benchmark of WeChat Pay under a group-chat rush, over HTTP against the real app, the WeChat
// simulator playing WeChat Pay (real signatures and AES-GCM, WeChat's notification schedule) and
// the embedded database in its own process:
//  - BUYERS buyers tap "Pay" at the same moment (prepay + signed wx.requestPayment parameters);
//  - all of them pay at once, and WeChat Pay's notifications mark the orders paid;
//  - the notify endpoint on its own: genuine duplicates (full verify + decrypt + lookup, changing
//    nothing) and forged ones (WeChat's bad-signature probes, refused 401);
//  - the seller refunds ¥1 of every paid order at once.
// Rates are given as a ratio of /healthz measured in the same run, so machines compare.
// Run: npm run -s bench:payments
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import os from 'node:os';
import mongoose, { Types } from 'mongoose';
import { uriForDb } from '../../server/embedded-mongo/index';
import { startServer } from '../embedded-process';
import { loadConfig, SIMULATOR_APPID, SIMULATOR_SECRET } from '../../server/src/config';
import { createLogger } from '../../server/src/logger';
import { bootstrap } from '../../server/src/bootstrap';
import { createApp } from '../../server/src/app';
import { createWeChatSimulator } from '../../server/src/wechat/simulator';
import { beijingTime } from '../../server/src/wechat/pay/time';
import { generatePayKeys, simulatorPayOptionsFrom } from '../../server/src/wechat/pay/dev-keys';
import { NOTIFY_PATH, SIMULATOR_MCHID } from '../../server/src/wechat/pay/config';
import { encryptResource, paySignMessage, privateKeyFromPem, publicKeyFromPem, rsaVerify, signedHeaders } from '../../server/src/wechat/pay/crypto';
import { API_PREFIX, pathTo, paths } from '../../contract/paths';
import { PayOrderResponse } from '../../contract/payments';
import type { OrderRecord } from '../../server/src/models/order';
import type { Services } from '../../server/src/services';
import { parallel, timed } from '../measure';
import { json, listen, login as loginAt } from '../app-client';

const BUYERS = 200;
/** Buyers who go through every step once before anything is timed (JIT, caches, connections). */
const WARM_UP_BUYERS = 20;
const NOTIFICATIONS = 1_000;
const CONCURRENCY = 32;
/** Per baseline measurement; one is taken before each figure. */
const HEALTHZ_REQUESTS = 500;
const REFUND_FEN = 100;
/** Every order must read paid within this long of the simulated payments. */
const PAID_DEADLINE_MS = 30_000;

/** A TRANSACTION.SUCCESS notification as WeChat Pay posts it: the resource encrypted with the APIv3 key, signed by `key`. */
function notification(transaction: object, apiV3Key: Buffer, serial: string, key: KeyObject): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    id: randomUUID(),
    create_time: beijingTime(Date.now()),
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    resource: encryptResource(JSON.stringify(transaction), apiV3Key, 'transaction', 'transaction'),
  });
  return { body, headers: { 'content-type': 'application/json', ...signedHeaders(body, serial, key, new Date()) } };
}

async function main(): Promise<void> {
  const cpus = os.cpus().length;
  console.log(`payments bench: node ${process.version}, ${cpus} cpus shared by everything: this client, the app and the WeChat simulator (one process) and the embedded DB (its own process)`);
  console.log(`${BUYERS} buyers at once (after ${WARM_UP_BUYERS} warm-up buyers); notify endpoint: ${NOTIFICATIONS} requests at ${CONCURRENCY} in flight; /healthz (${HEALTHZ_REQUESTS} at ${CONCURRENCY} in flight) measured just before each figure`);

  const db = await startServer(['--inMemory']);
  const conn = await mongoose.createConnection(uriForDb(db.uri, 'bench_payments')).asPromise();
  const keys = generatePayKeys(SIMULATOR_MCHID);
  const simulator = createWeChatSimulator({
    appid: SIMULATOR_APPID,
    secret: SIMULATOR_SECRET,
    // WeChat's real retry schedule: a failed delivery would cost 15 s and show in the figures.
    pay: { ...simulatorPayOptionsFrom(keys, [SIMULATOR_APPID]), notifyTimeScale: 1, refundSettleMs: null },
  });
  const sim = await listen(simulator.app.callback());
  const api = await listen();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    WECHAT_API_BASE: sim.url,
    WECHATPAY_MODE: 'direct',
    WECHATPAY_MCHID: keys.mchid,
    WECHATPAY_SERIAL_NO: keys.merchantSerialNo,
    WECHATPAY_PRIVATE_KEY: keys.merchantPrivateKeyPem.replace(/\n/g, '\\n'),
    WECHATPAY_APIV3_KEY: keys.apiV3Key,
    WECHATPAY_PUBLIC_KEY_ID: keys.publicKeyId,
    WECHATPAY_PUBLIC_KEY: keys.platformPublicKeyPem,
    WECHATPAY_API_BASE: sim.url,
    WECHATPAY_NOTIFY_URL: api.url + NOTIFY_PATH,
  });
  const boot = await bootstrap(config, createLogger('silent'), { conn, uri: db.uri, embedded: true, close: async () => undefined });
  const services: Services = boot.services;
  api.handle(createApp(services).callback());
  const url = (p: string) => api.url + API_PREFIX + p;
  const { Order, PaymentIncident } = services.models;

  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
    return ok ? 'ok' : 'FAILED';
  };

  const login = (openid: string) => loginAt(sim.url, api.url, openid);

  try {
    const seller = await login('bench_seller');
    const shopRes = await fetch(url(paths.shops), json(seller, { name: '压测合作社', phone: '13800000000', regionCode: '140430' }));
    const shop = (await shopRes.json()) as { id: string };
    const [product] = await services.models.Product.insertMany([{
      shopId: new Types.ObjectId(shop.id), title: '压测小米', category: 'grain', stockMode: 'per_variant', status: 'on_sale', publishedAt: new Date(),
      bulkStockGrams: null,
      variants: [{ _id: new Types.ObjectId(), name: '2.5kg 袋装', priceFen: 3800, netWeightGrams: 2500, stock: 10 * (BUYERS + WARM_UP_BUYERS) }],
    }]);
    const line = { productId: String(product._id), variantId: String(product.variants[0]._id), quantity: 1 };
    const address = { name: '张三', phone: '13912345678', regionCode: '110101', detail: '东城区某某街道 1 号' };
    const merchantKey = publicKeyFromPem(keys.merchantPublicKeyPem);

    /** The steps every buyer goes through, each checked; the rush and the warm-up share them. */
    const place = async (buyer: string, round: string, i: number): Promise<string> => {
      const res = await fetch(url(paths.orders), json(buyer, { shopId: shop.id, lines: [line], address, paymentMethod: 'wechat' }, `bench-${round}-place-${i}`));
      const body = (await res.json()) as { id?: string };
      if (res.status !== 201 || !body.id) throw new Error(`place: ${res.status} ${JSON.stringify(body)}`);
      return body.id;
    };
    const pay = async (buyer: string, orderId: string, round: string, i: number): Promise<{ status: number; body: unknown }> => {
      const res = await fetch(url(pathTo(paths.orderPay, { orderId })), json(buyer, {}, `bench-${round}-pay-${i}`));
      return { status: res.status, body: await res.json() };
    };
    /** True when the answer is wx.requestPayment's parameters, for our app, signed with the merchant's key. */
    const validPayment = (answer: { status: number; body: unknown }): boolean => {
      const parsed = PayOrderResponse.safeParse(answer.body);
      if (answer.status !== 200 || !parsed.success) return false;
      const p = parsed.data.params;
      return p.appId === SIMULATOR_APPID && /^prepay_id=\S+$/.test(p.package) && rsaVerify(paySignMessage(p.appId, p.timeStamp, p.nonceStr, p.package), p.paySign, merchantKey);
    };
    const simPay = async (outTradeNo: string) => {
      const res = await fetch(`${sim.url}/dev/pay`, json(null, { out_trade_no: outTradeNo }));
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`simulator /dev/pay ${outTradeNo}: ${res.status}`);
    };
    const outTradeNos = async (ids: string[]) => {
      const docs = await Order.find({ _id: { $in: ids } }, { payment: 1 }).lean<OrderRecord[]>();
      if (docs.length !== ids.length || docs.some((d) => !d.payment)) throw new Error('an order has no WeChat payment after paying');
      return docs.map((d) => d.payment!.outTradeNo);
    };
    const paidCount = (ids: string[]) => Order.countDocuments({ _id: { $in: ids }, status: 'paid' });
    /** Polls the database until every order reads paid. */
    const untilPaid = async (ids: string[]) => {
      const deadline = Date.now() + PAID_DEADLINE_MS;
      while ((await paidCount(ids)) < ids.length) {
        if (Date.now() > deadline) throw new Error(`only ${await paidCount(ids)} of ${ids.length} orders paid after ${PAID_DEADLINE_MS / 1000} s`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const refund = async (orderId: string, round: string, i: number): Promise<number> => {
      const res = await fetch(url(pathTo(paths.orderRefunds, { orderId })), json(seller, { amountFen: REFUND_FEN, reason: '压测：少退一元' }, `bench-${round}-refund-${i}`));
      await res.arrayBuffer();
      return res.status;
    };

    // Every step once, not counted, so the measured rounds do not pay for warming up.
    const warmBuyers = await Promise.all(Array.from({ length: WARM_UP_BUYERS }, (_, i) => login(`bench_warm_${i}`)));
    const warmIds = await Promise.all(warmBuyers.map((b, i) => place(b, 'warm', i)));
    const warmPays = await Promise.all(warmIds.map((id, i) => pay(warmBuyers[i], id, 'warm', i)));
    if (!warmPays.every(validPayment)) throw new Error(`warm-up pay: ${JSON.stringify(warmPays.find((a) => !validPayment(a)))}`);
    await Promise.all((await outTradeNos(warmIds)).map(simPay));
    await untilPaid(warmIds);
    const warmRefunds = await Promise.all(warmIds.map((id, i) => refund(id, 'warm', i)));
    if (!warmRefunds.every((s) => s === 200)) throw new Error(`warm-up refund: ${warmRefunds.join(',')}`);

    const healthz = async () => {
      const res = await fetch(`${api.url}/healthz`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`/healthz: ${res.status}`);
    };
    await parallel(100, CONCURRENCY, healthz);
    // Measured again just before each figure: the machine is shared, and a ratio means most
    // against a baseline taken under the same load.
    const baselines: number[] = [];
    const baselineNow = async () => {
      const rate = HEALTHZ_REQUESTS / (await parallel(HEALTHZ_REQUESTS, CONCURRENCY, healthz));
      baselines.push(rate);
      return rate;
    };

    // 1. Paying in a rush. Placing the orders is set-up, not timed.
    const buyers = await Promise.all(Array.from({ length: BUYERS }, (_, i) => login(`bench_buyer_${i}`)));
    const ids: string[] = new Array(BUYERS);
    await parallel(BUYERS, CONCURRENCY, async (i) => (ids[i] = await place(buyers[i], 'rush', i)));
    const answers: { status: number; body: unknown }[] = new Array(BUYERS);
    const payBaseline = await baselineNow();
    const paySeconds = await parallel(BUYERS, BUYERS, async (i) => (answers[i] = await pay(buyers[i], ids[i], 'rush', i)));
    const validPays = answers.filter(validPayment).length;
    const payCheck = check(validPays === BUYERS, `paying: ${validPays} of ${BUYERS} answers were valid signed PaymentParams (200)`);

    // 2. Notifications in a rush: WeChat Pay's buyers all pay at once; the orders are paid when its notifications land.
    const rushTradeNos = await outTradeNos(ids);
    const attemptsBefore = simulator.pay!.notifier.attempts.length;
    const notifyBaseline = await baselineNow();
    const notifySeconds = await timed(async () => {
      await Promise.all(rushTradeNos.map(simPay));
      await untilPaid(ids);
    });
    const paidDocs = await Order.find({ _id: { $in: ids } }, { status: 1, timeline: 1 }).lean<OrderRecord[]>();
    const onePaidEntry = (docs: OrderRecord[]) => docs.filter((d) => d.status === 'paid' && d.timeline.filter((e) => e.event === 'paid').length === 1).length;
    const deliveries = simulator.pay!.notifier.attempts.slice(attemptsBefore);
    const failedDeliveries = deliveries.filter((a) => !a.ok).length;
    const notifyCheck = check(onePaidEntry(paidDocs) === BUYERS && failedDeliveries === 0,
      `notifications: ${onePaidEntry(paidDocs)} of ${BUYERS} paid with one 'paid' timeline entry; ${failedDeliveries} of ${deliveries.length} deliveries failed`);

    // 3. The notify endpoint alone: genuine duplicates of paid orders (verified, decrypted, looked
    // up, changing nothing), then forgeries signed with a key that is not WeChat Pay's.
    const simOrders = (await (await fetch(`${sim.url}/dev/pay-orders`)).json()) as { orders: Record<string, unknown>[] };
    const rushSet = new Set(rushTradeNos);
    // The transaction as WeChat Pay's notification carries it, without the simulator's own bookkeeping.
    const transactions = simOrders.orders
      .filter((o) => rushSet.has(o.out_trade_no as string))
      .map(({ description: _d, notify_url: _n, prepay_id: _p, time_expire: _t, refunded: _r, ...tx }) => tx);
    if (transactions.length !== BUYERS) throw new Error(`the simulator holds ${transactions.length} of the ${BUYERS} transactions`);
    const apiV3Key = Buffer.from(keys.apiV3Key, 'utf8');
    const platformKey = privateKeyFromPem(keys.platformPrivateKeyPem);
    const forgerKey = privateKeyFromPem(generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey);
    // Built (signed, encrypted) before timing: the figure is the endpoint's, not the client's.
    const genuine = Array.from({ length: NOTIFICATIONS }, (_, i) => notification(transactions[i % BUYERS], apiV3Key, keys.publicKeyId, platformKey));
    const forged = Array.from({ length: NOTIFICATIONS }, (_, i) => notification(transactions[i % BUYERS], apiV3Key, keys.publicKeyId, forgerKey));
    const incidentsBefore = await PaymentIncident.countDocuments();
    const post = (statuses: number[], list: { body: string; headers: Record<string, string> }[]) => async (i: number) => {
      const res = await fetch(api.url + NOTIFY_PATH, { method: 'POST', headers: list[i].headers, body: list[i].body });
      await res.arrayBuffer();
      statuses[i] = res.status;
    };
    const genuineStatuses: number[] = [];
    const genuineBaseline = await baselineNow();
    const genuineSeconds = await parallel(NOTIFICATIONS, CONCURRENCY, post(genuineStatuses, genuine));
    const forgedStatuses: number[] = [];
    const forgedBaseline = await baselineNow();
    const forgedSeconds = await parallel(NOTIFICATIONS, CONCURRENCY, post(forgedStatuses, forged));
    const after = await Order.find({ _id: { $in: ids } }, { status: 1, timeline: 1 }).lean<OrderRecord[]>();
    const unchanged = onePaidEntry(after) === BUYERS && after.every((d) => d.timeline.length === paidDocs.find((p) => String(p._id) === String(d._id))?.timeline.length);
    const incidents = (await PaymentIncident.countDocuments()) - incidentsBefore;
    const took = genuineStatuses.filter((s) => s === 204).length;
    const refused = forgedStatuses.filter((s) => s === 401).length;
    const genuineCheck = check(took === NOTIFICATIONS && unchanged && incidents === 0, `duplicates: ${took} of ${NOTIFICATIONS} answered 204; orders unchanged: ${unchanged}; incidents: ${incidents}`);
    const forgedCheck = check(refused === NOTIFICATIONS && unchanged, `forgeries: ${refused} of ${NOTIFICATIONS} refused 401`);

    // 4. Refunds in a rush: the seller gives ¥1 back on every paid order at once.
    const paidFen = new Map((await Order.find({ _id: { $in: ids } }, { paidFen: 1 }).lean<OrderRecord[]>()).map((d) => [String(d._id), d.paidFen]));
    const refundStatuses: number[] = new Array(BUYERS);
    const refundBaseline = await baselineNow();
    const refundSeconds = await parallel(BUYERS, BUYERS, async (i) => (refundStatuses[i] = await refund(ids[i], 'rush', i)));
    const refunded = await Order.find({ _id: { $in: ids } }, { paidFen: 1, refundableFen: 1, refundedFen: 1, refunds: 1, timeline: 1 }).lean<OrderRecord[]>();
    const simRefunds = ((await (await fetch(`${sim.url}/dev/pay-orders`)).json()) as { refunds: { out_trade_no: string; amount: { refund: number } }[] }).refunds
      .filter((r) => rushSet.has(r.out_trade_no));
    const refundedOnce = refunded.filter((d) =>
      d.paidFen === paidFen.get(String(d._id)) && d.paidFen > REFUND_FEN &&
      d.refunds.length === 1 && d.refunds[0].amountFen === REFUND_FEN &&
      d.refundedFen === REFUND_FEN && d.refundableFen === d.paidFen - REFUND_FEN &&
      d.timeline.filter((e) => e.event === 'refund_started').length === 1,
    ).length;
    const sentOnce = new Set(simRefunds.map((r) => r.out_trade_no)).size === BUYERS && simRefunds.length === BUYERS && simRefunds.every((r) => r.amount.refund === REFUND_FEN);
    const okRefunds = refundStatuses.filter((s) => s === 200).length;
    const refundCheck = check(okRefunds === BUYERS && refundedOnce === BUYERS && sentOnce,
      `refunds: ${okRefunds} of ${BUYERS} answered 200; ${refundedOnce} recorded once with refundable = paid − ${REFUND_FEN}; sent to WeChat Pay once each: ${sentOnce}`);

    const rows: [string, number, number, string][] = [
      [`paying in a rush: ${BUYERS} × POST /orders/:id/pay at once`, BUYERS / paySeconds, payBaseline, `${payCheck}: ${validPays}/${BUYERS} signed PaymentParams`],
      [`notifications in a rush: ${BUYERS} paid → all read paid`, BUYERS / notifySeconds, notifyBaseline, `${notifyCheck}: ${onePaidEntry(paidDocs)}/${BUYERS} paid once; ${failedDeliveries} failed deliveries`],
      ['notify endpoint: genuine duplicates', NOTIFICATIONS / genuineSeconds, genuineBaseline, `${genuineCheck}: ${took}/${NOTIFICATIONS} 204, nothing changed`],
      ['notify endpoint: forged (bad signature)', NOTIFICATIONS / forgedSeconds, forgedBaseline, `${forgedCheck}: ${refused}/${NOTIFICATIONS} 401`],
      [`refunds in a rush: ${BUYERS} × ¥1 at once (seller)`, BUYERS / refundSeconds, refundBaseline, `${refundCheck}: ${refundedOnce}/${BUYERS} recorded once`],
    ];
    const rate = (n: number) => n.toFixed(0).padStart(6);
    console.log(`\n${'payments'.padEnd(56)}  per second   /healthz just before   ratio   checks`);
    for (const [label, perSecond, baseline, note] of rows) {
      console.log(`${label.padEnd(56)}      ${rate(perSecond)}   ${rate(baseline).padStart(20)}   ${(perSecond / baseline).toFixed(3)}   ${note}`);
    }
    console.log(`/healthz baseline over the run: ${rate(Math.min(...baselines)).trim()} to ${rate(Math.max(...baselines)).trim()} req/s (${HEALTHZ_REQUESTS} at ${CONCURRENCY} in flight each time)`);
    console.log(`\npaying: ${paySeconds.toFixed(2)} s; notifications: ${notifySeconds.toFixed(2)} s from the first payment to the last order paid; refunds: ${refundSeconds.toFixed(2)} s`);
    if (problems.length) {
      for (const p of problems) console.error(`CHECK FAILED: ${p}`);
      process.exitCode = 1;
    }
  } finally {
    simulator.pay?.stop();
    boot.simulator?.pay?.stop();
    await services.background.drain();
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
