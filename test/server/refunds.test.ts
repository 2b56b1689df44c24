// Refunds through HTTP with the real simulator (refunds settle only when the test says, through
// /dev/refund-result, whose notification the app then applies): the seller cancelling a paid
// order, the buyer's request and the seller's answer, the seller's own partial refunds (never above
// what was paid, even all at once), WeChat's abnormal and closed outcomes, a lost refund
// notification found by the refund job, bad input, and weigh-and-settle at shipping (多退少补).
import { expectError, fieldPaths, type Harness } from './harness';
import { person, type Person } from './catalog-fixtures';
import { orderPath, placedOrder, shopWithProduct, stockOf, type Shop } from './order-fixtures';
import {
  expectMoneyConsistent, orderDoc, orderWhen, outTradeNoOf, paidWeChatOrder, simFailNext, simNotifications, simOrder, simOrders, simRefundResult, startPayHarness, until, viewOrder, wechatOrder,
} from './payment-fixtures';
import { checkRefunds } from '../../server/src/jobs/check-refunds';
import type { OrderView } from '../../contract/orders';

let h: Harness;
let s: Shop;
const realNow = () => new Date();
beforeAll(async () => {
  h = await startPayHarness({ refundSettleMs: null });
  s = await shopWithProduct(h);
});
afterEach(() => {
  h.boot.services.now = realNow;
});
afterAll(() => h.close());

const act = (who: Person, id: string, action: string, body: object = {}) => h.api.post(orderPath(id, action)).set(who.auth).send(body);
const refund = (id: string, amountFen: unknown, reason: unknown = '少发了一点') => act(s, id, 'refunds', { amountFen, reason });
const parcels = [{ courierCode: 'SF', trackingNo: 'SF1234567890123' }];
const events = (o: OrderView) => o.timeline.map((t) => t.event);

/** WeChat settles the refund (and notifies); waits until the order shows it. */
async function settle(who: Person, id: string, refundNo: string, status: 'SUCCESS' | 'ABNORMAL' | 'CLOSED' = 'SUCCESS'): Promise<OrderView> {
  const res = await simRefundResult(h, refundNo, status);
  expect(res.status).toBe(200);
  return orderWhen(h, who, id, (o) => o.money.refunds.find((r) => r.refundNo === refundNo)?.status === status.toLowerCase(), `refund ${refundNo} ${status}`);
}

describe('the seller cancels a paid order', () => {
  it('everything goes back: the money (pending, then success), the stock; the order is cancelled', async () => {
    const before = await stockOf(h, s.product.id);
    const { buyer, order } = await paidWeChatOrder(h, s, [{ quantity: 2 }]);
    expect((await stockOf(h, s.product.id)).variants[0]).toBe((before.variants[0] as number) - 2);

    const res = await act(s, order.id, 'cancel', { reason: '缺货，抱歉' });
    expect(res.status).toBe(200);
    const cancelled = res.body as OrderView;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelled: { by: 'seller', reason: '缺货，抱歉' }, actions: [] });
    expect(cancelled.money).toMatchObject({ paidFen: order.totalFen, refundedFen: order.totalFen, refundableFen: 0 });
    expect(cancelled.money.refunds).toEqual([expect.objectContaining({ kind: 'cancel', amountFen: order.totalFen, status: 'pending', channel: 'wechat', settledAt: null })]);
    expect(await stockOf(h, s.product.id)).toEqual(before);
    // WeChat Pay has the refund, processing.
    const no = await outTradeNoOf(h, order.id);
    expect((await simOrders(h)).refunds.filter((r) => r.out_trade_no === no)).toEqual([
      expect.objectContaining({ out_refund_no: cancelled.money.refunds[0].refundNo, status: 'PROCESSING', amount: expect.objectContaining({ refund: order.totalFen, total: order.totalFen }) }),
    ]);

    const settled = await settle(buyer, order.id, cancelled.money.refunds[0].refundNo);
    expect(settled.money.refunds[0]).toMatchObject({ status: 'success', settledAt: expect.any(String) });
    expect(events(settled)).toEqual(['placed', 'paid', 'cancelled', 'refund_started', 'refunded']);
    expectMoneyConsistent(settled);
    // Nothing is left to refund, and the stock stays returned once.
    expectError(await refund(order.id, 1), 409, 'REFUND_NOT_ALLOWED');
    expectError(await act(s, order.id, 'cancel', { reason: '再取消' }), 409, 'ORDER_NOT_CANCELLABLE');
    expect(await stockOf(h, s.product.id)).toEqual(before);
  });

  it('a direct payment is refunded by the seller themselves: recorded as done', async () => {
    const { buyer, order } = await placedOrder(h, s);
    await act(s, order.id, 'confirm-payment').expect(200);
    const res = await act(s, order.id, 'cancel', { reason: '不发了' });
    expect(res.body.money.refunds).toEqual([expect.objectContaining({ kind: 'cancel', channel: 'offline', status: 'success', amountFen: order.totalFen })]);
    expect((await viewOrder(h, buyer, order.id)).status).toBe('cancelled');
  });
});

describe("the buyer's request and the seller's answer", () => {
  it('ask → decline with a reason → ask again → approve part → ask the rest → approve: cancelled, stock back', async () => {
    const before = await stockOf(h, s.product.id);
    const { buyer, order } = await paidWeChatOrder(h, s, [{ quantity: 2 }]);
    const total = order.totalFen;

    const asked = await act(buyer, order.id, 'refund-request', { amountFen: 500, reason: '有一袋受潮了' });
    expect(asked.status).toBe(200);
    expect(asked.body.money.refundRequest).toMatchObject({ amountFen: 500, reason: '有一袋受潮了', status: 'open', answer: null, answeredAt: null });
    expect(asked.body.actions).toEqual([]);
    expect((await viewOrder(h, s, order.id)).actions).toContain('answer_refund');
    expectError(await act(buyer, order.id, 'refund-request', { amountFen: 100, reason: '再问一次' }), 409, 'REFUND_REQUEST_OPEN');

    expect(fieldPaths(expectError(await act(s, order.id, 'refund-request/answer', { decision: 'decline' }), 400, 'VALIDATION_FAILED'))).toContain('reason');
    const declined = await act(s, order.id, 'refund-request/answer', { decision: 'decline', reason: '照片看不出受潮' });
    expect(declined.body.money.refundRequest).toMatchObject({ status: 'declined', answer: '照片看不出受潮', answeredAt: expect.any(String) });
    expect(declined.body.money.refunds).toEqual([]);
    expectError(await act(s, order.id, 'refund-request/answer', { decision: 'approve' }), 409, 'REFUND_NOT_ALLOWED');

    await act(buyer, order.id, 'refund-request', { amountFen: 500, reason: '补了照片' }).expect(200);
    const approved = await act(s, order.id, 'refund-request/answer', { decision: 'approve' });
    expect(approved.body).toMatchObject({ status: 'paid', money: { refundRequest: { status: 'approved', answer: null }, refundedFen: 500, refundableFen: total - 500 } });
    expect(approved.body.money.refunds).toEqual([expect.objectContaining({ kind: 'requested', amountFen: 500, reason: '补了照片', status: 'pending' })]);
    await settle(buyer, order.id, approved.body.money.refunds[0].refundNo);

    // More than is left: refused with what may be asked.
    expect(expectError(await act(buyer, order.id, 'refund-request', { amountFen: total, reason: '全退' }), 422, 'REFUND_TOO_LARGE').details).toEqual({ refundableFen: total - 500 });
    await act(buyer, order.id, 'refund-request', { amountFen: total - 500, reason: '不要了，全退' }).expect(200);
    const whole = await act(s, order.id, 'refund-request/answer', { decision: 'approve' });
    expect(whole.body).toMatchObject({ status: 'cancelled', cancelled: { by: 'seller' }, money: { refundedFen: total, refundableFen: 0 } });
    expect(await stockOf(h, s.product.id)).toEqual(before);
    const done = await settle(buyer, order.id, whole.body.money.refunds[1].refundNo);
    expect(done.money.refunds.map((r) => `${r.kind}:${r.amountFen}:${r.status}`)).toEqual(['requested:500:success', `requested:${total - 500}:success`]);
    expect(events(done)).toEqual(['placed', 'paid', 'refund_requested', 'refund_declined', 'refund_requested', 'refund_started', 'refunded', 'refund_requested', 'cancelled', 'refund_started', 'refunded']);
    expectMoneyConsistent(done);
    expect((await simOrder(h, await outTradeNoOf(h, order.id))).refunded).toBe(total);
  });

  it('a shipped order is refunded in part on request and stays shipped', async () => {
    const { buyer, order } = await paidWeChatOrder(h, s);
    await act(s, order.id, 'ship', { parcels }).expect(200);
    await act(buyer, order.id, 'refund-request', { amountFen: order.totalFen, reason: '寄丢了' }).expect(200);
    const approved = await act(s, order.id, 'refund-request/answer', { decision: 'approve' });
    expect(approved.body).toMatchObject({ status: 'shipped', money: { refundableFen: 0 } });
  });

  it('nothing to ask for before paying', async () => {
    const { buyer, order } = await wechatOrder(h, s);
    expectError(await act(buyer, order.id, 'refund-request', { amountFen: 100, reason: '试试' }), 409, 'REFUND_NOT_ALLOWED');
    expectError(await act(s, order.id, 'refund-request/answer', { decision: 'approve' }), 409, 'REFUND_NOT_ALLOWED');
    expectError(await refund(order.id, 100), 409, 'REFUND_NOT_ALLOWED');
    expect((await orderDoc(h, order.id)).refunds).toEqual([]);
  });

  it('the seller cancelling the paid order answers an open request', async () => {
    const { buyer, order } = await paidWeChatOrder(h, s);
    await act(buyer, order.id, 'refund-request', { amountFen: 100, reason: '少一点' }).expect(200);
    const res = await act(s, order.id, 'cancel', { reason: '干脆全退' });
    expect(res.body).toMatchObject({ status: 'cancelled', money: { refundRequest: { status: 'approved' }, refundedFen: order.totalFen } });
    expect(res.body.money.refunds).toEqual([expect.objectContaining({ kind: 'cancel', amountFen: order.totalFen })]);
  });
});

describe("the seller's own refunds: never above what was paid", () => {
  it('sequential partial refunds until nothing is left', async () => {
    const { buyer, order } = await paidWeChatOrder(h, s, [{ quantity: 2 }]);
    const part = Math.floor(order.totalFen * 0.3);
    for (let i = 1; i <= 3; i += 1) {
      const res = await refund(order.id, part, `第${i}次`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'paid', money: { refundedFen: part * i, refundableFen: order.totalFen - part * i } });
    }
    const err = expectError(await refund(order.id, part), 422, 'REFUND_TOO_LARGE');
    expect(err.details).toEqual({ refundableFen: order.totalFen - 3 * part });
    // The rest, exactly, is allowed; then nothing is.
    await refund(order.id, order.totalFen - 3 * part, '余款').expect(200);
    expectError(await refund(order.id, 1), 409, 'REFUND_NOT_ALLOWED');
    const o = await viewOrder(h, buyer, order.id);
    expect(o.money).toMatchObject({ refundedFen: order.totalFen, refundableFen: 0 });
    expect(o.status).toBe('paid'); // the seller's refunds leave the order as it was
    expectMoneyConsistent(o);
    expect((await simOrder(h, await outTradeNoOf(h, order.id))).refunded).toBe(order.totalFen);
  });

  it('ten refunds of 30% at once: exactly three go through, the rest are told what is left', async () => {
    const { buyer, order } = await paidWeChatOrder(h, s, [{ quantity: 2 }]);
    const part = Math.floor(order.totalFen * 0.3);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => refund(order.id, part, `并发${i}`)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(3);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(expectError(r, 422, 'REFUND_TOO_LARGE').details).toEqual({ refundableFen: order.totalFen - 3 * part });
    }
    const o = await viewOrder(h, buyer, order.id);
    expect(o.money.refunds).toHaveLength(3);
    expect(o.money).toMatchObject({ refundedFen: 3 * part, refundableFen: order.totalFen - 3 * part });
    expectMoneyConsistent(o);
    const atWeChat = (await simOrders(h)).refunds.filter((r) => r.out_trade_no === (o.orderNo.replace('-', '')));
    expect(atWeChat.map((r) => r.amount.refund)).toEqual([part, part, part]);
  });

  it('a cancel and refunds racing: together never more than was paid', async () => {
    const { buyer, order } = await paidWeChatOrder(h, s, [{ quantity: 2 }]);
    const results = await Promise.all([
      refund(order.id, 1000),
      act(s, order.id, 'cancel', { reason: '不卖了' }),
      refund(order.id, 2000),
      refund(order.id, 3000),
    ]);
    results.forEach((r) => expect([200, 409, 422]).toContain(r.status));
    const o = await viewOrder(h, buyer, order.id);
    expectMoneyConsistent(o);
    expect(o.money.refundedFen).toBeLessThanOrEqual(order.totalFen);
    expect(o.money.refunds.filter((r) => r.kind === 'cancel').length).toBeLessThanOrEqual(1);
  });
});

describe("the buyer's total paid with the shop (the seller's customer record)", () => {
  const paidOnRecord = async (buyer: Person) => (await h.boot.services.models.Customer.findOne({ shopId: s.shop.id, userId: buyer.userId }).lean())?.paidFen;

  it('comes down by what came back, once, when the refund succeeds; a closed refund changes nothing', async () => {
    const { buyer, order } = await paidWeChatOrder(h, s, [{ quantity: 2 }]);
    await h.boot.services.background.drain();
    expect(await paidOnRecord(buyer)).toBe(order.totalFen);
    const first = (await refund(order.id, 500)).body as OrderView;
    expect(await paidOnRecord(buyer)).toBe(order.totalFen); // pending: the money is not back yet
    await settle(buyer, order.id, first.money.refunds[0].refundNo);
    expect(await paidOnRecord(buyer)).toBe(order.totalFen - 500);
    // WeChat saying it again changes nothing.
    await simRefundResult(h, first.money.refunds[0].refundNo, 'SUCCESS');
    await h.boot.services.background.drain();
    expect(await paidOnRecord(buyer)).toBe(order.totalFen - 500);
    const second = (await refund(order.id, 300)).body as OrderView;
    await settle(buyer, order.id, second.money.refunds[1].refundNo, 'CLOSED');
    expect(await paidOnRecord(buyer)).toBe(order.totalFen - 500);
  });

  it('a direct payment refunded by the seller comes off at once', async () => {
    const { buyer, order } = await placedOrder(h, s, [{ quantity: 1 }]);
    await act(s, order.id, 'confirm-payment').expect(200);
    expect(await paidOnRecord(buyer)).toBe(order.totalFen);
    await refund(order.id, 200).expect(200);
    expect(await paidOnRecord(buyer)).toBe(order.totalFen - 200);
  });
});

describe("WeChat's outcomes", () => {
  it('ABNORMAL: the refund stays counted and the seller is told to settle it by hand', async () => {
    const { buyer, order } = await paidWeChatOrder(h, s);
    const res = await refund(order.id, 300);
    const o = await settle(buyer, order.id, res.body.money.refunds[0].refundNo, 'ABNORMAL');
    expect(o.money).toMatchObject({ refundedFen: 300, refundableFen: order.totalFen - 300 });
    expect(o.money.refunds[0]).toMatchObject({ status: 'abnormal', settledAt: expect.any(String) });
    expect(o.timeline.at(-1)).toMatchObject({ event: 'refund_failed', actor: 'system' });
    expectMoneyConsistent(o);
  });

  it('ABNORMAL, then settled at WeChat (the merchant re-sent it): success; or closed: refundable again', async () => {
    const { buyer, order } = await paidWeChatOrder(h, s);
    const first = (await refund(order.id, 300, '第一笔')).body.money.refunds[0].refundNo as string;
    const second = (await refund(order.id, 200, '第二笔')).body.money.refunds[1].refundNo as string;
    await settle(buyer, order.id, first, 'ABNORMAL');
    await settle(buyer, order.id, second, 'ABNORMAL');
    const succeeded = await settle(buyer, order.id, first, 'SUCCESS');
    expect(succeeded.money.refunds.map((r) => r.status)).toEqual(['success', 'abnormal']);
    expect(succeeded.money).toMatchObject({ refundedFen: 500, refundableFen: order.totalFen - 500 });
    const closed = await settle(buyer, order.id, second, 'CLOSED');
    expect(closed.money.refunds.map((r) => r.status)).toEqual(['success', 'closed']);
    expect(closed.money).toMatchObject({ refundedFen: 300, refundableFen: order.totalFen - 300 });
    expect(closed.timeline.filter((t) => t.event === 'refunded')).toHaveLength(1);
    expectMoneyConsistent(closed);
  });

  it('CLOSED: the amount becomes refundable again, and may be refunded again', async () => {
    const { buyer, order } = await paidWeChatOrder(h, s);
    const res = await refund(order.id, order.totalFen, '全退');
    expect(res.body.money.refundableFen).toBe(0);
    const o = await settle(buyer, order.id, res.body.money.refunds[0].refundNo, 'CLOSED');
    expect(o.money).toMatchObject({ refundedFen: 0, refundableFen: order.totalFen });
    expect(o.money.refunds[0].status).toBe('closed');
    expect(o.timeline.at(-1)).toMatchObject({ event: 'refund_failed' });
    expectMoneyConsistent(o);
    const again = await refund(order.id, order.totalFen, '再退一次');
    expect(again.status).toBe(200);
    expect(again.body.money.refunds.map((r: { status: string }) => r.status)).toEqual(['closed', 'pending']);
  });
  it('a refund closed after the order was cancelled can still be refunded by the seller: the buyer is never left short', async () => {
    const { buyer, order } = await paidWeChatOrder(h, s);
    const partial = (await refund(order.id, 1000, '先退一部分')).body.money.refunds[0].refundNo as string;
    const cancelled = await act(s, order.id, 'cancel', { reason: '不卖了' });
    expect(cancelled.body.money).toMatchObject({ refundedFen: order.totalFen, refundableFen: 0 });
    const closed = await settle(buyer, order.id, partial, 'CLOSED');
    expect(closed).toMatchObject({ status: 'cancelled', money: { refundedFen: order.totalFen - 1000, refundableFen: 1000 } });
    expect((await viewOrder(h, s, order.id)).actions).toEqual(['refund']);
    const again = await refund(order.id, 1000, '补退');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'cancelled', money: { refundedFen: order.totalFen, refundableFen: 0 } });
    expectMoneyConsistent(again.body as OrderView);
  });
});

describe('the refund job', () => {
  it('a lost refund notification: the job asks WeChat Pay and settles it', async () => {
    const { buyer, order } = await paidWeChatOrder(h, s);
    const res = await refund(order.id, 400);
    const refundNo = res.body.money.refunds[0].refundNo as string;
    expect((await orderDoc(h, order.id)).refunds[0]).toMatchObject({ status: 'pending', submitted: true });
    // The app's clock runs ten minutes ahead: WeChat's notification (signed now) looks stale and is refused, as if lost.
    h.boot.services.now = () => new Date(Date.now() + 10 * 60_000);
    const seen = (await simNotifications(h)).length;
    await simRefundResult(h, refundNo, 'SUCCESS');
    await until(async () => ((await simNotifications(h)).slice(seen).some((a) => a.eventType === 'REFUND.SUCCESS' && a.status === 401) ? true : undefined), 'the refused notification');
    expect((await orderDoc(h, order.id)).refunds[0].status).toBe('pending');
    // (Other tests' refunds, still processing at WeChat, are asked about too.)
    expect(await checkRefunds(h.boot.services)).toBeGreaterThanOrEqual(1);
    h.boot.services.now = realNow;
    const o = await viewOrder(h, buyer, order.id);
    expect(o.money.refunds[0]).toMatchObject({ status: 'success', settledAt: expect.any(String) });
    expect(o.timeline.filter((t) => t.event === 'refunded')).toHaveLength(1);
    // WeChat's retried notification arrives later and changes nothing.
    await until(async () => ((await simNotifications(h)).slice(seen).some((a) => a.eventType === 'REFUND.SUCCESS' && a.ok) ? true : undefined), 'the retried notification');
    expect((await viewOrder(h, buyer, order.id)).timeline.filter((t) => t.event === 'refunded')).toHaveLength(1);
  });

  it('a refund WeChat Pay could not take is sent again by the job, once', async () => {
    const { buyer, order } = await paidWeChatOrder(h, s);
    await simFailNext(h, 500, 'SYSTEM_ERROR');
    const res = await refund(order.id, 250);
    expect(res.status).toBe(200);
    expect(res.body.money.refunds[0]).toMatchObject({ status: 'pending', amountFen: 250 });
    expect((await orderDoc(h, order.id)).refunds[0].submitted).toBe(false);
    const no = await outTradeNoOf(h, order.id);
    expect((await simOrders(h)).refunds.filter((r) => r.out_trade_no === no)).toEqual([]);
    // Not before its retry time; then sent, by one of two instances.
    expect(await checkRefunds(h.boot.services)).toBe(0);
    h.boot.services.now = () => new Date(Date.now() + 2 * 60_000);
    const [a, b] = await Promise.all([checkRefunds(h.boot.services), checkRefunds(h.boot.services)]);
    h.boot.services.now = realNow;
    expect(a + b).toBeGreaterThanOrEqual(1); // (other refunds may be due too)
    expect((await simOrders(h)).refunds.filter((r) => r.out_trade_no === no)).toEqual([expect.objectContaining({ status: 'PROCESSING', amount: expect.objectContaining({ refund: 250 }) })]);
    expect((await orderDoc(h, order.id)).refunds[0].submitted).toBe(true);
    await settle(buyer, order.id, res.body.money.refunds[0].refundNo);
  });
});

describe('bad input: 4xx naming the field, nothing changed', () => {
  let order: OrderView;
  let buyer: Person;
  beforeAll(async () => {
    ({ order, buyer } = await paidWeChatOrder(h, s));
  });
  const cases: [string, object, string][] = [
    ['amount 0', { amountFen: 0, reason: '退' }, 'amountFen'],
    ['amount −1', { amountFen: -1, reason: '退' }, 'amountFen'],
    ['amount 1.5 fen', { amountFen: 1.5, reason: '退' }, 'amountFen'],
    ['amount as a string', { amountFen: '100', reason: '退' }, 'amountFen'],
    ['no amount', { reason: '退' }, 'amountFen'],
    ['no reason', { amountFen: 100 }, 'reason'],
    ['a blank reason', { amountFen: 100, reason: '   ' }, 'reason'],
    ['a reason too long', { amountFen: 100, reason: '长'.repeat(500) }, 'reason'],
  ];
  it.each(cases)('seller refund: %s', async (_name, body, field) => {
    const before = JSON.stringify(await orderDoc(h, order.id));
    expect(fieldPaths(expectError(await act(s, order.id, 'refunds', body), 400, 'VALIDATION_FAILED'))).toContain(field);
    expect(JSON.stringify(await orderDoc(h, order.id))).toBe(before);
  });
  it.each(cases)('buyer request: %s', async (_name, body, field) => {
    const before = JSON.stringify(await orderDoc(h, order.id));
    expect(fieldPaths(expectError(await act(buyer, order.id, 'refund-request', body), 400, 'VALIDATION_FAILED'))).toContain(field);
    expect(JSON.stringify(await orderDoc(h, order.id))).toBe(before);
  });
  it('unknown fields, an unknown decision, above what is refundable', async () => {
    const before = JSON.stringify(await orderDoc(h, order.id));
    // An unknown key is named in the message (zod reports it at the body's root).
    const messages = (e: { details?: unknown }) => JSON.stringify((e.details as { fields: { message: string }[] }).fields.map((f) => f.message));
    expect(messages(expectError(await act(s, order.id, 'refunds', { amountFen: 100, reason: '退', kind: 'cancel' }), 400, 'VALIDATION_FAILED'))).toContain("'kind'");
    expect(messages(expectError(await act(buyer, order.id, 'refund-request', { amountFen: 100, reason: '退', status: 'approved' }), 400, 'VALIDATION_FAILED'))).toContain("'status'");
    expect(fieldPaths(expectError(await act(s, order.id, 'refund-request/answer', { decision: 'maybe' }), 400, 'VALIDATION_FAILED'))).toContain('decision');
    expect(expectError(await refund(order.id, order.totalFen + 1), 422, 'REFUND_TOO_LARGE').details).toEqual({ refundableFen: order.totalFen });
    expect(expectError(await act(buyer, order.id, 'refund-request', { amountFen: order.totalFen + 1, reason: '多退点' }), 422, 'REFUND_TOO_LARGE').details).toEqual({ refundableFen: order.totalFen });
    expect(JSON.stringify(await orderDoc(h, order.id))).toBe(before);
  });
});

describe('weigh and settle (多退少补) at shipping', () => {
  it('a short line is refunded in proportion, a heavy one refunds nothing; packed grams recorded', async () => {
    // 2 × 2.5 kg at ¥38 = 7600 fen for 5000 g, packed 4567 g: 433 g short →
    // 7600 × 433 / 5000 = 658.16 → 658 fen (rounded down). 1 × 5 kg at ¥72 packed 5100 g: nothing.
    const { buyer, order } = await paidWeChatOrder(h, s, [{ variant: 0, quantity: 2 }, { variant: 1, quantity: 1 }]);
    const [small, large] = s.product.variants;
    const res = await act(s, order.id, 'ship', { parcels, packedWeights: [{ variantId: small.id, grams: 4567 }, { variantId: large.id, grams: 5100 }] });
    expect(res.status).toBe(200);
    expect(res.body.lines.map((l: { packedGrams: number | null }) => l.packedGrams)).toEqual([4567, 5100]);
    expect(res.body.money.refunds).toEqual([expect.objectContaining({ kind: 'weight', amountFen: 658, status: 'pending', reason: expect.stringContaining('实发4.567kg（订5kg）') })]);
    expect(res.body.money.refunds[0].reason).not.toContain('5.1kg');
    expect(res.body.status).toBe('shipped');
    const o = await settle(buyer, order.id, res.body.money.refunds[0].refundNo);
    expect(o.money).toMatchObject({ refundedFen: 658, refundableFen: order.totalFen - 658 });
    expect((await simOrders(h)).refunds.find((r) => r.out_refund_no === res.body.money.refunds[0].refundNo)?.amount.refund).toBe(658);
  });

  it('packed as ordered or heavier: no refund', async () => {
    const { order } = await paidWeChatOrder(h, s, [{ quantity: 1 }]);
    const res = await act(s, order.id, 'ship', { parcels, packedWeights: [{ variantId: s.product.variants[0].id, grams: 2600 }] });
    expect(res.body).toMatchObject({ status: 'shipped', money: { refunds: [], refundedFen: 0 } });
    expect(res.body.lines[0].packedGrams).toBe(2600);
  });

  it('a variant not on the order: 400 naming it, the order still paid and unchanged', async () => {
    const { order } = await paidWeChatOrder(h, s, [{ quantity: 1 }]);
    const before = JSON.stringify(await orderDoc(h, order.id));
    const stock = await stockOf(h, s.product.id);
    const err = expectError(await act(s, order.id, 'ship', { parcels, packedWeights: [{ variantId: s.product.variants[1].id, grams: 100 }] }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(err)).toEqual(['packedWeights.0.variantId']);
    expect(JSON.stringify(await orderDoc(h, order.id))).toBe(before);
    expect(await stockOf(h, s.product.id)).toEqual(stock);
    const bad = expectError(await act(s, order.id, 'ship', { parcels, packedWeights: [{ variantId: s.product.variants[0].id, grams: -5 }] }), 400, 'VALIDATION_FAILED');
    expect(fieldPaths(bad)).toEqual(['packedWeights.0.grams']);
    expect((await viewOrder(h, s, order.id)).status).toBe('paid');
  });

  it('a short weight after earlier refunds is capped by what is left', async () => {
    const { order } = await paidWeChatOrder(h, s, [{ quantity: 1 }]);
    await refund(order.id, order.totalFen - 100, '先退大部分').expect(200);
    // Packed nothing of 2.5 kg: the line's 3800 fen are owed, but only 100 fen are left.
    const res = await act(s, order.id, 'ship', { parcels, packedWeights: [{ variantId: s.product.variants[0].id, grams: 0 }] });
    expect(res.status).toBe(200);
    expect(res.body.money.refunds.map((r: { kind: string; amountFen: number }) => `${r.kind}:${r.amountFen}`)).toEqual([`seller:${order.totalFen - 100}`, 'weight:100']);
    expect(res.body.money.refundableFen).toBe(0);
  });

  it('a direct order is settled by the seller: the weight refund is recorded as done offline', async () => {
    const { buyer, order } = await placedOrder(h, s, [{ quantity: 1 }]);
    await act(s, order.id, 'confirm-payment').expect(200);
    const res = await act(s, order.id, 'ship', { parcels, packedWeights: [{ variantId: s.product.variants[0].id, grams: 2400 }] });
    // 3800 × 100 / 2500 = 152 fen.
    expect(res.body.money.refunds).toEqual([expect.objectContaining({ kind: 'weight', amountFen: 152, channel: 'offline', status: 'success' })]);
    expect((await viewOrder(h, buyer, order.id)).money.refundedFen).toBe(152);
  });
});

it('another buyer cannot see anything of it', async () => {
  const { order } = await paidWeChatOrder(h, s);
  const stranger = await person(h);
  expectError(await act(stranger, order.id, 'refund-request', { amountFen: 1, reason: '我也要' }), 404, 'NOT_FOUND');
});
