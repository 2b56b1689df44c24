// Shared set-up for the payment tests: WeChat Pay orders placed and paid through the API and the
// simulator's buyer (/dev/pay), the simulator's records and controls, and waiting for what
// arrives in the background (notifications, refunds settling) with a deadline.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { startHarness, type Harness } from './harness';
import { OPERATOR_OPENID, person, type Person } from './catalog-fixtures';
import { orderPath, place, placeRequest, type Shop } from './order-fixtures';
import type { OrderView } from '../../contract/orders';
import type { PayOrderResponse } from '../../contract/payments';
import type { OrderRecord } from '../../server/src/models/order';
import { encryptResource, privateKeyFromPem, signedHeaders } from '../../server/src/wechat/pay/crypto';
import { NOTIFY_PATH } from '../../server/src/wechat/pay/config';

/** A harness in direct mode (the default), or partner mode with the sub-merchants given, with operators. */
export const startPayHarness = (opts: { partner?: string[]; operators?: string[]; refundSettleMs?: number | null } = {}) =>
  startHarness(
    { OPERATOR_OPENIDS: [OPERATOR_OPENID, ...(opts.operators ?? [])].join(','), ...(opts.partner ? { WECHATPAY_MODE: 'partner' } : {}) },
    {},
    { subMchids: opts.partner ?? [], ...(opts.refundSettleMs === undefined ? {} : { refundSettleMs: opts.refundSettleMs }) },
  );

/** Polls `probe` until it answers something other than undefined; fails after `timeoutMs`. */
export async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const viewOrder = async (h: Harness, who: Person, id: string): Promise<OrderView> => {
  const res = await h.api.get(orderPath(id)).set(who.auth);
  if (res.status !== 200) throw new Error(`read order failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as OrderView;
};

export const orderDoc = async (h: Harness, id: string): Promise<OrderRecord> => {
  const doc = await h.boot.services.models.Order.findById(id).lean<OrderRecord>();
  if (!doc) throw new Error('no order');
  return doc;
};

/** A new (or given) buyer's WeChat Pay order, placed through the API. */
export async function wechatOrder(h: Harness, s: Shop, lines: { variant?: number; quantity: number }[] = [{ quantity: 1 }], buyer?: Person): Promise<{ buyer: Person; order: OrderView }> {
  const b = buyer ?? (await person(h));
  const res = await place(h, b, placeRequest(s, lines, { paymentMethod: 'wechat' }));
  if (res.status !== 201) throw new Error(`place order failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { buyer: b, order: res.body as OrderView };
}

export const payRequest = (h: Harness, who: Person | null, id: string) => {
  const req = h.api.post(orderPath(id, 'pay')).set('Idempotency-Key', randomUUID());
  return who ? req.set(who.auth) : req;
};

/** The buyer taps Pay: wx.requestPayment's parameters. */
export async function pay(h: Harness, buyer: Person, id: string): Promise<PayOrderResponse> {
  const res = await payRequest(h, buyer, id);
  if (res.status !== 200) throw new Error(`pay failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as PayOrderResponse;
}

export type Inject = 'bad_signature' | 'stale_timestamp' | 'duplicate' | 'wrong_amount' | 'no_notify';

async function simPost(h: Harness, path: string, body: object) {
  const res = await fetch(`${h.simulatorUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function simGet<T>(h: Harness, path: string): Promise<T> {
  return (await (await fetch(`${h.simulatorUrl}${path}`)).json()) as T;
}

/** Our out_trade_no for an order, as stored with its payment. */
export const outTradeNoOf = async (h: Harness, id: string): Promise<string> => {
  const p = (await orderDoc(h, id)).payment;
  if (!p) throw new Error('the order has no payment yet');
  return p.outTradeNo;
};

/** The simulator's buyer pays the WeChat order (optionally with a faulty notification); its transaction id. */
export async function simPay(h: Harness, outTradeNo: string, inject?: Inject, subMchid?: string): Promise<string> {
  const res = await simPost(h, '/dev/pay', { out_trade_no: outTradeNo, ...(inject ? { inject } : {}), ...(subMchid ? { sub_mchid: subMchid } : {}) });
  if (res.status !== 200) throw new Error(`simulator /dev/pay: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.transactionId as string;
}

/** A refund's outcome at WeChat Pay, now (its notification follows). */
export const simRefundResult = (h: Harness, outRefundNo: string, status: 'SUCCESS' | 'ABNORMAL' | 'CLOSED') =>
  simPost(h, '/dev/refund-result', { out_refund_no: outRefundNo, status });

/** The next merchant API call answers this error. */
export const simFailNext = (h: Harness, status: number, code: string) => simPost(h, '/dev/pay-fail-next', { status, code });

export interface SimOrder {
  out_trade_no: string;
  trade_state: string;
  transaction_id?: string;
  sub_mchid?: string;
  sp_mchid?: string;
  mchid?: string;
  amount: { total: number };
  refunded: number;
  time_expire: string | null;
}
export interface SimRefund {
  out_refund_no: string;
  out_trade_no: string;
  status: string;
  amount: { refund: number; total: number };
}

export const simOrders = (h: Harness) => simGet<{ orders: SimOrder[]; refunds: SimRefund[] }>(h, '/dev/pay-orders');

export async function simOrder(h: Harness, outTradeNo: string): Promise<SimOrder> {
  const found = (await simOrders(h)).orders.find((o) => o.out_trade_no === outTradeNo);
  if (!found) throw new Error(`the simulator has no order ${outTradeNo}`);
  return found;
}

export interface SimNotification {
  eventType: string;
  status: number | null;
  ok: boolean;
  notificationId: string;
  kind: 'genuine' | 'probe' | 'stale';
}
export const simNotifications = async (h: Harness) => (await simGet<{ items: SimNotification[] }>(h, '/dev/pay-notifications')).items;

/** Waits until the order (as the buyer sees it) satisfies `ok`. */
export const orderWhen = (h: Harness, who: Person, id: string, ok: (o: OrderView) => boolean, what: string, timeoutMs?: number) =>
  until(async () => {
    const o = await viewOrder(h, who, id);
    return ok(o) ? o : undefined;
  }, what, timeoutMs);

/** Waits until no refund of the order is pending (each settled by WeChat's notification). */
export const refundsSettled = (h: Harness, who: Person, id: string) =>
  orderWhen(h, who, id, (o) => o.money.refunds.length > 0 && o.money.refunds.every((r) => r.status !== 'pending'), 'the refunds to settle');

/** A WeChat Pay order placed, paid by the simulator's buyer, and its notification applied. */
export async function paidWeChatOrder(h: Harness, s: Shop, lines?: { variant?: number; quantity: number }[], buyer?: Person, subMchid?: string): Promise<{ buyer: Person; order: OrderView }> {
  const placed = await wechatOrder(h, s, lines, buyer);
  await pay(h, placed.buyer, placed.order.id);
  await simPay(h, await outTradeNoOf(h, placed.order.id), undefined, subMchid);
  const order = await orderWhen(h, placed.buyer, placed.order.id, (o) => o.status === 'paid', 'the payment notification');
  await h.boot.services.background.drain();
  return { buyer: placed.buyer, order };
}

/** Every refund's amount is within what was paid, and the order's figures add up. */
export function expectMoneyConsistent(o: OrderView): void {
  const counted = o.money.refunds.filter((r) => r.status !== 'closed').reduce((n, r) => n + r.amountFen, 0);
  expect(o.money.refundedFen).toBe(counted);
  expect(o.money.refundedFen).toBeLessThanOrEqual(o.money.paidFen);
  expect(o.money.refundableFen).toBe(o.money.paidFen - o.money.refundedFen);
}

// ---- Notifications posted by the test, as WeChat Pay would post them (or a forger would) ----

/** A key WeChat Pay never had: what a forger signs with. */
const forgerKey = privateKeyFromPem(generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey);

export interface NotificationOptions {
  /** Signed with a key that is not WeChat Pay's. */
  forged?: boolean;
  /** The signature time (default now). */
  at?: Date;
  /** The serial named (default WeChat Pay's public key id). */
  serial?: string;
  eventType?: string;
}

/** A notification's body and headers: `resource` encrypted with the merchant's APIv3 key, signed with WeChat Pay's key. */
export function notification(h: Harness, resource: object, o: NotificationOptions = {}): { body: string; headers: Record<string, string> } {
  const eventType = o.eventType ?? 'TRANSACTION.SUCCESS';
  const type = eventType.startsWith('REFUND') ? 'refund' : 'transaction';
  const body = JSON.stringify({
    id: randomUUID(),
    create_time: new Date().toISOString().slice(0, 19) + '+00:00',
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: '支付成功',
    resource: encryptResource(JSON.stringify(resource), Buffer.from(h.payKeys.apiV3Key, 'utf8'), type, type),
  });
  const key = o.forged ? forgerKey : privateKeyFromPem(h.payKeys.platformPrivateKeyPem);
  return { body, headers: signedHeaders(body, o.serial ?? h.payKeys.publicKeyId, key, o.at ?? new Date()) };
}

/** Posts to the app's notify URL over the network, as WeChat Pay does. */
export async function postNotification(h: Harness, n: { body: string; headers: Record<string, string> }): Promise<number> {
  const res = await fetch(h.appUrl + NOTIFY_PATH, { method: 'POST', headers: { 'content-type': 'application/json', ...n.headers }, body: n.body });
  await res.arrayBuffer();
  return res.status;
}

/** The transaction JSON WeChat Pay keeps for the order (what its TRANSACTION.SUCCESS notification carries). */
export async function simTransaction(h: Harness, outTradeNo: string): Promise<Record<string, unknown>> {
  const { description: _d, notify_url: _n, prepay_id: _p, time_expire: _t, refunded: _r, ...tx } = (await simOrder(h, outTradeNo)) as unknown as Record<string, unknown>;
  return tx;
}
