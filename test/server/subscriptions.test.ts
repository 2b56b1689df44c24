// Subscription messages end to end: the phone's dialog (the simulator's stand-in) and our credit
// record, a paid / shipped / new order sending exactly one message with values WeChat accepts,
// and the quiet cases (no credit, 43101, WeChat failing). Also the simulator's own checks.
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { bearer, startHarness, type Harness } from './harness';
import { seller } from './catalog-fixtures';
import { orderPath, placedOrder, shopWithProduct, type Shop } from './order-fixtures';
import type { Person } from './catalog-fixtures';
import { notifyOrderEvent } from '../../server/src/domain/notifications';
import type { OrderRecord } from '../../server/src/models/order';
import { createApp } from '../../server/src/app';
import { SIMULATOR_APPID, SIMULATOR_SECRET } from '../../server/src/config';
import type { SubscribeTopic } from '../../contract/orders';
import type { ReceivedMessage } from '../../server/src/wechat/simulator/state';
import { SIMULATOR_SUBSCRIBE_PATH } from '../../contract/paths';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const TEMPLATES = { order_paid: 'sim-order-paid', order_shipped: 'sim-order-shipped', new_order: 'sim-new-order' } as const;

interface Who extends Person {
  openid: string;
}

async function who(): Promise<Who> {
  const openid = `u_${randomBytes(6).toString('hex')}`;
  const { token, user } = await h.login(openid);
  return { openid, token, userId: user.id, auth: bearer(token) };
}

async function sim(path: string, body?: unknown) {
  const res = await fetch(`${h.simulatorUrl}${path}`, body === undefined ? undefined : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Record<string, unknown>) };
}

/** The phone's dialog: the person taps "allow" for these messages. */
const dialogAccepts = (p: Who, topics: SubscribeTopic[]) => sim('/dev/subscribe', { openid: p.openid, results: Object.fromEntries(topics.map((t) => [TEMPLATES[t], 'accept'])) });
/** …and the mini-program reports the answers to our server. */
const reportAccepts = (p: Who, topics: SubscribeTopic[]) =>
  h.api.post('/api/v1/me/subscriptions').set(p.auth).send({ results: Object.fromEntries(topics.map((t) => [TEMPLATES[t], 'accept'])) });
async function subscribe(p: Who, topics: SubscribeTopic[]) {
  expect((await dialogAccepts(p, topics)).status).toBe(200);
  expect((await reportAccepts(p, topics)).status).toBe(200);
}

/** What the simulator received, once the messages the server sent in the background are out. */
const messagesFor = async (openid: string) => {
  await h.boot.services.background.drain();
  return (await sim(`/dev/subscribe-messages?openid=${openid}`)).body?.items as ReceivedMessage[];
};
const creditsOf = async (p: Who) => {
  await h.boot.services.background.drain();
  return (await h.api.get('/api/v1/me/subscriptions').set(p.auth)).body.credits as Record<SubscribeTopic, number>;
};
const stored = async (orderId: string) => (await h.boot.services.models.Order.findById(orderId).lean()) as OrderRecord;

describe('credits on our side', () => {
  it('count each accept of a configured template; other answers and unknown ids are ignored', async () => {
    const p = await who();
    expect(await creditsOf(p)).toEqual({ order_paid: 0, order_shipped: 0, new_order: 0 });
    const res = await h.api
      .post('/api/v1/me/subscriptions')
      .set(p.auth)
      .send({ results: { 'sim-order-paid': 'accept', 'sim-order-shipped': 'reject', 'sim-new-order': 'ban', someoneElses: 'accept' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ credits: { order_paid: 1, order_shipped: 0, new_order: 0 } });
    await reportAccepts(p, ['order_paid', 'order_shipped']);
    expect(await creditsOf(p)).toEqual({ order_paid: 2, order_shipped: 1, new_order: 0 });
    expect((await h.api.post('/api/v1/me/subscriptions').set(p.auth).send({ results: { 'bad id!': 'accept' } })).status).toBe(400);
    expect((await h.api.get('/api/v1/me/subscriptions')).status).toBe(401);
  });
});

describe('client-config', () => {
  it('names the template ids to ask for, and the dialog stand-in only when the simulator is mounted', async () => {
    const plain = await h.api.get('/api/v1/client-config');
    expect(plain.body).toMatchObject({ subscribeTemplates: TEMPLATES, simulatorSubscribePath: null });
    const mounted = request(createApp(h.boot.services, { simulator: h.simulator }).callback());
    expect((await mounted.get('/api/v1/client-config')).body).toMatchObject({ subscribeTemplates: TEMPLATES, simulatorSubscribePath: SIMULATOR_SUBSCRIBE_PATH });
  });
});

describe('messages about an order', () => {
  let s: Shop;
  let sellerWho: Who;
  beforeAll(async () => {
    s = await shopWithProduct(h);
    const owner = await h.boot.services.models.User.findById(s.userId).lean();
    sellerWho = { ...s, openid: owner?.openid as string };
  });

  it('paid: exactly one message to the buyer, with values WeChat accepts, and the credits spent on both sides', async () => {
    const buyer = await who();
    await subscribe(buyer, ['order_paid']);
    const { order } = await placedOrder(h, s, [{ quantity: 1 }], buyer);
    expect((await h.api.post(orderPath(order.id, 'confirm-payment')).set(s.auth)).status).toBe(200);
    await notifyOrderEvent(h.boot.services, await stored(order.id), 'order_paid');
    await notifyOrderEvent(h.boot.services, await stored(order.id), 'order_paid'); // a retry sends nothing

    const messages = await messagesFor(buyer.openid);
    expect(messages).toHaveLength(1);
    const m = messages[0];
    expect(m).toMatchObject({ touser: buyer.openid, templateId: 'sim-order-paid', page: `pages/order/index?id=${order.id}`, miniprogramState: 'developer', lang: 'zh_CN' });
    const yuan = `¥${Math.floor(order.totalFen / 100)}.${String(order.totalFen % 100).padStart(2, '0')}`;
    expect(m.data).toEqual({
      character_string1: { value: order.orderNo },
      amount2: { value: yuan },
      thing3: { value: '沁州黄小米 新米×1' },
      time4: { value: expect.stringMatching(/^\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}$/) },
      thing5: { value: '沁州黄小米合作社' },
    });
    expect(await creditsOf(buyer)).toMatchObject({ order_paid: 0 });
    expect(h.simulator.state.subscribeCredits.get(h.simulator.state.creditKey(buyer.openid, 'sim-order-paid'))).toBe(0);
    expect((await stored(order.id)).notified).toEqual(expect.arrayContaining(['order_paid', 'customer_paid']));
  });

  it('new order: to the seller, opening the seller’s order page; shipped: courier and tracking number', async () => {
    const buyer = await who();
    await subscribe(sellerWho, ['new_order']);
    await subscribe(buyer, ['order_shipped']);
    const { order } = await placedOrder(h, s, [{ quantity: 2 }], buyer);
    await notifyOrderEvent(h.boot.services, await stored(order.id), 'new_order');
    const toSeller = (await messagesFor(sellerWho.openid)).filter((m) => m.page.endsWith(order.id));
    expect(toSeller).toHaveLength(1);
    expect(toSeller[0]).toMatchObject({ templateId: 'sim-new-order', page: `subpackages/seller/pages/order/index?id=${order.id}` });
    expect(toSeller[0].data.name4).toEqual({ value: '李梅' });

    await h.api.post(orderPath(order.id, 'confirm-payment')).set(s.auth);
    const shipped = await h.api.post(orderPath(order.id, 'ship')).set(s.auth).send({ parcels: [{ courierCode: 'SF', trackingNo: 'SF1234567890' }] });
    expect(shipped.status).toBe(200);
    await notifyOrderEvent(h.boot.services, await stored(order.id), 'order_shipped');
    const toBuyer = await messagesFor(buyer.openid);
    expect(toBuyer).toHaveLength(1);
    expect(toBuyer[0].data).toMatchObject({ thing2: { value: '沁州黄小米 新米×2' }, thing3: { value: '顺丰速运' }, character_string4: { value: 'SF1234567890' } });
  });

  it('without a credit nothing is sent and nothing fails', async () => {
    const buyer = await who();
    const { order } = await placedOrder(h, s, [{ quantity: 1 }], buyer);
    await h.api.post(orderPath(order.id, 'confirm-payment')).set(s.auth);
    await expect(notifyOrderEvent(h.boot.services, await stored(order.id), 'order_paid')).resolves.toBeUndefined();
    expect(await messagesFor(buyer.openid)).toEqual([]);
  });

  it('43101 (WeChat has no acceptance) is dropped quietly and our stale credits cleared', async () => {
    const buyer = await who();
    await reportAccepts(buyer, ['order_paid']);
    await reportAccepts(buyer, ['order_paid']); // told us twice, but never tapped "allow" on the phone
    const { order } = await placedOrder(h, s, [{ quantity: 1 }], buyer);
    await h.api.post(orderPath(order.id, 'confirm-payment')).set(s.auth);
    await expect(notifyOrderEvent(h.boot.services, await stored(order.id), 'order_paid')).resolves.toBeUndefined();
    expect(await messagesFor(buyer.openid)).toEqual([]);
    expect(await creditsOf(buyer)).toMatchObject({ order_paid: 0 });
  });

  it('any other WeChat failure gives the credit back', async () => {
    const buyer = await who();
    await subscribe(buyer, ['order_paid']);
    const { order } = await placedOrder(h, s, [{ quantity: 1 }], buyer);
    // Confirming the payment sends order_paid itself (domain/order-effects.ts): that send fails.
    expect((await sim('/dev/fail-next-subscribe', { errcode: 45009 })).status).toBe(204);
    await h.api.post(orderPath(order.id, 'confirm-payment')).set(s.auth);
    await expect(notifyOrderEvent(h.boot.services, await stored(order.id), 'order_paid')).resolves.toBeUndefined();
    expect(await messagesFor(buyer.openid)).toEqual([]);
    expect(await creditsOf(buyer)).toMatchObject({ order_paid: 1 });
  });

  it('two notifications racing for one order send one message', async () => {
    const buyer = await who();
    await subscribe(buyer, ['order_paid']);
    await subscribe(buyer, ['order_paid']);
    const { order } = await placedOrder(h, s, [{ quantity: 1 }], buyer);
    await h.api.post(orderPath(order.id, 'confirm-payment')).set(s.auth);
    const o = await stored(order.id);
    await Promise.all([1, 2, 3].map(() => notifyOrderEvent(h.boot.services, o, 'order_paid')));
    expect(await messagesFor(buyer.openid)).toHaveLength(1);
    expect(await creditsOf(buyer)).toMatchObject({ order_paid: 1 });
  });
});

describe("the simulator's send endpoint", () => {
  let token: string;
  let p: Who;
  const send = async (body: Record<string, unknown>, accessToken = token) => {
    const res = await fetch(`${h.simulatorUrl}/cgi-bin/message/subscribe/send?access_token=${accessToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { errcode: number; errmsg: string; msgid?: number };
  };
  const valid = () => ({
    touser: p.openid,
    template_id: 'sim-order-shipped',
    page: 'pages/order/index?id=1',
    data: {
      character_string1: { value: '20261128-0000001' },
      thing2: { value: '小米' },
      thing3: { value: '顺丰速运' },
      character_string4: { value: 'SF1' },
      time5: { value: '2026年11月28日 14:30' },
    },
    miniprogram_state: 'developer',
    lang: 'zh_CN',
  });
  beforeAll(async () => {
    const t = await sim('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: SIMULATOR_APPID, secret: SIMULATOR_SECRET });
    token = t.body?.access_token as string;
    p = await who();
  });

  it("checks like WeChat: token, openid, template, page, every value's type, and the person's acceptance", async () => {
    expect((await send(valid(), 'nope')).errcode).toBe(40001);
    expect((await send({ ...valid(), touser: 'stranger_0001' })).errcode).toBe(40003);
    expect((await send({ ...valid(), template_id: 'nope' })).errcode).toBe(40037);
    expect((await send({ ...valid(), page: 'pages/nowhere/index' })).errcode).toBe(41030);
    const long = await send({ ...valid(), data: { ...valid().data, thing3: { value: '一二三四五六七八九十一二三四五六七八九十一' } } });
    expect(long).toMatchObject({ errcode: 47003, errmsg: expect.stringContaining('data.thing3.value invalid') });
    const missing = await send({ ...valid(), data: { ...valid().data, time5: undefined } });
    expect(missing).toMatchObject({ errcode: 47003, errmsg: expect.stringContaining('data.time5.value') });
    expect((await send({ ...valid(), data: { ...valid().data, character_string4: { value: '顺丰' } } })).errcode).toBe(47003);
    expect((await send(valid())).errcode).toBe(43101);
  });

  it('delivers one message per acceptance and keeps them, newest first', async () => {
    await dialogAccepts(p, ['order_shipped']);
    await dialogAccepts(p, ['order_shipped']);
    const first = await send(valid());
    expect(first).toMatchObject({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
    await send({ ...valid(), page: 'pages/order/index?id=2' });
    expect((await send(valid())).errcode).toBe(43101);
    expect((await messagesFor(p.openid)).map((m) => m.page)).toEqual(['pages/order/index?id=2', 'pages/order/index?id=1']);
  });

  it("the dialog stand-in: templates must exist (at most three), and the person is the bearer's when mounted", async () => {
    expect((await sim('/dev/subscribe', { openid: p.openid, results: { nope: 'accept' } })).status).toBe(400);
    expect((await sim('/dev/subscribe', { openid: p.openid, results: {} })).status).toBe(400);
    const mounted = request(createApp(h.boot.services, { simulator: h.simulator }).callback());
    const q = await who();
    const res = await mounted.post(SIMULATOR_SUBSCRIBE_PATH).set(q.auth).send({ results: { 'sim-order-paid': 'accept', 'sim-new-order': 'reject' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ errMsg: 'requestSubscribeMessage:ok', 'sim-order-paid': 'accept' });
    expect(h.simulator.state.subscribeCredits.get(h.simulator.state.creditKey(q.openid, 'sim-order-paid'))).toBe(1);
    expect(h.simulator.state.subscribeCredits.get(h.simulator.state.creditKey(q.openid, 'sim-new-order'))).toBeUndefined();
    // Without a bearer or an openid: whoever logged in through the simulator last.
    const last = await who();
    await mounted.post(SIMULATOR_SUBSCRIBE_PATH).send({ results: { 'sim-order-shipped': 'accept' } });
    expect(h.simulator.state.subscribeCredits.get(h.simulator.state.creditKey(last.openid, 'sim-order-shipped'))).toBe(1);
  });
});

it('an order whose shop is gone sends nothing and throws nothing', async () => {
  const s = await seller(h);
  await h.boot.services.models.Shop.deleteOne({ _id: s.shop.id });
  const fake = { _id: s.shop.id, shopId: s.shop.id } as unknown as OrderRecord;
  await expect(notifyOrderEvent(h.boot.services, fake, 'new_order')).resolves.toBeUndefined();
});
