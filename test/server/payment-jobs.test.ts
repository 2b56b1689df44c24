// The timed jobs around WeChat Pay, with the real simulator: a lost notification found by the
// reconcile job (once, however many instances run it), a payment that arrives after the order
// expired refunded in full (once, however it arrives), and an order that ended unpaid getting its
// WeChat order closed so it can no longer be paid.
import type { Harness } from './harness';
import { shopWithProduct, stockOf, orderPath, type Shop } from './order-fixtures';
import {
  notification, orderDoc, orderWhen, outTradeNoOf, pay, postNotification, simFailNext, simOrder, simOrders, simPay, simTransaction, startPayHarness, viewOrder, wechatOrder,
} from './payment-fixtures';
import { reconcilePayments } from '../../server/src/jobs/reconcile-payments';
import { expireUnpaidOrders } from '../../server/src/jobs/expire-unpaid-orders';
import { checkRefunds } from '../../server/src/jobs/check-refunds';
import type { OrderView } from '../../contract/orders';

let h: Harness;
let s: Shop;
const realNow = () => new Date();
beforeAll(async () => {
  h = await startPayHarness();
  s = await shopWithProduct(h);
});
afterEach(() => {
  h.boot.services.now = realNow;
});
afterAll(() => h.close());

const services = () => h.boot.services;
/** Runs `job` with the app's clock `ms` ahead (WeChat's own clock, the simulator's, stays real). */
async function later<T>(ms: number, job: () => Promise<T>): Promise<T> {
  services().now = () => new Date(Date.now() + ms);
  try {
    return await job();
  } finally {
    services().now = realNow;
  }
}
const paidEntries = (o: OrderView) => o.timeline.filter((t) => t.event === 'paid');

async function prepaid(quantity = 1) {
  const { buyer, order } = await wechatOrder(h, s, [{ quantity }]);
  await pay(h, buyer, order.id);
  return { buyer, order, no: await outTradeNoOf(h, order.id) };
}

describe('reconcile: a lost notification', () => {
  it('is found by asking WeChat Pay once the first check is due', async () => {
    const { buyer, order, no } = await prepaid();
    const transactionId = await simPay(h, no, 'no_notify');
    // Not due yet: the first check is two minutes after the prepay.
    expect(await reconcilePayments(services())).toMatchObject({ checked: 0, paid: 0 });
    expect((await viewOrder(h, buyer, order.id)).status).toBe('awaiting_payment');
    expect(await later(3 * 60_000, () => reconcilePayments(services()))).toMatchObject({ checked: 1, paid: 1 });
    const paid = await viewOrder(h, buyer, order.id);
    expect(paid).toMatchObject({ status: 'paid', money: { payment: 'paid', paidFen: order.totalFen, transactionId } });
    expect(paidEntries(paid)).toEqual([expect.objectContaining({ actor: 'system' })]);
    // Nothing more to ask about.
    expect(await later(10 * 60_000, () => reconcilePayments(services()))).toMatchObject({ checked: 0 });
  });

  it('two runs at once pay it once', async () => {
    const { buyer, order, no } = await prepaid();
    await simPay(h, no, 'no_notify');
    const runs = await later(3 * 60_000, () => Promise.all([reconcilePayments(services()), reconcilePayments(services()), reconcilePayments(services())]));
    expect(runs.reduce((n, r) => n + r.checked, 0)).toBe(1);
    expect(runs.reduce((n, r) => n + r.paid, 0)).toBe(1);
    await services().background.drain();
    const paid = await viewOrder(h, s, order.id);
    expect(paidEntries(paid)).toHaveLength(1);
    expect((await services().models.Customer.findById(paid.customerId).lean())?.paidFen).toBe(order.totalFen);
    expect((await viewOrder(h, buyer, order.id)).status).toBe('paid');
  });

  it('an unpaid order still open is asked about again later, and left alone', async () => {
    const { order } = await prepaid();
    expect(await later(3 * 60_000, () => reconcilePayments(services()))).toMatchObject({ checked: 1, paid: 0, closed: 0 });
    const doc = await orderDoc(h, order.id);
    expect(doc.status).toBe('awaiting_payment');
    expect(doc.payment?.state).toBe('pending');
    expect(doc.payment?.checkAt?.getTime()).toBeGreaterThan(Date.now());
  });
});

describe('closing the WeChat order of an order that ended unpaid', () => {
  it('the expiry job closes it: the buyer can no longer pay', async () => {
    const { buyer, order, no } = await prepaid();
    // (Other tests' unpaid orders expire in the same run.)
    expect(await later(31 * 60_000, () => expireUnpaidOrders(services()))).toBeGreaterThanOrEqual(1);
    const expired = await viewOrder(h, buyer, order.id);
    expect(expired).toMatchObject({ status: 'cancelled', money: { payment: 'closed', paidFen: 0 }, cancelled: { by: 'system' } });
    expect((await simOrder(h, no)).trade_state).toBe('CLOSED');
    expect((await orderDoc(h, order.id)).stock).toBe('returned');
    await expect(simPay(h, no)).rejects.toThrow(/ORDER_CLOSED/);
  });

  it('cancelling closes the WeChat order at once', async () => {
    const { buyer, order, no } = await prepaid();
    await h.api.post(orderPath(order.id, 'cancel')).set(buyer.auth).send({ reason: '买错了' }).expect(200);
    await h.boot.services.background.drain();
    expect((await simOrder(h, no)).trade_state).toBe('CLOSED');
    expect((await viewOrder(h, buyer, order.id)).money.payment).toBe('closed');
    await expect(simPay(h, no)).rejects.toThrow(/ORDER_CLOSED/);
  });

  it('the reconcile job closes the WeChat order of a cancelled order when closing at once failed', async () => {
    const { buyer, order, no } = await prepaid();
    await simFailNext(h, 500, 'SYSTEM_ERROR');
    await h.api.post(orderPath(order.id, 'cancel')).set(buyer.auth).send({ reason: '买错了' }).expect(200);
    await h.boot.services.background.drain();
    expect((await simOrder(h, no)).trade_state).toBe('NOTPAY');
    expect(await later(3 * 60_000, () => reconcilePayments(services()))).toMatchObject({ checked: 1, closed: 1 });
    expect((await simOrder(h, no)).trade_state).toBe('CLOSED');
    expect((await viewOrder(h, buyer, order.id)).money.payment).toBe('closed');
  });

  it('an order paid just before the deadline is found paid by the expiry job, not cancelled', async () => {
    const { buyer, order, no } = await prepaid();
    await simPay(h, no, 'no_notify');
    expect(await later(31 * 60_000, () => expireUnpaidOrders(services()))).toBe(0);
    expect((await viewOrder(h, buyer, order.id)).status).toBe('paid');
  });
});

describe('a payment after the order expired', () => {
  /**
   * The buyer paid, but WeChat could not be asked when the expiry job ran (so the order expired
   * and its stock went back), and closing the WeChat order failed because it was paid.
   */
  async function paidButExpired() {
    const before = await stockOf(h, s.product.id);
    const { buyer, order, no } = await prepaid(2);
    await simPay(h, no, 'no_notify');
    await simFailNext(h, 500, 'SYSTEM_ERROR');
    expect(await later(31 * 60_000, () => expireUnpaidOrders(services()))).toBeGreaterThanOrEqual(1);
    const expired = await viewOrder(h, buyer, order.id);
    expect(expired).toMatchObject({ status: 'cancelled', money: { payment: 'pending', paidFen: 0 } });
    expect(await stockOf(h, s.product.id)).toEqual(before);
    return { buyer, order, no, before };
  }

  async function expectRefundedOnce(buyer: Parameters<typeof viewOrder>[1], order: OrderView, no: string, stockBefore: Awaited<ReturnType<typeof stockOf>>) {
    const settled = await orderWhen(h, buyer, order.id, (o) => o.money.refunds.length > 0 && o.money.refunds.every((r) => r.status === 'success'), 'the late payment refunded');
    expect(settled).toMatchObject({
      status: 'cancelled',
      money: { payment: 'paid', paidFen: order.totalFen, refundedFen: order.totalFen, refundableFen: 0 },
    });
    expect(settled.money.refunds).toEqual([expect.objectContaining({ kind: 'late_payment', amountFen: order.totalFen, status: 'success', channel: 'wechat', settledAt: expect.any(String) })]);
    expect(paidEntries(settled)).toHaveLength(0);
    expect(settled.timeline.map((t) => t.event)).toEqual(['placed', 'expired', 'refund_started', 'refunded']);
    // WeChat Pay refunded the whole payment, once; the stock came back once, and stays back.
    const kept = await simOrders(h);
    expect(kept.refunds.filter((r) => r.out_trade_no === no)).toEqual([expect.objectContaining({ status: 'SUCCESS', amount: expect.objectContaining({ refund: order.totalFen }) })]);
    expect((await simOrder(h, no)).refunded).toBe(order.totalFen);
    expect(await stockOf(h, s.product.id)).toEqual(stockBefore);
  }

  it('found by the reconcile job: the order stays cancelled and the money goes back in full', async () => {
    const { buyer, order, no, before } = await paidButExpired();
    expect(await later(3 * 60_000, () => reconcilePayments(services()))).toMatchObject({ checked: 1, paid: 1 });
    await expectRefundedOnce(buyer, order, no, before);
  });

  it('its notification, delivered twice, and the reconcile job, all at once: refunded once', async () => {
    const { buyer, order, no, before } = await paidButExpired();
    const tx = await simTransaction(h, no);
    const [first, second] = await later(3 * 60_000, () =>
      Promise.all([postNotification(h, notification(h, tx)), postNotification(h, notification(h, tx)), reconcilePayments(services())]),
    );
    expect([first, second]).toEqual([204, 204]);
    await expectRefundedOnce(buyer, order, no, before);
    // The refund job finds nothing left to do.
    await services().background.drain();
    expect(await later(10 * 60_000, () => checkRefunds(services()))).toBe(0);
  });
});
