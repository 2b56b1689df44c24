// Paying with WeChat Pay through HTTP, the real app and the simulator: the prepay and its signed
// parameters, the simulator's pay sheet, the notification that marks the order paid (only it, or
// WeChat's answer to a query, ever does), and notifications that must change nothing: forged,
// stale, duplicated, of the wrong amount, or garbage.
import { createVerify } from 'node:crypto';
import { expectError, type Harness } from './harness';
import { operator, person, type Person } from './catalog-fixtures';
import { orderPath, placedOrder, shopWithProduct, stockOf, type Shop } from './order-fixtures';
import {
  notification, orderDoc, orderWhen, outTradeNoOf, pay, payRequest, postNotification, simFailNext, simNotifications, simOrder, simPay, simTransaction, startPayHarness, until, viewOrder, wechatOrder,
} from './payment-fixtures';
import { SIMULATOR_PAY_SHEET_PATH, SIMULATOR_PREFIX } from '../../contract/paths';
import type { OrderView } from '../../contract/orders';
import { privateKeyFromPem, signedHeaders } from '../../server/src/wechat/pay/crypto';

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

const sheetUrl = () => h.simulatorUrl + SIMULATOR_PAY_SHEET_PATH.slice(SIMULATOR_PREFIX.length);
const paidEntries = (o: OrderView) => o.timeline.filter((t) => t.event === 'paid');
const openidOf = async (p: Person) => (await h.boot.services.models.User.findById(p.userId).lean())?.openid as string;

describe('paying', () => {
  it('quote offers WeChat Pay; pay answers signed parameters; the pay sheet pays; the notification marks it paid', async () => {
    const quote = await h.api.post('/api/v1/orders/quote').set((await person(h)).auth).send({ shopId: s.shop.id, lines: [{ productId: s.product.id, variantId: s.product.variants[0].id, quantity: 2 }] });
    expect(quote.body.paymentMethods).toEqual(['wechat', 'direct']);

    const { buyer, order } = await wechatOrder(h, s, [{ quantity: 2 }]);
    expect(order).toMatchObject({ status: 'awaiting_payment', paymentMethod: 'wechat', money: { payment: 'none', paidFen: 0, refundableFen: 0, transactionId: null } });
    expect(order.actions.sort()).toEqual(['cancel', 'pay']);
    // A WeChat order is not confirmed by hand.
    expect((await viewOrder(h, s, order.id)).actions).toEqual(['cancel']);

    const first = await pay(h, buyer, order.id);
    expect(first.amountFen).toBe(order.totalFen);
    expect(first.expiresAt).toBe(order.expiresAt);
    const p = first.params;
    expect(p).toMatchObject({ appId: h.config.wechat.appid, signType: 'RSA', package: expect.stringMatching(/^prepay_id=wx\w+$/) });
    expect(p.timeStamp).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(p.timeStamp) - Date.now() / 1000)).toBeLessThan(60);
    // paySign: RSA-SHA256 over appId\ntimeStamp\nnonceStr\npackage\n with the merchant's key.
    const verify = (msg: string, sig: string) => createVerify('RSA-SHA256').update(msg).verify(h.payKeys.merchantPublicKeyPem, sig, 'base64');
    expect(verify(`${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`, p.paySign)).toBe(true);
    expect(verify(`${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}`, p.paySign)).toBe(false);

    // The prepay WeChat keeps: our out_trade_no, the order's total, its expiry, our notify URL.
    const no = await outTradeNoOf(h, order.id);
    expect(no).toBe(order.orderNo.replace('-', ''));
    const kept = await simOrder(h, no);
    expect(kept).toMatchObject({ trade_state: 'NOTPAY', amount: { total: order.totalFen }, mchid: h.payKeys.mchid });
    expect(new Date(kept.time_expire as string).getTime()).toBe(Math.floor(new Date(order.expiresAt as string).getTime() / 1000) * 1000);

    // Paying twice (a dropped network) reuses the same prepay; the parameters are signed afresh.
    const again = await pay(h, buyer, order.id);
    expect(again.params.package).toBe(p.package);
    expect(again.params.nonceStr).not.toBe(p.nonceStr);

    // The phone's word never pays: checking before paying leaves it unpaid.
    const check = await h.api.post(orderPath(order.id, 'pay/check')).set(buyer.auth);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ status: 'awaiting_payment', money: { payment: 'pending', paidFen: 0 } });

    // The sheet shows what is paid; it refuses a tampered signature and someone else's phone.
    const prepayId = p.package.slice('prepay_id='.length);
    const sheet = await (await fetch(`${sheetUrl()}?prepay_id=${prepayId}`)).json();
    expect(sheet).toMatchObject({ prepayId, amountFen: order.totalFen, mchid: h.payKeys.mchid, description: expect.stringContaining('沁州黄小米') });
    const post = (body: object) => fetch(sheetUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const tampered = await post({ ...p, nonceStr: `${p.nonceStr}x`, choice: 'pay' });
    expect(tampered.status).toBe(400);
    expect(((await tampered.json()) as { error: { code: string } }).error.code).toBe('PAY_SIGN_INVALID');
    expect((await post({ ...p, choice: 'pay', openid: 'o_someone_else_0001' })).status).toBe(403);
    expect((await viewOrder(h, buyer, order.id)).status).toBe('awaiting_payment');

    const paid = await post({ ...again.params, choice: 'pay', openid: await openidOf(buyer) });
    expect(paid.status).toBe(200);
    const { transactionId } = (await paid.json()) as { transactionId: string };
    const after = await orderWhen(h, buyer, order.id, (o) => o.status === 'paid', 'the order paid');
    expect(after).toMatchObject({ status: 'paid', expiresAt: null, money: { payment: 'paid', paidFen: order.totalFen, refundedFen: 0, refundableFen: order.totalFen, transactionId } });
    expect(paidEntries(after)).toEqual([expect.objectContaining({ actor: 'system', note: expect.stringContaining(transactionId) })]);
    expect(after.actions).toEqual(['request_refund']);
    expect((await viewOrder(h, s, order.id)).actions.sort()).toEqual(['cancel', 'refund', 'ship']);

    // Paid: neither pay nor the sheet take money again.
    expect(expectError(await payRequest(h, buyer, order.id), 409, 'ORDER_NOT_PAYABLE').details).toEqual({ status: 'paid' });
    expect((await post({ ...again.params, choice: 'pay' })).status).toBe(400);
    expect(paidEntries(await viewOrder(h, buyer, order.id))).toHaveLength(1);
  });

  it('a cancel on the pay sheet changes nothing', async () => {
    const { buyer, order } = await wechatOrder(h, s);
    const { params } = await pay(h, buyer, order.id);
    const res = await fetch(sheetUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...params, choice: 'cancel' }) });
    expect(await res.json()).toEqual({ result: 'cancelled' });
    expect((await simOrder(h, await outTradeNoOf(h, order.id))).trade_state).toBe('NOTPAY');
    expect((await h.api.post(orderPath(order.id, 'pay/check')).set(buyer.auth)).body.status).toBe('awaiting_payment');
  });

  it('pay/check after the phone says paid asks WeChat Pay, and a lost notification does not matter', async () => {
    const { buyer, order } = await wechatOrder(h, s);
    await pay(h, buyer, order.id);
    const transactionId = await simPay(h, await outTradeNoOf(h, order.id), 'no_notify');
    const check = await h.api.post(orderPath(order.id, 'pay/check')).set(buyer.auth);
    expect(check.body).toMatchObject({ status: 'paid', money: { payment: 'paid', paidFen: order.totalFen, transactionId } });
    expect(paidEntries(check.body)).toEqual([expect.objectContaining({ actor: 'system' })]);
    // Checking again changes nothing.
    const twice = await h.api.post(orderPath(order.id, 'pay/check')).set(buyer.auth);
    expect(paidEntries(twice.body)).toHaveLength(1);
  });

  it('an order paid directly cannot be paid with WeChat Pay', async () => {
    const { buyer, order } = await placedOrder(h, s);
    expect(order.actions).toEqual(['cancel']);
    expect(expectError(await payRequest(h, buyer, order.id), 409, 'ORDER_NOT_PAYABLE').details).toEqual({ status: 'awaiting_payment' });
    expect((await orderDoc(h, order.id)).payment).toBeNull();
  });

  it('an order past its time cannot be paid, and makes no prepay', async () => {
    const { buyer, order } = await wechatOrder(h, s);
    h.boot.services.now = () => new Date(Date.now() + 31 * 60_000);
    expect((await viewOrder(h, buyer, order.id)).actions).toEqual(['cancel']);
    expect(expectError(await payRequest(h, buyer, order.id), 409, 'ORDER_NOT_PAYABLE').details).toEqual({ status: 'awaiting_payment' });
    expect((await orderDoc(h, order.id)).payment).toBeNull();
  });

  it('a cancelled order cannot be paid', async () => {
    const { buyer, order } = await wechatOrder(h, s);
    await h.api.post(orderPath(order.id, 'cancel')).set(buyer.auth).send({ reason: '不要了' }).expect(200);
    expect(expectError(await payRequest(h, buyer, order.id), 409, 'ORDER_NOT_PAYABLE').details).toEqual({ status: 'cancelled' });
  });

  it('two taps at once make one prepay', async () => {
    const { buyer, order } = await wechatOrder(h, s);
    const answers = await Promise.all(Array.from({ length: 5 }, () => pay(h, buyer, order.id)));
    expect(new Set(answers.map((a) => a.params.package)).size).toBe(1);
    expect((await orderDoc(h, order.id)).payment?.prepayId).toBe(answers[0].params.package.slice('prepay_id='.length));
  });
});

describe('notifications', () => {
  /** A WeChat order with its prepay: the buyer, the order, its out_trade_no. */
  async function prepaid() {
    const { buyer, order } = await wechatOrder(h, s);
    await pay(h, buyer, order.id);
    return { buyer, order, no: await outTradeNoOf(h, order.id) };
  }
  const snapshot = async (id: string) => JSON.stringify([await orderDoc(h, id), await stockOf(h, s.product.id)]);
  const since = async (n: number) => (await simNotifications(h)).slice(n).filter((a) => a.eventType === 'TRANSACTION.SUCCESS');

  it("WeChat's bad-signature probe is refused with 401 and changes nothing; the genuine one then pays", async () => {
    const { buyer, order, no } = await prepaid();
    const seen = (await simNotifications(h)).length;
    await simPay(h, no, 'bad_signature');
    const paid = await orderWhen(h, buyer, order.id, (o) => o.status === 'paid', 'the genuine notification');
    const attempts = await since(seen);
    expect(attempts.map((a) => `${a.kind}:${a.status}`)).toEqual(['probe:401', 'genuine:204']);
    expect(attempts[0].notificationId).toBe(attempts[1].notificationId);
    expect(paidEntries(paid)).toHaveLength(1);
  });

  it('a stale timestamp is refused, and the retry (signed afresh) pays', async () => {
    const { buyer, order, no } = await prepaid();
    const seen = (await simNotifications(h)).length;
    await simPay(h, no, 'stale_timestamp');
    const paid = await orderWhen(h, buyer, order.id, (o) => o.status === 'paid', 'the retried notification');
    expect((await since(seen)).map((a) => `${a.kind}:${a.status}:${a.ok}`)).toEqual(['stale:401:false', 'genuine:204:true']);
    expect(paidEntries(paid)).toHaveLength(1);
  });

  it('a duplicate is harmless: paid once, the customer paid once', async () => {
    const { buyer, order, no } = await prepaid();
    const seen = (await simNotifications(h)).length;
    await simPay(h, no, 'duplicate');
    const attempts = await until(async () => {
      const a = await since(seen);
      return a.length === 2 ? a : undefined;
    }, 'both deliveries');
    expect(attempts.map((a) => `${a.kind}:${a.status}`)).toEqual(['genuine:204', 'genuine:204']);
    expect(attempts[0].notificationId).toBe(attempts[1].notificationId);
    await h.boot.services.background.drain();
    const paid = await viewOrder(h, s, order.id);
    expect(paid.status).toBe('paid');
    expect(paidEntries(paid)).toHaveLength(1);
    const customer = await h.boot.services.models.Customer.findById(paid.customerId).lean();
    expect(customer?.paidFen).toBe(order.totalFen);
    expect((await viewOrder(h, buyer, order.id)).money.paidFen).toBe(order.totalFen);
  });

  it('a wrong amount is never marked paid; the operator finds an incident', async () => {
    const { buyer, order, no } = await prepaid();
    const before = await snapshot(order.id);
    const seen = (await simNotifications(h)).length;
    const transactionId = await simPay(h, no, 'wrong_amount');
    const incident = await until(() => h.boot.services.models.PaymentIncident.findOne({ outTradeNo: no }).lean().then((x) => x ?? undefined), 'the incident');
    expect(incident).toMatchObject({ kind: 'amount_mismatch', orderId: expect.anything(), transactionId, expectedFen: order.totalFen, reportedFen: order.totalFen + 1, source: 'notification' });
    expect(String(incident.orderId)).toBe(order.id);
    // Taken (so WeChat stops sending it), and nothing changed.
    expect((await since(seen)).map((a) => a.status)).toEqual([204]);
    expect(await snapshot(order.id)).toBe(before);
    expect((await viewOrder(h, buyer, order.id)).status).toBe('awaiting_payment');
    // The operators' list shows it, with the order's number, newest first.
    const listed = await h.api.get('/api/v1/admin/payment-incidents?kind=amount_mismatch').set((await operator(h)).auth);
    expect(listed.status).toBe(200);
    expect(listed.body.items[0]).toMatchObject({ kind: 'amount_mismatch', outTradeNo: no, orderId: order.id, orderNo: order.orderNo, expectedFen: order.totalFen, reportedFen: order.totalFen + 1 });
  });

  describe('posted by hand: refused with 401, nothing changed', () => {
    const cases: [string, (tx: Record<string, unknown>) => { body: string; headers: Record<string, string> }][] = [
      ['garbage without headers', () => ({ body: '{"event_type":"TRANSACTION.SUCCESS","resource":"paid, honestly"}', headers: {} })],
      ['garbage that is not JSON (text/plain)', () => ({ body: 'paid, honestly', headers: { 'content-type': 'text/plain' } })],
      ['garbage with headers copied from a genuine one', (tx) => ({ ...notification(h, tx), body: '{"id":"x"}' })],
      ['signed with a key that is not WeChat Pay’s', (tx) => notification(h, tx, { forged: true })],
      ['a serial WeChat Pay never used', (tx) => notification(h, tx, { serial: 'PUB_KEY_ID_0000000000000000000000000000000000' })],
      ['ten minutes old', (tx) => notification(h, tx, { at: new Date(Date.now() - 10 * 60_000) })],
      ['WeChat’s signature probe', (tx) => {
        const n = notification(h, tx);
        return { ...n, headers: { ...n.headers, 'Wechatpay-Signature': `WECHATPAY/SIGNTEST/${n.headers['Wechatpay-Signature']}` } };
      }],
    ];
    it.each(cases)('%s', async (_name, make) => {
      const { buyer, order, no } = await prepaid();
      await simPay(h, no, 'no_notify');
      const tx = await simTransaction(h, no);
      const before = await snapshot(order.id);
      expect(await postNotification(h, make(tx))).toBe(401);
      expect(await snapshot(order.id)).toBe(before);
      // The same transaction, genuinely signed, is believed.
      expect(await postNotification(h, notification(h, tx))).toBe(204);
      expect((await viewOrder(h, buyer, order.id)).status).toBe('paid');
    });

    it('a body that is not JSON at all is refused before anything reads it', async () => {
      const { order } = await prepaid();
      const before = await snapshot(order.id);
      // The app's JSON reader refuses it (400 BAD_JSON): not 2xx, so WeChat would send it again.
      expect(await postNotification(h, { body: 'not json {', headers: {} })).toBe(400);
      expect(await snapshot(order.id)).toBe(before);
    });

    it('an encrypted resource altered in transit (signed again by the forger) is refused', async () => {
      const { order, no } = await prepaid();
      await simPay(h, no, 'no_notify');
      const genuine = JSON.parse(notification(h, await simTransaction(h, no)).body) as { resource: { ciphertext: string } };
      const bytes = Buffer.from(genuine.resource.ciphertext, 'base64');
      bytes[3] ^= 1;
      genuine.resource.ciphertext = bytes.toString('base64');
      const before = await snapshot(order.id);
      // Correctly signed by WeChat Pay's key (so only the AEAD tag catches it).
      const body = JSON.stringify(genuine);
      expect(await postNotification(h, { body, headers: signedHeaders(body, h.payKeys.publicKeyId, privateKeyFromPem(h.payKeys.platformPrivateKeyPem), new Date()) })).toBe(401);
      expect(await snapshot(order.id)).toBe(before);
    });
  });

  it('a payment of an order we do not know is recorded for the operator and changes nothing', async () => {
    const { no } = await prepaid();
    await simPay(h, no, 'no_notify');
    const tx = { ...(await simTransaction(h, no)), out_trade_no: 'NOSUCHORDER000001' };
    const orders = JSON.stringify(await h.boot.services.models.Order.find().sort({ _id: 1 }).lean());
    expect(await postNotification(h, notification(h, tx))).toBe(204);
    expect(await h.boot.services.models.PaymentIncident.findOne({ outTradeNo: 'NOSUCHORDER000001' }).lean()).toMatchObject({ kind: 'unknown_order', orderId: null });
    expect(JSON.stringify(await h.boot.services.models.Order.find().sort({ _id: 1 }).lean())).toBe(orders);
  });

  it('a payment to another merchant is not believed', async () => {
    const { buyer, order, no } = await prepaid();
    await simPay(h, no, 'no_notify');
    const tx = { ...(await simTransaction(h, no)), mchid: '1900009999' };
    expect(await postNotification(h, notification(h, tx))).toBe(204);
    expect(await h.boot.services.models.PaymentIncident.findOne({ outTradeNo: no, kind: 'merchant_mismatch' }).lean()).not.toBeNull();
    expect((await viewOrder(h, buyer, order.id)).status).toBe('awaiting_payment');
  });
});

describe('when WeChat Pay fails', () => {
  it('a refused or failed prepay answers WECHAT_UNAVAILABLE, stores nothing, and paying again works', async () => {
    const { buyer, order } = await wechatOrder(h, s);
    // WeChat's statuses are not ours: its 401 SIGN_ERROR must not read as "log in again", its 429 not as bad input.
    for (const [status, code] of [[500, 'SYSTEM_ERROR'], [401, 'SIGN_ERROR'], [429, 'FREQUENCY_LIMITED'], [403, 'NO_AUTH']] as const) {
      expect((await simFailNext(h, status, code)).status).toBe(204);
      const err = expectError(await payRequest(h, buyer, order.id), 502, 'WECHAT_UNAVAILABLE');
      expect(err.details).toEqual({ code });
      expect((await orderDoc(h, order.id)).payment).toBeNull();
    }
    expect((await pay(h, buyer, order.id)).params.package).toMatch(/^prepay_id=wx/);
  });

  it('a failed query on pay/check answers WECHAT_UNAVAILABLE and changes nothing', async () => {
    const { buyer, order } = await wechatOrder(h, s);
    await pay(h, buyer, order.id);
    const before = JSON.stringify(await orderDoc(h, order.id));
    await simFailNext(h, 429, 'FREQUENCY_LIMITED');
    expectError(await h.api.post(orderPath(order.id, 'pay/check')).set(buyer.auth), 502, 'WECHAT_UNAVAILABLE');
    expect(JSON.stringify(await orderDoc(h, order.id))).toBe(before);
  });
});
