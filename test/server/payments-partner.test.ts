// A service provider with sub-merchants (partner mode), end to end with the simulator: a shop
// without a sub-merchant id takes only direct payment; once its owner (or the provider's
// operator) sets one, buyers pay with WeChat Pay straight to that shop's sub-merchant, and
// refunds go back through the partner API.
import { expectError, fieldPaths, type Harness } from './harness';
import { OPERATOR_OPENID, operator, person, seller, type Person } from './catalog-fixtures';
import { orderPath, placeRequest, place, shopWithProduct, type Shop } from './order-fixtures';
import {
  notification, orderDoc, orderWhen, outTradeNoOf, pay, postNotification, simOrder, simOrders, simPay, simTransaction, startPayHarness, viewOrder, wechatOrder,
} from './payment-fixtures';
import type { PaymentSettingsView } from '../../contract/payments';

const SUB = '1900000109';
const OTHER_SUB = '1900000110';

let h: Harness;
let s: Shop;
let op: Person;
beforeAll(async () => {
  h = await startPayHarness({ partner: [SUB, OTHER_SUB] });
  s = await shopWithProduct(h);
  op = await operator(h, OPERATOR_OPENID);
});
afterAll(() => h.close());

const settingsPath = (shopId: string) => `/api/v1/shops/${shopId}/payment-settings`;
const quote = async (who: Person, shop: Shop = s) =>
  (await h.api.post('/api/v1/orders/quote').set(who.auth).send({ shopId: shop.shop.id, lines: placeRequest(shop).lines })).body as { paymentMethods: string[] };

it('a shop without a sub-merchant takes only direct payment; setting one (version guarded) opens WeChat Pay', async () => {
  const buyer = await person(h);
  expect((await quote(buyer)).paymentMethods).toEqual(['direct']);
  const refused = await place(h, buyer, placeRequest(s, [{ quantity: 1 }], { paymentMethod: 'wechat' }));
  expect(fieldPaths(expectError(refused, 400, 'VALIDATION_FAILED'))).toEqual(['paymentMethod']);

  const initial = await h.api.get(settingsPath(s.shop.id)).set(s.auth);
  expect(initial.body).toEqual({ mode: 'partner', wechatPay: false, subMchid: null, version: 0 } satisfies PaymentSettingsView);
  // The operator may read it; another seller and a buyer learn nothing.
  expect((await h.api.get(settingsPath(s.shop.id)).set(op.auth)).body).toEqual(initial.body);
  const other = await seller(h);
  expectError(await h.api.get(settingsPath(s.shop.id)).set(other.auth), 404, 'NOT_FOUND');
  expectError(await h.api.put(settingsPath(s.shop.id)).set(other.auth).send({ subMchid: SUB, version: 0 }), 404, 'NOT_FOUND');
  expectError(await h.api.put(settingsPath(s.shop.id)).set(buyer.auth).send({ subMchid: SUB, version: 0 }), 404, 'NOT_FOUND');

  // Not a merchant id: named.
  for (const bad of ['abc', '123', '1234567890123', ' ']) {
    expect(fieldPaths(expectError(await h.api.put(settingsPath(s.shop.id)).set(s.auth).send({ subMchid: bad, version: 0 }), 400, 'VALIDATION_FAILED'))).toEqual(['subMchid']);
  }
  expect(fieldPaths(expectError(await h.api.put(settingsPath(s.shop.id)).set(s.auth).send({ subMchid: SUB }), 400, 'VALIDATION_FAILED'))).toEqual(['version']);

  // The operator sets a wrong one first; the owner, still at version 0, is told it changed.
  const byOperator = await h.api.put(settingsPath(s.shop.id)).set(op.auth).send({ subMchid: OTHER_SUB, version: 0 });
  expect(byOperator.body).toEqual({ mode: 'partner', wechatPay: true, subMchid: OTHER_SUB, version: 1 });
  const stale = expectError(await h.api.put(settingsPath(s.shop.id)).set(s.auth).send({ subMchid: SUB, version: 0 }), 409, 'VERSION_CONFLICT');
  expect(stale.details).toEqual({ current: byOperator.body });
  const owned = await h.api.put(settingsPath(s.shop.id)).set(s.auth).send({ subMchid: ` ${SUB} `, version: 1 });
  expect(owned.body).toEqual({ mode: 'partner', wechatPay: true, subMchid: SUB, version: 2 });
  expect((await quote(buyer)).paymentMethods).toEqual(['wechat', 'direct']);
});

it('pays to the sub-merchant through the partner API, and refunds through it', async () => {
  const { buyer, order } = await wechatOrder(h, s, [{ quantity: 2 }]);
  const { params } = await pay(h, buyer, order.id);
  const stored = (await orderDoc(h, order.id)).payment;
  // Partner mode is the sub-merchant being named: the provider's mchid, the shop's sub_mchid.
  expect(stored).toMatchObject({ subMchid: SUB, mchid: h.payKeys.mchid, state: 'pending' });
  expect(stored?.subMchid).not.toBeNull();
  const no = await outTradeNoOf(h, order.id);
  // WeChat keeps a partner order: the provider's sp_mchid, the shop's sub_mchid.
  expect(await simOrder(h, no)).toMatchObject({ sp_mchid: h.payKeys.mchid, sub_mchid: SUB, trade_state: 'NOTPAY', amount: { total: order.totalFen } });
  expect(params.package).toMatch(/^prepay_id=wx/);

  const transactionId = await simPay(h, no, undefined, SUB);
  const paid = await orderWhen(h, buyer, order.id, (o) => o.status === 'paid', 'the partner notification');
  expect(paid.money).toMatchObject({ payment: 'paid', paidFen: order.totalFen, transactionId });

  const refund = await h.api.post(orderPath(order.id, 'refunds')).set(s.auth).send({ amountFen: 1000, reason: '少了一点' });
  expect(refund.status).toBe(200);
  const settled = await orderWhen(h, buyer, order.id, (o) => o.money.refunds[0]?.status === 'success', 'the partner refund to settle');
  expect(settled.money).toMatchObject({ refundedFen: 1000, refundableFen: order.totalFen - 1000 });
  expect((await simOrders(h)).refunds.filter((r) => r.out_trade_no === no)).toEqual([expect.objectContaining({ status: 'SUCCESS', amount: expect.objectContaining({ refund: 1000 }) })]);

  // The seller cancels what is left: the rest goes back to the same sub-merchant's buyer.
  await h.api.post(orderPath(order.id, 'cancel')).set(s.auth).send({ reason: '不卖了' }).expect(200);
  const all = await orderWhen(h, buyer, order.id, (o) => o.money.refunds.length === 2 && o.money.refunds.every((r) => r.status === 'success'), 'the rest refunded');
  expect(all).toMatchObject({ status: 'cancelled', money: { refundedFen: order.totalFen, refundableFen: 0 } });
  expect((await simOrder(h, no)).refunded).toBe(order.totalFen);
});

it("an order keeps the sub-merchant it was prepaid with; a payment reported for another sub-merchant is not believed", async () => {
  const { buyer, order } = await wechatOrder(h, s);
  await pay(h, buyer, order.id);
  const no = await outTradeNoOf(h, order.id);
  // The shop switches its sub-merchant after the prepay: the order still pays the first one.
  const current = (await h.api.get(settingsPath(s.shop.id)).set(s.auth)).body as PaymentSettingsView;
  await h.api.put(settingsPath(s.shop.id)).set(s.auth).send({ subMchid: OTHER_SUB, version: current.version }).expect(200);
  await simPay(h, no, 'no_notify', SUB);
  const tx = await simTransaction(h, no);
  expect(tx).toMatchObject({ sub_mchid: SUB });
  expect(await postNotification(h, notification(h, { ...tx, sub_mchid: OTHER_SUB }))).toBe(204);
  expect(await h.boot.services.models.PaymentIncident.findOne({ outTradeNo: no }).lean()).toMatchObject({ kind: 'merchant_mismatch', orderId: expect.anything() });
  expect((await viewOrder(h, buyer, order.id)).status).toBe('awaiting_payment');
  expect(await postNotification(h, notification(h, tx))).toBe(204);
  expect((await viewOrder(h, buyer, order.id)).money).toMatchObject({ payment: 'paid', paidFen: order.totalFen });
  expect((await orderDoc(h, order.id)).payment?.subMchid).toBe(SUB);
  await h.api.put(settingsPath(s.shop.id)).set(s.auth).send({ subMchid: SUB, version: current.version + 1 }).expect(200);
});

it('taking the sub-merchant away closes WeChat Pay for new orders', async () => {
  const other = await shopWithProduct(h);
  await h.api.put(settingsPath(other.shop.id)).set(other.auth).send({ subMchid: SUB, version: 0 }).expect(200);
  const off = await h.api.put(settingsPath(other.shop.id)).set(other.auth).send({ subMchid: null, version: 1 });
  expect(off.body).toMatchObject({ wechatPay: false, subMchid: null, version: 2 });
  const buyer = await person(h);
  expectError(await place(h, buyer, placeRequest(other, [{ quantity: 1 }], { paymentMethod: 'wechat' })), 400, 'VALIDATION_FAILED');
  expect((await quote(buyer, other)).paymentMethods).toEqual(['direct']);
});
